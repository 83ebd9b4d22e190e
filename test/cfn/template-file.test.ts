import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TemplateFileError } from '../../lib/cfn/template-error';
import { MAX_TEMPLATE_BYTES, parseTemplateText, readTemplateFile } from '../../lib/cfn/template-file';
import { assertTemplateShape } from '../../lib/cfn/template-shape';

// The CLI's behaviour on top of this reader (UsageError, exit 2, SAM) is tested in test/cli/check/template-loader.test.ts.
describe('lib/cfn reads template files for the CLI, SAM and tests', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-cfn-file-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('YAML short-form intrinsics are read as their long form, with lines of resources and keys', () => {
    const file = path.join(dir, 't.yaml');
    fs.writeFileSync(
      file,
      'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: !GetAtt R.Arn\n      Handler: !Sub "${AWS::Region}-h"\n',
    );
    const read = readTemplateFile(file);
    expect(read.value).toEqual({
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Role: { 'Fn::GetAtt': ['R', 'Arn'] }, Handler: { 'Fn::Sub': '${AWS::Region}-h' } },
        },
      },
    });
    expect(read.lineOf('Fn')).toBe(2);
    expect(read.lineAt?.(['Resources', 'Fn', 'Properties', 'Handler'])).toBe(6);
    expect(read.absolutePath).toBe(file);
  });

  test('JSON by content or extension, with the line of a logical ID', () => {
    const parsed = parseTemplateText('x.template', '{\n  "Resources": {\n    "Q": { "Type": "AWS::SQS::Queue" }\n  }\n}');
    expect(parsed.value).toEqual({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
    expect(parsed.lineOf('Q')).toBe(3);
  });

  test('what is not a template is refused with a TemplateFileError naming the file, never its text', () => {
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, Buffer.alloc(MAX_TEMPLATE_BYTES + 1, 0x20));
    expect(() => readTemplateFile(big)).toThrow(TemplateFileError);
    expect(() => readTemplateFile(big)).toThrow(/big\.json is 1\.0 MB; CloudFormation accepts templates up to 1 MB/);
    expect(() => parseTemplateText('s.json', '{"Secret": "AKIAIOSFODNN7EXAMPLE",}')).toThrow(/^s\.json: invalid JSON: (?![\s\S]*AKIA)/);
    expect(() => parseTemplateText('d.yaml', 'a: 1\na: 2\n')).toThrow(/^d\.yaml: invalid YAML: .*\(line 2\)/);
    expect(() => assertTemplateShape('e.yaml', { Resources: {} })).toThrow(
      new TemplateFileError('e.yaml: the Resources section is empty (CloudFormation requires at least one resource)'),
    );
  });
});
