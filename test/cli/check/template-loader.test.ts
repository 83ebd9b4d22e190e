import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UsageError } from '../../../lib/cli/io';
import { loadTemplateFile } from '../../../lib/cli/check/template-loader';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-loader-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('short-form intrinsics', () => {
  const yaml = `Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  Both: !And [!Condition IsProd, !Not [!Equals [a, b]]]
  Either: !Or [!Condition IsProd, !Condition Both]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "\${AWS::StackName}-q"
      Tags:
        - Key: a
          Value: !GetAtt Other.Arn.Suffix
        - Key: b
          Value: !GetAtt [Other, Arn]
        - Key: c
          Value: !Join ["-", [!Select [0, !Split [",", "x,y"]], !FindInMap [M, k, v]]]
        - Key: d
          Value: !Base64 { "Fn::Sub": "x" }
        - Key: e
          Value: !If [IsProd, !ImportValue shared, !Ref "AWS::NoValue"]
        - Key: f
          Value: !Select [0, !Cidr [!Select [0, !GetAZs ""], 2, 8]]
        - Key: g
          Value: !Sub
            - "\${A}"
            - A: !Ref Other
`;

  it('become their long form, including nested and multi-form tags', () => {
    const t = loadTemplateFile(write('short.yaml', yaml)).template as any;
    expect(t.Conditions.IsProd).toEqual({ 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] });
    expect(t.Conditions.Both).toEqual({ 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] }] });
    expect(t.Conditions.Either['Fn::Or']).toHaveLength(2);
    const tags = t.Resources.Queue.Properties.Tags.map((x: any) => x.Value);
    expect(t.Resources.Queue.Properties.QueueName).toEqual({ 'Fn::Sub': '${AWS::StackName}-q' });
    expect(tags[0]).toEqual({ 'Fn::GetAtt': ['Other', 'Arn.Suffix'] }); // split at the first dot only
    expect(tags[1]).toEqual({ 'Fn::GetAtt': ['Other', 'Arn'] });
    expect(tags[2]).toEqual({
      'Fn::Join': ['-', [{ 'Fn::Select': [0, { 'Fn::Split': [',', 'x,y'] }] }, { 'Fn::FindInMap': ['M', 'k', 'v'] }]],
    });
    expect(tags[3]).toEqual({ 'Fn::Base64': { 'Fn::Sub': 'x' } });
    expect(tags[4]).toEqual({ 'Fn::If': ['IsProd', { 'Fn::ImportValue': 'shared' }, { Ref: 'AWS::NoValue' }] });
    expect(tags[5]).toEqual({ 'Fn::Select': [0, { 'Fn::Cidr': [{ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, 2, 8] }] });
    expect(tags[6]).toEqual({ 'Fn::Sub': ['${A}', { A: { Ref: 'Other' } }] });
  });

  it('keep anchors and aliases working inside tagged values', () => {
    const t = loadTemplateFile(
      write(
        'alias.yaml',
        'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: &n !Sub "${AWS::Region}"\n      Other: *n\n',
      ),
    ).template as any;
    expect(t.Resources.A.Properties.Other).toEqual({ 'Fn::Sub': '${AWS::Region}' });
  });

  it('reject an unknown tag instead of silently reading it as a string', () => {
    expect(() => loadTemplateFile(write('unknown-tag.yaml', 'Resources:\n  A:\n    Type: !Bogus x\n'))).toThrow(
      /invalid YAML: Unresolved tag: !Bogus \(line 3\)/,
    );
  });
});

describe('locating resources', () => {
  it('finds the line of a logical ID in YAML', () => {
    const t = loadTemplateFile(
      write('lines.yaml', '# c\nResources:\n  First:\n    Type: AWS::SQS::Queue\n\n  Second:\n    Type: AWS::SQS::Queue\n'),
    );
    expect(t.lineOf('First')).toBe(3);
    expect(t.lineOf('Second')).toBe(6);
    expect(t.lineOf('Missing')).toBeUndefined();
  });

  it('finds the line of a logical ID in JSON, not an earlier same-named key outside Resources', () => {
    const json = JSON.stringify(
      {
        Parameters: { Second: { Type: 'String' } },
        Resources: { First: { Type: 'AWS::SQS::Queue' }, Second: { Type: 'AWS::SQS::Queue' } },
      },
      null,
      1,
    );
    const t = loadTemplateFile(write('lines.json', json));
    const lines = json.split('\n');
    expect(lines[t.lineOf('Second')! - 1]).toMatch(/^ {2}"Second"/);
    expect(lines[t.lineOf('First')! - 1]).toMatch(/"First"/);
  });
});

describe('JSON detection', () => {
  it('reads JSON content whatever the extension (cdk.out uses .template.json, others .template)', () => {
    const t = loadTemplateFile(write('x.template', '{"Resources":{"A":{"Type":"AWS::SQS::Queue"}}}'));
    expect(Object.keys(t.template.Resources as object)).toEqual(['A']);
  });

  it('reports malformed JSON with its line', () => {
    expect(() => loadTemplateFile(write('bad.json', '{\n"Resources": {\n  "A": 1,\n}}'))).toThrow(UsageError);
    expect(() => loadTemplateFile(write('bad2.json', '{\n"Resources": {\n  "A": 1,\n}}'))).toThrow(/invalid JSON: .*\(line 4\)$/);
  });

  it('never echoes template text in a JSON error', () => {
    const secretish = 'sk' + '_live_FAKEFAKEFAKE';
    expect(() => loadTemplateFile(write('bad3.json', `{"Resources": {"A": , "${secretish}": 1}}`))).toThrow(
      /^[^]*invalid JSON: Unexpected token ','$/,
    );
  });
});

describe('asset paths', () => {
  it('makes cdk.out asset metadata absolute, so code rules can read the asset from a temp copy', () => {
    const t = loadTemplateFile(
      write(
        'assets.json',
        JSON.stringify({
          Resources: {
            Fn: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:asset:path': 'asset.abc123' } },
            Abs: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:asset:path': '/opt/code' } },
          },
        }),
      ),
    ).template as any;
    expect(t.Resources.Fn.Metadata['aws:asset:path']).toBe(path.join(dir, 'asset.abc123'));
    expect(t.Resources.Abs.Metadata['aws:asset:path']).toBe('/opt/code');
  });
});
