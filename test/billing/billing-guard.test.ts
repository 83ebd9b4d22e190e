import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BillingGuard, BillingGuardProps } from '../../lib/billing';
import { BulkheadChecks, FindingLevel } from '../../lib/checks';

const ACCOUNT = '111111111111';

function billingStack(region = 'us-east-1'): Stack {
  return new Stack(new App(), 'Billing', { env: { account: ACCOUNT, region } });
}

function guard(props: Partial<BillingGuardProps> = {}, stack = billingStack()): { stack: Stack; guard: BillingGuard; template: Template } {
  const g = new BillingGuard(stack, 'Guard', { monthlyBudgetUsd: 500, emails: ['billing@example.com', 'cto@example.com'], ...props });
  return { stack, guard: g, template: Template.fromStack(stack) };
}

/** The key policy statements granting `service`. */
function keyStatementsFor(template: Template, service: string): any[] {
  const keys = Object.values(template.findResources('AWS::KMS::Key')) as any[];
  return keys
    .flatMap((k) => k.Properties.KeyPolicy.Statement)
    .filter((s: any) => [].concat(s.Principal?.Service ?? []).includes(service as never));
}

function topicStatementsFor(template: Template, service: string): any[] {
  const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy')) as any[];
  return policies
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .filter((s: any) => [].concat(s.Principal?.Service ?? []).includes(service as never));
}

describe('defaults', () => {
  const { template, guard: g, stack } = guard();

  test('a monthly COST budget with 80/100 % actual and 100 % forecast notifications to the e-mails and the topic', () => {
    const topic = { Ref: stack.getLogicalId(g.topic.node.defaultChild as sns.CfnTopic) };
    const subscribers = [
      { SubscriptionType: 'EMAIL', Address: 'billing@example.com' },
      { SubscriptionType: 'EMAIL', Address: 'cto@example.com' },
      { SubscriptionType: 'SNS', Address: topic },
    ];
    const n = (type: string, threshold: number) => ({
      Notification: { NotificationType: type, ComparisonOperator: 'GREATER_THAN', Threshold: threshold, ThresholdType: 'PERCENTAGE' },
      Subscribers: subscribers,
    });
    template.resourceCountIs('AWS::Budgets::Budget', 1);
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 500, Unit: 'USD' } },
      NotificationsWithSubscribers: [n('ACTUAL', 80), n('ACTUAL', 100), n('FORECASTED', 100)],
    });
  });

  test('an alarm on AWS/Billing EstimatedCharges (USD, Maximum, 6 h) at the budget, notifying the topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Billing',
      MetricName: 'EstimatedCharges',
      Dimensions: [{ Name: 'Currency', Value: 'USD' }],
      Statistic: 'Maximum',
      Period: 21600,
      Threshold: 500,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: stack.getLogicalId(g.topic.node.defaultChild as sns.CfnTopic) }],
    });
  });

  test('the topic is encrypted with a rotating key that budgets and CloudWatch of this account only may use', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    expect(g.key).toBeDefined();
    for (const service of ['budgets.amazonaws.com', 'cloudwatch.amazonaws.com']) {
      const statements = keyStatementsFor(template, service);
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatchObject({
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      });
    }
    expect(keyStatementsFor(template, 'costalerts.amazonaws.com')).toHaveLength(0);
  });

  test('the topic is TLS-only and lets budgets.amazonaws.com of this account publish', () => {
    const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy')) as any[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual(
      expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    );
    const budgets = topicStatementsFor(template, 'budgets.amazonaws.com');
    expect(budgets).toHaveLength(1);
    expect(budgets[0]).toMatchObject({
      Effect: 'Allow',
      Action: 'sns:Publish',
      Condition: {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:budgets::${ACCOUNT}:*`]] } },
      },
    });
  });

  test('the e-mails are subscribed to the topic (so the alarm reaches them)', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'billing@example.com' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'cto@example.com' });
  });

  test('no anomaly detection unless asked for', () => {
    template.resourceCountIs('AWS::CE::AnomalyMonitor', 0);
    template.resourceCountIs('AWS::CE::AnomalySubscription', 0);
    expect(g.anomalyMonitor).toBeUndefined();
  });
});

test('thresholds and budget name of your own', () => {
  const { template } = guard({ actualThresholdsPercent: [50], forecastThresholdsPercent: [90, 120], budgetName: 'account-monthly' });
  const budget = Object.values(template.findResources('AWS::Budgets::Budget'))[0] as any;
  expect(budget.Properties.Budget.BudgetName).toBe('account-monthly');
  expect(
    budget.Properties.NotificationsWithSubscribers.map((n: any) => `${n.Notification.NotificationType} ${n.Notification.Threshold}`),
  ).toEqual(['ACTUAL 50', 'FORECASTED 90', 'FORECASTED 120']);
});

describe('anomaly detection', () => {
  const { template, guard: g, stack } = guard({ anomalyThresholdUsd: 150 });

  test('an AWS services monitor and an immediate subscription notifying the topic above the USD impact', () => {
    template.resourceCountIs('AWS::CE::AnomalyMonitor', 1);
    template.hasResourceProperties('AWS::CE::AnomalyMonitor', { MonitorType: 'DIMENSIONAL', MonitorDimension: 'SERVICE' });
    const sub = Object.values(template.findResources('AWS::CE::AnomalySubscription'))[0] as any;
    expect(sub.Properties).toMatchObject({
      Frequency: 'IMMEDIATE',
      MonitorArnList: [{ 'Fn::GetAtt': [stack.getLogicalId(g.anomalyMonitor!), 'MonitorArn'] }],
      Subscribers: [{ Type: 'SNS', Address: { Ref: stack.getLogicalId(g.topic.node.defaultChild as sns.CfnTopic) } }],
    });
    expect(JSON.parse(sub.Properties.ThresholdExpression)).toEqual({
      Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['150'] },
    });
  });

  test('Cost Anomaly Detection of this account may use the key and publish to the topic', () => {
    expect(keyStatementsFor(template, 'costalerts.amazonaws.com')[0]).toMatchObject({
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
    expect(topicStatementsFor(template, 'costalerts.amazonaws.com')[0]).toMatchObject({
      Action: 'sns:Publish',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
  });
});

test('a topic of your own: no topic or key created, everything notifies it, and budgets may publish to it', () => {
  const stack = billingStack();
  const key = new kms.Key(stack, 'OwnKey', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'Own', { masterKey: key, enforceSSL: true });
  const { template, guard: g } = guard({ topic, emails: [] }, stack);
  expect(g.topic).toBe(topic);
  expect(g.key).toBeUndefined();
  template.resourceCountIs('AWS::SNS::Topic', 1);
  template.resourceCountIs('AWS::KMS::Key', 1);
  template.resourceCountIs('AWS::SNS::Subscription', 0);
  const budget = Object.values(template.findResources('AWS::Budgets::Budget'))[0] as any;
  expect(budget.Properties.NotificationsWithSubscribers[0].Subscribers).toEqual([
    { SubscriptionType: 'SNS', Address: { Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) } },
  ]);
  expect(topicStatementsFor(template, 'budgets.amazonaws.com')).toHaveLength(1);
});

test('e-mails from a parameter are accepted (AWS validates them at deploy time)', () => {
  const stack = billingStack();
  const email = new CfnParameter(stack, 'Email', { type: 'String' });
  const { template } = guard({ emails: [email.valueAsString] }, stack);
  template.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: { Ref: 'Email' } });
});

describe('validation: every error names the prop, the value, the limit and the fix', () => {
  test.each([
    [
      'eu-west-1',
      /Billing\/Guard: region is "eu-west-1"; allowed: us-east-1, the only region with AWS\/Billing metrics\. Fix: put BillingGuard in a stack whose env region is us-east-1/,
    ],
    ['us-east-2', /region is "us-east-2"/],
  ])('region %s is refused', (region, message) => {
    expect(() => guard({}, billingStack(region))).toThrow(message);
  });

  test('an env-agnostic stack is refused', () => {
    expect(() => guard({}, new Stack(new App(), 'Billing'))).toThrow(
      /Billing\/Guard: region is "unresolved \(an env-agnostic stack\)"; allowed: us-east-1.*Fix: put BillingGuard in a stack whose env region is us-east-1/,
    );
  });

  test.each([0, -1, NaN, Infinity])('monthlyBudgetUsd %p', (budget) => {
    expect(() => guard({ monthlyBudgetUsd: budget })).toThrow(
      /Billing\/Guard: monthlyBudgetUsd is .*; allowed: a finite number of USD per month above 0\. Fix: set monthlyBudgetUsd/,
    );
  });

  test('no e-mails and no topic', () => {
    expect(() => guard({ emails: [] })).toThrow(
      /emails is "\[\]"; allowed: at least one address when no topic is given.*Fix: add an address, or pass a topic/,
    );
  });

  test('more than 10 e-mails', () => {
    const emails = Array.from({ length: 11 }, (_, i) => `a${i}@example.com`);
    expect(() => guard({ emails })).toThrow(
      /emails is "11 addresses"; allowed: at most 10 \(AWS Budgets limit per notification\)\. Fix: use a distribution list/,
    );
  });

  test('a malformed or repeated e-mail', () => {
    expect(() => guard({ emails: ['ok@example.com', 'not-an-address'] })).toThrow(
      /emails\[1\] is "not-an-address"; allowed: an e-mail address.*Fix: fix the address/,
    );
    expect(() => guard({ emails: ['a@example.com', 'A@example.com'] })).toThrow(
      /emails\[1\] is "A@example.com"; allowed: each address once\. Fix: remove the duplicate/,
    );
  });

  test.each([0, -10, NaN, 2_000_000])('threshold %p', (t) => {
    expect(() => guard({ actualThresholdsPercent: [80, t] })).toThrow(
      /actualThresholdsPercent\[1\] is .*; allowed: a percentage of the budget above 0 and at most 1000000\. Fix:/,
    );
    expect(() => guard({ forecastThresholdsPercent: [t] })).toThrow(/forecastThresholdsPercent\[0\] is/);
  });

  test('a repeated threshold, and more than 10 notifications', () => {
    expect(() => guard({ actualThresholdsPercent: [80, 80] })).toThrow(/actualThresholdsPercent\[1\] is 80; allowed: each threshold once/);
    expect(() => guard({ actualThresholdsPercent: [10, 20, 30, 40, 50, 60], forecastThresholdsPercent: [70, 80, 90, 100, 110] })).toThrow(
      /actualThresholdsPercent \+ forecastThresholdsPercent is "11 thresholds"; allowed: at most 10 notifications per budget/,
    );
  });

  test('a budget name AWS Budgets refuses', () => {
    expect(() => guard({ budgetName: 'a:b' })).toThrow(/budgetName is "a:b"; allowed: 1-100 characters without ":" or "\\"/);
  });

  test.each([0, -5, NaN])('anomalyThresholdUsd %p', (t) => {
    expect(() => guard({ anomalyThresholdUsd: t })).toThrow(/anomalyThresholdUsd is .*; allowed: a finite number of USD above 0\. Fix:/);
  });
});

describe('the guard passes the rule packs', () => {
  test.each([
    ['defaults', {}],
    ['with anomaly detection', { anomalyThresholdUsd: 100 }],
  ])('%s: zero error findings from BulkheadChecks', (_name, props) => {
    const { stack } = guard(props);
    const errors = new BulkheadChecks().findingsFor(stack).filter((f) => f.level === FindingLevel.ERROR);
    expect(errors).toEqual([]);
  });

  test('zero findings from cdk-nag AwsSolutions', () => {
    const { stack } = guard({ anomalyThresholdUsd: 100 });
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  test('control: both packs do flag a plain topic in such a stack, so the zero counts above mean something', () => {
    const stack = billingStack();
    new sns.Topic(stack, 'Plain');
    const bulkhead = new BulkheadChecks()
      .findingsFor(stack)
      .filter((f) => f.level === FindingLevel.ERROR)
      .map((f) => f.ruleId);
    expect(bulkhead).toEqual(expect.arrayContaining(['Bulkhead-TopicEncryption', 'Bulkhead-TopicTlsOnly']));
    const nag = new AwsSolutionsChecks().validateScope(stack).violations.map((v) => v.ruleName);
    expect(nag.length).toBeGreaterThan(0);
  });
});

describe('topics and anomaly monitors shared in an account', () => {
  test('a topic of your own needs no emails at all', () => {
    const stack = billingStack();
    const topic = new sns.Topic(stack, 'Own', { masterKey: new kms.Key(stack, 'OwnKey', { enableKeyRotation: true }), enforceSSL: true });
    const g = new BillingGuard(stack, 'Guard', { monthlyBudgetUsd: 500, topic });
    expect(g.topic).toBe(topic);
    const budget = Object.values(Template.fromStack(stack).findResources('AWS::Budgets::Budget'))[0] as any;
    expect(budget.Properties.NotificationsWithSubscribers[0].Subscribers).toHaveLength(1);
  });

  test('neither emails nor topic is refused, naming both', () => {
    expect(() => new BillingGuard(billingStack(), 'Guard', { monthlyBudgetUsd: 500 })).toThrow(
      /emails is "\[\]"; allowed: at least one address when no topic is given.*Fix: add an address, or pass a topic/,
    );
  });

  test('a topic of another account is refused, naming both accounts and the fix', () => {
    const stack = billingStack();
    const other = sns.Topic.fromTopicArn(stack, 'Other', 'arn:aws:sns:us-east-1:999999999999:billing');
    expect(() => new BillingGuard(stack, 'Guard', { monthlyBudgetUsd: 500, topic: other })).toThrow(
      /Billing\/Guard: topic is "a topic of account 999999999999"; allowed: a topic of the guard's account 111111111111.*Fix: create the topic in this account/,
    );
  });

  test("two services' guards in one account: the second monitor is refused; with anomalyMonitorArn it subscribes to the first", () => {
    const app = new App();
    const orders = new Stack(app, 'OrdersBilling', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const payments = new Stack(app, 'PaymentsBilling', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const first = new BillingGuard(orders, 'Guard', { monthlyBudgetUsd: 500, emails: ['a@example.com'], anomalyThresholdUsd: 50 });
    expect(
      () => new BillingGuard(payments, 'Guard', { monthlyBudgetUsd: 500, emails: ['a@example.com'], anomalyThresholdUsd: 50 }),
    ).toThrow(
      /PaymentsBilling\/Guard: anomalyThresholdUsd is "a second AWS services anomaly monitor in account 111111111111"; allowed: one per account \(AWS refuses a second; OrdersBilling\/Guard already creates it\)\. Fix: pass anomalyMonitorArn/,
    );
    const second = new BillingGuard(payments, 'Shared', {
      monthlyBudgetUsd: 500,
      emails: ['a@example.com'],
      anomalyThresholdUsd: 50,
      anomalyMonitorArn: first.anomalyMonitor!.attrMonitorArn,
    });
    expect(second.anomalyMonitor).toBeUndefined();
    const template = Template.fromStack(payments);
    template.resourceCountIs('AWS::CE::AnomalyMonitor', 0);
    const subscription = Object.values(template.findResources('AWS::CE::AnomalySubscription'))[0] as any;
    expect(JSON.stringify(subscription.Properties.MonitorArnList)).toContain('Fn::ImportValue');
  });

  test('a guard in another account may create its own monitor', () => {
    const app = new App();
    new BillingGuard(new Stack(app, 'A', { env: { account: ACCOUNT, region: 'us-east-1' } }), 'Guard', {
      monthlyBudgetUsd: 5,
      emails: ['a@example.com'],
      anomalyThresholdUsd: 5,
    });
    expect(
      () =>
        new BillingGuard(new Stack(app, 'B', { env: { account: '222222222222', region: 'us-east-1' } }), 'Guard', {
          monthlyBudgetUsd: 5,
          emails: ['a@example.com'],
          anomalyThresholdUsd: 5,
        }),
    ).not.toThrow();
  });

  test('anomalyMonitorArn without anomalyThresholdUsd is refused', () => {
    expect(() => guard({ anomalyMonitorArn: 'arn:aws:ce::111111111111:anomalymonitor/abc' })).toThrow(
      /anomalyMonitorArn is "arn:aws:ce::111111111111:anomalymonitor\/abc"; allowed: only together with anomalyThresholdUsd/,
    );
  });
});
