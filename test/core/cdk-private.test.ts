import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnMapping, CfnResource, DockerImage, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { isBundledAsset, renderedFragment, stringsRefusedAsObjects, validationPluginsOf } from '../../lib/core/cdk-private';

/** Fails naming the installed aws-cdk-lib, so an upgrade that breaks a fenced private use says what to mend. */
const CDK_VERSION: string = JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version;
function expectUnchanged(what: string, ok: boolean, detail: unknown): void {
  if (!ok)
    throw new Error(`aws-cdk-lib ${CDK_VERSION} changed ${what} (lib/core/cdk-private.ts relies on it): got ${JSON.stringify(detail)}`);
}

describe(`the private aws-cdk-lib API fenced in lib/core/cdk-private.ts (aws-cdk-lib ${CDK_VERSION})`, () => {
  const app = new App();
  const stack = new Stack(app, 'S');

  test('CfnResource._toCloudFormation renders the resource with its overrides', () => {
    const queue = new CfnResource(stack, 'Q', { type: 'AWS::SQS::Queue', properties: { DelaySeconds: 1 } });
    queue.addPropertyOverride('VisibilityTimeout', 60);
    const fragment = stack.resolve(renderedFragment(queue));
    const body = fragment?.Resources?.[stack.resolve(queue.logicalId)];
    expectUnchanged(
      'CfnResource._toCloudFormation()',
      body?.Type === 'AWS::SQS::Queue' && body?.Properties?.VisibilityTimeout === 60,
      fragment,
    );
  });

  test('CfnMapping._toCloudFormation renders the mapping under Mappings', () => {
    const mapping = new CfnMapping(stack, 'Runtimes', { mapping: { node: { version: 'nodejs22.x' } } });
    const fragment = stack.resolve(renderedFragment(mapping));
    const body = fragment?.Mappings?.[stack.resolve(mapping.logicalId)];
    expectUnchanged('CfnMapping._toCloudFormation()', body?.node?.version === 'nodejs22.x', fragment);
  });

  test('Stage._validationPlugins lists what Validations.of(stage).addPlugins registered', () => {
    const stage = new Stage(app, 'Dev');
    const plugin = { name: 'Probe', validate: () => ({ success: true, violations: [] }) };
    Validations.of(stage).addPlugins(plugin);
    const plugins = validationPluginsOf(stage);
    expectUnchanged(
      'Stage._validationPlugins',
      plugins?.includes(plugin) === true,
      plugins?.map((p) => p.name),
    );
  });

  test('s3_assets.Asset.isBundled is true for an asset with bundling options and false without', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-cdk-private-'));
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => 1;\n');
    const bundled = new s3assets.Asset(stack, 'Bundled', {
      path: dir,
      bundling: {
        image: DockerImage.fromRegistry('unused'),
        local: {
          tryBundle: (out: string) => {
            fs.copyFileSync(path.join(dir, 'index.js'), path.join(out, 'index.js'));
            return true;
          },
        },
      },
    });
    const plain = new s3assets.Asset(stack, 'Plain', { path: dir });
    fs.rmSync(dir, { recursive: true, force: true });
    expectUnchanged('s3_assets.Asset#isBundled', isBundledAsset(bundled) && !isBundledAsset(plain), {
      bundled: (bundled as any).isBundled,
      plain: (plain as any).isBundled,
    });
  });

  test('L1 validation refuses a JSON string where an object is required, quoting it ("... should be an \'object\'")', () => {
    const redrive = '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:111111111111:dlq","maxReceiveCount":3}';
    let message = '';
    const other = new Stack(app, 'Other');
    const queue = new sqs.CfnQueue(other, 'Strings', { redrivePolicy: redrive });
    try {
      other.resolve(renderedFragment(queue));
    } catch (e) {
      message = (e as Error).message;
    }
    expectUnchanged("the text of CfnQueue's RedrivePolicy type error", stringsRefusedAsObjects(message).includes(redrive), message);
  });
});
