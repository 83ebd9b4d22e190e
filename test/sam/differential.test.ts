import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { cloudFormationTags } from '../../lib/cli/check/yaml-intrinsics';
import { expandSam, SamError } from '../../lib/sam';
import { differences } from './differential';

/**
 * Differential test against the real SAM transform: AWS publishes the transform's input/output pairs in
 * aws/serverless-application-model (tests/translator/input/<name>.yaml, output/<name>.json, Apache-2.0). When a copy
 * is present (SAM_TRANSLATOR_PAIRS, default ../shared/sam-translator beside the repository), every pair whose input
 * our expansion accepts must agree with the real output on every property the rules read (test/sam/differential.ts).
 * The copy is not in this repository: the comparator itself is tested below on pairs that differ on purpose.
 */
const PAIRS = process.env.SAM_TRANSLATOR_PAIRS ?? path.resolve(__dirname, '../../../shared/sam-translator');
const HAS_PAIRS = fs.existsSync(path.join(PAIRS, 'input')) && fs.existsSync(path.join(PAIRS, 'output'));

describe('the comparator', () => {
  const real = { Resources: {
    F: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Role: { 'Fn::GetAtt': ['FRole', 'Arn'] }, Code: { S3Bucket: 'b', S3Key: 'k' } } },
    FRole: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
      Policies: [{ PolicyName: 'FRolePolicy0', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }] } }] } },
    FVersion0123456789: { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'F' } } },
    FAliaslive: { Type: 'AWS::Lambda::Alias', Properties: { FunctionName: { Ref: 'F' }, FunctionVersion: { 'Fn::GetAtt': ['FVersion0123456789', 'Version'] }, Name: 'live' } },
  } };
  const sam = { Transform: 'AWS::Serverless-2016-10-31', Resources: { F: { Type: 'AWS::Serverless::Function', Properties: {
    Runtime: 'nodejs22.x', Handler: 'i.h', CodeUri: 's3://b/k', AutoPublishAlias: 'live',
    Policies: [{ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }],
  } } } };

  it('finds no difference where the expansion agrees (hashed IDs, policy names and statement layout aside)', () => {
    expect(differences(expandSam(sam).template, real)).toEqual([]);
  });

  it('reports a property the rules read that differs, a resource missing on either side', () => {
    const changed = JSON.parse(JSON.stringify(real));
    changed.Resources.F.Properties.ReservedConcurrentExecutions = 5;
    changed.Resources.FRole.Properties.Policies[0].PolicyDocument.Statement[0].Action = 's3:*';
    changed.Resources.FUrl = { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: { Ref: 'F' } } };
    expect(differences(expandSam(sam).template, changed)).toEqual([
      'F.ReservedConcurrentExecutions: ours undefined, the transform\'s 5',
      expect.stringMatching(/^FRole\.Statements: ours .*s3:getobject.*, the transform's .*s3:\*/),
      'FUrl (AWS::Lambda::Url): missing from our expansion',
    ]);
  });
});

(HAS_PAIRS ? describe : describe.skip)(`the real transform's test pairs (${PAIRS})`, () => {
  it('every pair our expansion accepts agrees with the real output on what the rules read', () => {
    const report: string[] = [];
    let compared = 0;
    let refused = 0;
    for (const name of fs.readdirSync(path.join(PAIRS, 'input')).filter((f) => f.endsWith('.yaml')).sort()) {
      const output = path.join(PAIRS, 'output', name.replace(/\.yaml$/, '.json'));
      if (!fs.existsSync(output)) continue; // an error case of the transform: no output to compare
      const input = parse(fs.readFileSync(path.join(PAIRS, 'input', name), 'utf8'), { customTags: cloudFormationTags() });
      let ours;
      try {
        ours = expandSam(input, { baseDir: path.join(PAIRS, 'input') });
      } catch (e) {
        if (!(e instanceof SamError)) throw e;
        refused++;
        report.push(`${name}: refused: ${e.message}`);
        continue;
      }
      compared++;
      for (const d of differences(ours.template, JSON.parse(fs.readFileSync(output, 'utf8')))) report.push(`${name}: ${d}`);
    }
    console.log(`SAM transform pairs: ${compared} compared, ${refused} refused, ${report.length - refused} differences`);
    expect(report.filter((r) => !/: refused: /.test(r))).toEqual([]);
  });
});
