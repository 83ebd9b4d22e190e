import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecureFunction } from '../../lib/function';

const IMAGE_DIR = path.join(__dirname, '../fixtures/image');

/** The platform each Docker image asset of the stack will be built for, from the assets manifest. */
function imagePlatforms(build: (stack: Stack) => void): Array<string | undefined> {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-image-')) });
  const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
  build(stack);
  const assembly = app.synth();
  const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'S.assets.json'), 'utf8'));
  return Object.values(manifest.dockerImages as { [id: string]: { source: { platform?: string } } }).map((i) => i.source.platform);
}

describe("container images from a directory are built for the function's architecture", () => {
  test('the default ARM_64 builds linux/arm64, and the runtime is FROM_IMAGE', () => {
    let fn: SecureFunction | undefined;
    expect(
      imagePlatforms((s) => {
        fn = new SecureFunction(s, 'Fn', { code: lambda.Code.fromAssetImage(IMAGE_DIR), handler: lambda.Handler.FROM_IMAGE });
      }),
    ).toEqual(['linux/arm64']);
    expect(fn!.runtime).toBe(lambda.Runtime.FROM_IMAGE);
  });

  test('X86_64 builds linux/amd64', () => {
    expect(
      imagePlatforms(
        (s) =>
          new SecureFunction(s, 'Fn', {
            code: lambda.Code.fromAssetImage(IMAGE_DIR),
            handler: lambda.Handler.FROM_IMAGE,
            architecture: lambda.Architecture.X86_64,
          }),
      ),
    ).toEqual(['linux/amd64']);
  });

  test('a platform that matches is kept; one that conflicts is refused, naming prop, value, limit and fix', () => {
    expect(
      imagePlatforms(
        (s) =>
          new SecureFunction(s, 'Fn', {
            code: lambda.Code.fromAssetImage(IMAGE_DIR, { platform: Platform.LINUX_ARM64 }),
            handler: lambda.Handler.FROM_IMAGE,
          }),
      ),
    ).toEqual(['linux/arm64']);
    expect(
      () =>
        new SecureFunction(new Stack(new App(), 'S'), 'Fn', {
          code: lambda.Code.fromAssetImage(IMAGE_DIR, { platform: Platform.LINUX_AMD64 }),
          handler: lambda.Handler.FROM_IMAGE,
        }),
    ).toThrow(
      /^S\/Fn: code platform is "linux\/amd64"; allowed: linux\/arm64, the platform of architecture arm64 .* Fix: build the image with platform: Platform.LINUX_ARM64/,
    );
  });

  test("aws-cdk-lib still keeps an image asset's directory and options where image-platform.ts reads them", () => {
    // If this fails, aws-cdk-lib changed lambda.AssetImageCode's private fields: update lib/function/image-platform.ts.
    const code = lambda.Code.fromAssetImage(IMAGE_DIR, { cmd: ['x'] }) as unknown as { directory: unknown; props: { cmd?: string[] } };
    expect(`${require('aws-cdk-lib/package.json').version}: ${typeof code.directory} ${JSON.stringify(code.props)}`).toBe(
      `${require('aws-cdk-lib/package.json').version}: string {"cmd":["x"]}`,
    );
  });
});
