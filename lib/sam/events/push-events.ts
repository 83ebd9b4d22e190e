import { ExpansionContext } from '../context';
import { FunctionTarget, SamError } from '../types';
import { asList, describe, getAtt, isIntrinsic, isMap, JsonMap, optionalMap, ref, required, sub } from '../values';

/** Event types whose service invokes the function (through a permission, a subscription, a rule or a trigger). */
export const PUSH_EVENT_TYPES = [
  'SNS',
  'S3',
  'Schedule',
  'ScheduleV2',
  'CloudWatchEvent',
  'EventBridgeRule',
  'CloudWatchLogs',
  'IoTRule',
  'Cognito',
  'AlexaSkill',
];

/** Cognito triggers Lambda invokes asynchronously; every other trigger waits for the function's answer. */
const ASYNC_COGNITO_TRIGGERS = new Set(['CustomEmailSender', 'CustomSMSSender']);

function permission(
  ctx: ExpansionContext,
  fn: FunctionTarget,
  name: string,
  at: readonly string[],
  principal: string,
  extra: JsonMap,
): void {
  ctx.add(
    `${fn.id}${name}Permission`,
    {
      Type: 'AWS::Lambda::Permission',
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: fn.invokeRef, Principal: principal, ...extra },
    },
    { resource: fn.id, part: `event ${name} permission`, path: at },
    fn.samResource,
  );
}

/** Properties of an EventBridge target SAM copies from the event (RetryPolicy, DeadLetterConfig, inputs). */
function ruleTarget(ctx: ExpansionContext, fn: FunctionTarget, name: string, p: JsonMap, at: readonly string[]): JsonMap {
  const target: JsonMap = { Arn: fn.invokeArn, Id: `${fn.id}${name}LambdaTarget` };
  for (const key of ['Input', 'InputPath', 'InputTransformer', 'RetryPolicy']) if (p[key] !== undefined) target[key] = p[key];
  const dlq = optionalMap(fn.id, `Events.${name}.Properties.DeadLetterConfig`, p.DeadLetterConfig);
  if (dlq) {
    let arn = dlq.Arn;
    if (arn === undefined) {
      if (dlq.Type !== 'SQS')
        throw new SamError(fn.id, `Events.${name}.Properties.DeadLetterConfig`, 'needs Arn, or Type: SQS for SAM to create the queue');
      const queueId = typeof dlq.QueueLogicalId === 'string' ? dlq.QueueLogicalId : `${fn.id}${name}Queue`;
      ctx.add(
        queueId,
        { Type: 'AWS::SQS::Queue', Properties: {} },
        { resource: fn.id, part: `event ${name} dead-letter queue SAM creates`, path: at },
        fn.samResource,
      );
      arn = getAtt(queueId, 'Arn');
    }
    target.DeadLetterConfig = { Arn: arn };
  }
  return target;
}

function state(p: JsonMap): unknown {
  if (p.State !== undefined) return p.State;
  if (p.Enabled === false) return 'DISABLED';
  return p.Enabled === undefined ? undefined : 'ENABLED';
}

/**
 * The map SAM adds an event's entry to in a plain resource of the template (a bucket's notifications, a user pool's
 * triggers), checked before it is patched: anything but a map (or an intrinsic SAM cannot merge into) is refused naming it.
 */
function patchedMap(target: { id: string; resource: JsonMap }, path: readonly string[]): JsonMap | undefined {
  let value: unknown = target.resource.Properties;
  let at = 'Properties';
  if (value !== undefined && (!isMap(value) || isIntrinsic(value)))
    throw new SamError(target.id, at, `must be a map, not ${describe(value)}`);
  for (const key of path) {
    value = (value as JsonMap | undefined)?.[key];
    at = `${at}.${key}`;
    if (value !== undefined && (!isMap(value) || isIntrinsic(value)))
      throw new SamError(target.id, at, `must be a map, not ${describe(value)}; SAM adds an event source of a function to it`);
  }
  return value as JsonMap | undefined;
}

/** The logical ID a `Ref`/`GetAtt` names, when it is a resource of the template. */
function templateResourceOf(ctx: ExpansionContext, value: unknown): { id: string; resource: JsonMap } | undefined {
  if (!isMap(value)) return undefined;
  const id = typeof value.Ref === 'string' ? value.Ref : Array.isArray(value['Fn::GetAtt']) ? value['Fn::GetAtt'][0] : undefined;
  const resource = typeof id === 'string' ? ctx.inputResource(id) : undefined;
  return resource ? { id: id as string, resource } : undefined;
}

/** SNS, S3, schedules, EventBridge and CloudWatch Events rules, log subscriptions, IoT rules, Cognito triggers, Alexa skills. */
export function expandPushEvent(
  ctx: ExpansionContext,
  fn: FunctionTarget,
  name: string,
  type: string,
  p: JsonMap,
  at: readonly string[],
): void {
  const where = `Events.${name}.Properties`;
  const source = (part: string): { resource: string; part: string; path: readonly string[] } => ({ resource: fn.id, part, path: at });
  const id = `${fn.id}${name}`;
  switch (type) {
    case 'SNS': {
      const topic = required(fn.id, `${where}.Topic`, p.Topic, 'the topic ARN');
      if (p.SqsSubscription !== undefined && p.SqsSubscription !== false) {
        // SAM puts a queue between the topic and the function: the function is then fed by an SQS mapping.
        const given = isMap(p.SqsSubscription) ? p.SqsSubscription : {};
        let queueArn = given.QueueArn;
        if (queueArn === undefined) {
          ctx.add(`${id}Queue`, { Type: 'AWS::SQS::Queue', Properties: {} }, source(`event ${name} queue SAM creates`), fn.samResource);
          queueArn = getAtt(`${id}Queue`, 'Arn');
          ctx.add(
            `${id}QueuePolicy`,
            {
              Type: 'AWS::SQS::QueuePolicy',
              Properties: {
                Queues: [ref(`${id}Queue`)],
                PolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [
                    {
                      Effect: 'Allow',
                      Principal: { Service: 'sns.amazonaws.com' },
                      Action: 'sqs:SendMessage',
                      Resource: queueArn,
                      Condition: { ArnEquals: { 'aws:SourceArn': topic } },
                    },
                  ],
                },
              },
            },
            source(`event ${name} queue policy`),
            fn.samResource,
          );
        }
        ctx.add(
          id,
          { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'sqs', Endpoint: queueArn, TopicArn: topic } },
          source(`event ${name}`),
          fn.samResource,
        );
        ctx.add(
          `${id}EventSourceMapping`,
          {
            Type: 'AWS::Lambda::EventSourceMapping',
            Properties: {
              FunctionName: fn.invokeRef,
              EventSourceArn: queueArn,
              BatchSize: given.BatchSize ?? 10,
              ...(given.Enabled !== undefined ? { Enabled: given.Enabled } : {}),
            },
          },
          source(`event ${name} queue mapping`),
          fn.samResource,
        );
        fn.policies?.addManaged('AWSLambdaSQSQueueExecutionRole');
        return;
      }
      const subscription: JsonMap = { Protocol: 'lambda', Endpoint: fn.invokeArn, TopicArn: topic };
      for (const key of ['FilterPolicy', 'FilterPolicyScope', 'Region', 'RedrivePolicy'])
        if (p[key] !== undefined) subscription[key] = p[key];
      ctx.add(id, { Type: 'AWS::SNS::Subscription', Properties: subscription }, source(`event ${name}`), fn.samResource);
      permission(ctx, fn, name, at, 'sns.amazonaws.com', { SourceArn: topic });
      return;
    }
    case 'S3': {
      const bucket = required(fn.id, `${where}.Bucket`, p.Bucket, 'a Ref to a bucket of this template');
      const target = templateResourceOf(ctx, bucket);
      if (!target || target.resource.Type !== 'AWS::S3::Bucket')
        throw new SamError(
          fn.id,
          `${where}.Bucket`,
          'must be a Ref to an AWS::S3::Bucket of this template (SAM adds the notification to it)',
        );
      required(fn.id, `${where}.Events`, p.Events, 'the S3 event names (e.g. s3:ObjectCreated:*)');
      permission(ctx, fn, name, at, 's3.amazonaws.com', { SourceAccount: ref('AWS::AccountId') });
      const notifications = patchedMap(target, ['NotificationConfiguration']);
      const configured = notifications?.LambdaConfigurations;
      if (configured !== undefined && !Array.isArray(configured)) {
        throw new SamError(
          target.id,
          'Properties.NotificationConfiguration.LambdaConfigurations',
          `must be a list, not ${describe(configured)}; SAM adds ${fn.id}'s ${name} notification to it`,
        );
      }
      ctx.patch(target.id, (bucketResource) => {
        const properties = (bucketResource.Properties ??= {}) as JsonMap;
        const into = (properties.NotificationConfiguration ??= {}) as JsonMap;
        const list = (into.LambdaConfigurations ??= []) as unknown[];
        for (const event of asList(p.Events))
          list.push({ Event: event, Function: fn.invokeArn, ...(p.Filter !== undefined ? { Filter: p.Filter } : {}) });
      });
      return;
    }
    case 'Schedule': {
      const rule: JsonMap = {
        ScheduleExpression: required(fn.id, `${where}.Schedule`, p.Schedule, 'a rate() or cron() expression'),
        Targets: [ruleTarget(ctx, fn, name, p, at)],
      };
      for (const key of ['Name', 'Description']) if (p[key] !== undefined) rule[key] = p[key];
      if (state(p) !== undefined) rule.State = state(p);
      ctx.add(id, { Type: 'AWS::Events::Rule', Properties: rule }, source(`event ${name}`), fn.samResource);
      permission(ctx, fn, name, at, 'events.amazonaws.com', { SourceArn: getAtt(id, 'Arn') });
      return;
    }
    case 'ScheduleV2': {
      const roleId = `${id}Role`;
      const target: JsonMap = { Arn: fn.invokeArn, RoleArn: p.RoleArn ?? getAtt(roleId, 'Arn') };
      for (const key of ['Input', 'RetryPolicy']) if (p[key] !== undefined) target[key] = p[key];
      if (isMap(p.DeadLetterConfig) && p.DeadLetterConfig.Arn !== undefined) target.DeadLetterConfig = { Arn: p.DeadLetterConfig.Arn };
      const schedule: JsonMap = {
        ScheduleExpression: required(fn.id, `${where}.ScheduleExpression`, p.ScheduleExpression, 'a rate(), cron() or at() expression'),
        FlexibleTimeWindow: p.FlexibleTimeWindow ?? { Mode: 'OFF' },
        Target: target,
      };
      for (const key of ['Name', 'Description', 'GroupName', 'State', 'ScheduleExpressionTimezone', 'StartDate', 'EndDate', 'KmsKeyArn'])
        if (p[key] !== undefined) schedule[key] = p[key];
      ctx.add(id, { Type: 'AWS::Scheduler::Schedule', Properties: schedule }, source(`event ${name}`), fn.samResource);
      if (p.RoleArn === undefined) {
        ctx.add(
          roleId,
          {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['scheduler.amazonaws.com'] } }],
              },
              Policies: [
                {
                  PolicyName: `${id}LambdaPolicy`,
                  PolicyDocument: {
                    Version: '2012-10-17',
                    Statement: [{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: fn.invokeArn }],
                  },
                },
              ],
            },
          },
          source(`event ${name} scheduler role`),
          fn.samResource,
        );
      }
      return;
    }
    case 'CloudWatchEvent':
    case 'EventBridgeRule': {
      const rule: JsonMap = {
        EventPattern: required(fn.id, `${where}.Pattern`, p.Pattern, 'an event pattern'),
        Targets: [ruleTarget(ctx, fn, name, p, at)],
      };
      for (const key of ['EventBusName', 'Name', 'Description']) if (p[key] !== undefined) rule[key] = p[key];
      if (state(p) !== undefined) rule.State = state(p);
      ctx.add(id, { Type: 'AWS::Events::Rule', Properties: rule }, source(`event ${name}`), fn.samResource);
      permission(ctx, fn, name, at, 'events.amazonaws.com', { SourceArn: getAtt(id, 'Arn') });
      return;
    }
    case 'CloudWatchLogs': {
      const logGroup = required(fn.id, `${where}.LogGroupName`, p.LogGroupName, 'the log group name');
      required(fn.id, `${where}.FilterPattern`, p.FilterPattern, 'a filter pattern ("" for every event)');
      permission(ctx, fn, name, at, 'logs.amazonaws.com', {
        SourceArn: sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${__LogGroupName__}:*', {
          __LogGroupName__: logGroup,
        }),
      });
      ctx.add(
        id,
        {
          Type: 'AWS::Logs::SubscriptionFilter',
          Properties: { DestinationArn: fn.invokeArn, FilterPattern: p.FilterPattern, LogGroupName: logGroup },
          DependsOn: [`${id}Permission`],
        },
        source(`event ${name}`),
        fn.samResource,
      );
      return;
    }
    case 'IoTRule': {
      const sql = required(fn.id, `${where}.Sql`, p.Sql, 'the rule SQL');
      ctx.add(
        id,
        {
          Type: 'AWS::IoT::TopicRule',
          Properties: {
            TopicRulePayload: {
              AwsIotSqlVersion: p.AwsIotSqlVersion ?? '2015-10-08',
              Sql: sql,
              RuleDisabled: false,
              Actions: [{ Lambda: { FunctionArn: fn.invokeArn } }],
            },
          },
        },
        source(`event ${name}`),
        fn.samResource,
      );
      permission(ctx, fn, name, at, 'iot.amazonaws.com', {
        SourceAccount: ref('AWS::AccountId'),
        SourceArn: sub('arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}', { RuleName: ref(id) }),
      });
      return;
    }
    case 'Cognito': {
      const pool = required(fn.id, `${where}.UserPool`, p.UserPool, 'a Ref to an AWS::Cognito::UserPool of this template');
      const target = templateResourceOf(ctx, pool);
      if (!target || target.resource.Type !== 'AWS::Cognito::UserPool')
        throw new SamError(
          fn.id,
          `${where}.UserPool`,
          'must be a Ref to an AWS::Cognito::UserPool of this template (SAM adds the trigger to it)',
        );
      const triggers = asList(required(fn.id, `${where}.Trigger`, p.Trigger, 'the trigger name(s), e.g. PreSignUp'));
      // One permission per function, named <Function>CognitoPermission whatever the event's name, as SAM names it.
      ctx.add(
        `${fn.id}CognitoPermission`,
        {
          Type: 'AWS::Lambda::Permission',
          Properties: {
            Action: 'lambda:InvokeFunction',
            FunctionName: fn.invokeRef,
            Principal: 'cognito-idp.amazonaws.com',
            SourceArn: getAtt(target.id, 'Arn'),
          },
        },
        { resource: fn.id, part: `event ${name} permission`, path: at },
        fn.samResource,
      );
      patchedMap(target, ['LambdaConfig']);
      ctx.patch(target.id, (poolResource) => {
        const properties = (poolResource.Properties ??= {}) as JsonMap;
        const config = (properties.LambdaConfig ??= {}) as JsonMap;
        for (const trigger of triggers) {
          if (typeof trigger !== 'string') throw new SamError(fn.id, `${where}.Trigger`, 'must be a trigger name or a list of them');
          config[trigger] = ASYNC_COGNITO_TRIGGERS.has(trigger) ? { LambdaArn: fn.invokeArn, LambdaVersion: 'V1_0' } : fn.invokeArn;
        }
      });
      return;
    }
    case 'AlexaSkill':
      permission(ctx, fn, name, at, 'alexa-appkit.amazon.com', p.SkillId !== undefined ? { EventSourceToken: p.SkillId } : {});
      return;
  }
}
