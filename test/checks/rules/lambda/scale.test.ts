import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { BulkheadChecks } from '../../../../lib/checks';
import { StackIndex } from '../../../../lib/cfn/resolve';

/**
 * The cross-resource Lambda rules must stay linear: each builds its map once per stack and run (StackIndex.memo),
 * and every resource is rendered once per run, however many functions the stack holds. Counted, not timed.
 */
const CODE = lambda.Code.fromInline('exports.handler = async () => 1;');
const OUR_KEYS = ['lambda:function-lookup', 'lambda:function-invokers', 'lambda:invoke-configs'];

function stackOf(app: App, id: string, functions: number): Stack {
  const stack = new Stack(app, id, { env: { account: '111111111111', region: 'eu-west-1' } });
  for (let i = 0; i < functions; i++) {
    const fn = new lambda.Function(stack, `Fn${i}`, {
      code: CODE,
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      functionName: `fn-${i}`,
    });
    if (i % 2 === 0) fn.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
    else fn.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, `Q${i}`)));
  }
  return stack;
}

function cfnResources(stack: Stack): number {
  return stack.node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack).length;
}

describe('Lambda rules at scale (200 functions per stack)', () => {
  afterEach(() => jest.restoreAllMocks());

  test('each stack is indexed once, each map built once per stack, each resource rendered once, per run', () => {
    const app = new App();
    const stacks = [stackOf(app, 'A', 200), stackOf(app, 'B', 200)];
    const computed = new Map<string, number>();
    const indexes = new Set<StackIndex>();
    const memo = StackIndex.prototype.memo;
    jest.spyOn(StackIndex.prototype, 'memo').mockImplementation(function (this: StackIndex, key: string, compute: () => unknown) {
      indexes.add(this);
      return memo.call(this, key, () => {
        const k = `${this.stack.stackName}/${key}`;
        computed.set(k, (computed.get(k) ?? 0) + 1);
        return compute();
      });
    } as typeof memo);
    const render = jest.spyOn(CfnResource.prototype as any, '_toCloudFormation');

    for (const run of [1, 2]) {
      computed.clear();
      indexes.clear();
      render.mockClear();
      const checks = new BulkheadChecks();
      const found = checks.findingsFor(app).filter((f) => /ReservedConcurrency|UninvokedFunction/.test(f.ruleId));
      // Sanity: the rules did judge every function (none has a ceiling; all are invoked).
      expect({ run, ceilings: found.filter((f) => f.ruleId.endsWith('ReservedConcurrency')).length }).toEqual({ run, ceilings: 400 });
      expect(found.filter((f) => f.ruleId.endsWith('UninvokedFunction'))).toEqual([]);
      expect(indexes.size).toBe(2);
      for (const stack of stacks) {
        for (const key of OUR_KEYS)
          expect({ run, key: `${stack.stackName}/${key}`, builds: computed.get(`${stack.stackName}/${key}`) }).toEqual({
            run,
            key: `${stack.stackName}/${key}`,
            builds: 1,
          });
      }
      // No map of these rules (e.g. lambda:queues-by-name, built only for literal queue ARNs) is built twice.
      expect([...computed].filter(([k, n]) => k.includes('/lambda:') && n > 1)).toEqual([]);
      expect(render.mock.calls.length).toBe(stacks.reduce((n, s) => n + cfnResources(s), 0));
    }
  });
});
