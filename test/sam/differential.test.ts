import * as fs from 'fs';
import * as path from 'path';
import { readTemplateFile } from '../../lib/cfn/template-file';
import { expandSam, SamError, SamTemplate } from '../../lib/sam';
import { differences, judged } from './differential';

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
  const real = {
    Resources: {
      F: {
        Type: 'AWS::Lambda::Function',
        Properties: { Runtime: 'nodejs22.x', Role: { 'Fn::GetAtt': ['FRole', 'Arn'] }, Code: { S3Bucket: 'b', S3Key: 'k' } },
      },
      FRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
          Policies: [
            {
              PolicyName: 'FRolePolicy0',
              PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }] },
            },
          ],
        },
      },
      FVersion0123456789: { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'F' } } },
      FAliaslive: {
        Type: 'AWS::Lambda::Alias',
        Properties: { FunctionName: { Ref: 'F' }, FunctionVersion: { 'Fn::GetAtt': ['FVersion0123456789', 'Version'] }, Name: 'live' },
      },
    },
  };
  const sam = {
    Transform: 'AWS::Serverless-2016-10-31',
    Resources: {
      F: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          Runtime: 'nodejs22.x',
          Handler: 'i.h',
          CodeUri: 's3://b/k',
          AutoPublishAlias: 'live',
          Policies: [{ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }],
        },
      },
    },
  };

  it('finds no difference where the expansion agrees (hashed IDs, policy names and statement layout aside)', () => {
    expect(differences(expandSam(sam).template, real)).toEqual([]);
  });

  it('reads an ARN the same whichever way SAM writes it: partition literal, Fn::Sub with literal variables', () => {
    const role = (resource: unknown): object =>
      judged('AWS::IAM::Role', {
        ManagedPolicyArns: [resource],
        Policies: [{ PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] } }],
      })!;
    const literal = role('arn:aws:s3:::b/*');
    expect(role({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b/*' })).toEqual(literal);
    expect(role({ 'Fn::Sub': ['arn:${AWS::Partition}:s3:::${name}/*', { name: 'b' }] })).toEqual(literal);
    expect(role({ 'Fn::Sub': ['arn:${AWS::Partition}:s3:::${name}/*', { name: { Ref: 'B' } }] })).not.toEqual(literal);
  });

  it('reports a property the rules read that differs, a resource missing on either side', () => {
    const changed = JSON.parse(JSON.stringify(real));
    changed.Resources.F.Properties.ReservedConcurrentExecutions = 5;
    changed.Resources.FRole.Properties.Policies[0].PolicyDocument.Statement[0].Action = 's3:*';
    changed.Resources.FUrl = { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: { Ref: 'F' } } };
    expect(differences(expandSam(sam).template, changed)).toEqual([
      "F.ReservedConcurrentExecutions: ours undefined, the transform's 5",
      expect.stringMatching(/^FRole\.Statements: ours .*s3:getobject.*, the transform's .*s3:\*/),
      'FUrl (AWS::Lambda::Url): missing from our expansion',
    ]);
  });
});

(HAS_PAIRS ? describe : describe.skip)(`the real transform's test pairs (${PAIRS})`, () => {
  // One pass over every pair, shared by the tests below: the transform's error cases (an output holding errorMessage)
  // included, since a trace on input the transform refuses is as much a bug as one on input it accepts.
  const crashed: string[] = [];
  const refusedValid: string[] = [];
  const differing: string[] = [];
  let accepted = 0;
  let agreeing = 0;
  let errorCases = 0;
  let errorCasesRefused = 0;
  beforeAll(() => {
    for (const name of fs
      .readdirSync(path.join(PAIRS, 'input'))
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      const outputFile = path.join(PAIRS, 'output', name.replace(/\.yaml$/, '.json'));
      if (!fs.existsSync(outputFile)) continue;
      const real = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
      const transformRefuses = typeof real.errorMessage === 'string';
      if (transformRefuses) errorCases++;
      let ours;
      try {
        const input = readTemplateFile(path.join(PAIRS, 'input', name)).value as SamTemplate;
        ours = expandSam(input, { baseDir: path.join(PAIRS, 'input') });
      } catch (e) {
        if (!(e instanceof SamError)) crashed.push(`${name}: ${(e as Error).stack?.split('\n').slice(0, 2).join(' ')}`);
        else if (transformRefuses) errorCasesRefused++;
        else refusedValid.push(`${name}: ${e.message}`);
        continue;
      }
      if (transformRefuses) continue;
      accepted++;
      const found = differences(ours.template, real);
      if (found.length === 0) agreeing++;
      for (const d of found) differing.push(`${name}: ${d}`);
    }
    const valid = accepted + refusedValid.length;
    console.log(
      [
        `SAM transform pairs: ${valid} the transform accepts: ${accepted} expanded, ${agreeing} agreeing on every property the rules read, ${differing.length} differences; ${refusedValid.length} refused`,
        `${errorCases} the transform refuses: ${errorCasesRefused} refused by us too, ${errorCases - errorCasesRefused - crashed.filter((c) => c.startsWith('error_')).length} accepted`,
        `${crashed.length} crashed`,
      ].join('\n'),
    );
  });

  it('no input, valid or not, crashes the expansion (malformed input is a SamError)', () => {
    expect(crashed).toEqual([]);
  });

  it('no template the transform accepts is refused', () => {
    expect(refusedValid).toEqual([]);
  });

  it('every pair our expansion accepts agrees with the real output on what the rules read', () => {
    expect(differing).toEqual([]);
  });
});
