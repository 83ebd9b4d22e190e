import { FindingLevel } from './levels';
import { Rule } from './rule';
import * as r from './rules';

/** How the pack uses a rule: its level, the threat it enforces, what it says and how to fix it. */
export interface RuleWiring {
  readonly rule: Rule;
  readonly level: FindingLevel;
  /** THREATS.md rows, e.g. `T4, T5`. */
  readonly threat: string;
  /** What the rule flags, one line (the start of every message). */
  readonly info: string;
  /** Why it matters (added with `verbose`). */
  readonly explanation: string;
  /** How to fix it (the end of every message). */
  readonly fix: string;
}

const { ERROR, WARNING } = FindingLevel;

/** The Bulkhead pack: every rule, wired to its level. RULES.md is generated from this table. */
export const BULKHEAD_RULES: readonly RuleWiring[] = [
  {
    rule: r.SharedRole,
    level: ERROR,
    threat: 'T1',
    info: 'The execution role is shared with other functions',
    explanation:
      "One compromised function can do everything every function on the role can do. Judged across every stack of the stage or app (every template of one bulkhead check): a role is its account and name, however each stack writes it (GetAtt, a literal ARN, Sub/Join, an import of another stack's export); roles of functions in different accounts never match.",
    fix: 'give each function its own role (SecureFunction does), granting it only what it uses',
  },
  {
    rule: r.WildcardPermissions,
    level: ERROR,
    threat: 'T1',
    info: 'The policy allows wildcard actions, resources or principals',
    explanation:
      'A wildcard grants far more than the function uses; only actions AWS does not let you scope to a resource (no resource type in the Service Authorization Reference, e.g. X-Ray writes, Rekognition DetectLabels, log delivery) need Resource "*", and an action pattern is judged by the actions it matches. A trust policy with Principal "*" lets any AWS account assume the role, and a web identity trust without a condition on the token\'s subject (OIDC `<provider>:sub`) or pool (Cognito `aud`) lets any GitHub repository or identity pool assume it.',
    fix: 'name the actions and the resource ARNs the function uses (grant* methods do this); trust only the service or the accounts that assume the role, with a condition naming them (for web identity: the token subject, e.g. token.actions.githubusercontent.com:sub, or the Cognito identity pool)',
  },
  {
    rule: r.AdminManagedPolicy,
    level: ERROR,
    threat: 'T1',
    info: 'An administrator, power-user or whole-service (*FullAccess) AWS managed policy is attached',
    explanation:
      'A compromised function with such a policy owns the account, or every resource of a service (every bucket, every table, every secret).',
    fix: 'remove the managed policy and grant the specific actions and resources instead',
  },
  {
    rule: r.EnvSecret,
    level: ERROR,
    threat: 'T2',
    info: 'An environment variable holds what looks like a secret',
    explanation:
      'Environment values are stored in the template, in git and in the Lambda console; leaked AWS keys are abused within minutes.',
    fix: 'store the secret in Secrets Manager or SSM and pass its ARN or name (SecureFunction secrets prop), granting read on it',
  },
  {
    rule: r.EnvironmentEncryption,
    level: ERROR,
    threat: 'T3',
    info: 'The environment is not encrypted with a customer-managed KMS key',
    explanation: 'Without KmsKeyArn the configuration is readable by anyone who can read the function.',
    fix: 'set environmentEncryption (KmsKeyArn) to a customer-managed key with rotation on',
  },
  {
    rule: r.ReservedConcurrency,
    level: ERROR,
    threat: 'T4',
    info: 'The function has no reserved-concurrency ceiling',
    explanation: 'Without a ceiling a flood of requests scales the bill instead of the outage (Denial of Wallet).',
    fix: 'set reservedConcurrentExecutions to the most environments it may run at once (>= 1; 0 switches the function off)',
  },
  {
    rule: r.AsyncFailureHandling,
    level: ERROR,
    threat: 'T4, T5',
    info: 'Failed async invocations have nowhere to go',
    explanation: 'Without a DLQ or an on-failure destination, events that exhaust their retries vanish.',
    fix: 'set a dead-letter queue (DeadLetterConfig) or an on-failure destination on every EventInvokeConfig, with MaximumRetryAttempts 0-2 and MaximumEventAgeInSeconds 60-21600 (SecureFunction does)',
  },
  {
    rule: r.StreamMapping,
    level: ERROR,
    threat: 'T4, T5',
    info: 'The stream event source mapping is not bounded',
    explanation: 'A stream mapping retries a failing batch until the record expires, blocking the shard and billing every retry.',
    fix: 'set MaximumRetryAttempts (0-10), MaximumRecordAgeInSeconds (60-604800), BisectBatchOnFunctionError: true and DestinationConfig.OnFailure.Destination (CDK: retryAttempts, maxRecordAge, bisectBatchOnError, onFailure)',
  },
  {
    rule: r.SqsSourceRedrive,
    level: ERROR,
    threat: 'T5',
    info: 'The SQS queue feeding the function has no redrive policy',
    explanation: 'A poison message is received again and again until it expires, and is then lost.',
    fix: 'give the queue a RedrivePolicy (deadLetterQueue with maxReceiveCount) to an encrypted dead-letter queue',
  },
  {
    rule: r.SqsVisibilityTimeout,
    level: ERROR,
    threat: 'T5',
    info: "The SQS queue's visibility timeout is under 6 times the function timeout",
    explanation: 'Messages become visible again while still being processed and are handled twice.',
    fix: "set the queue's VisibilityTimeout to at least 6 x the function timeout, or shorten the timeout",
  },
  {
    rule: r.DynamicCode,
    level: ERROR,
    threat: 'T6',
    info: 'The function code may evaluate dynamic input',
    explanation: 'Injected code stays resident in a warm environment and can skim every later request.',
    fix: 'parse input as data (JSON.parse; json.loads or yaml.safe_load in Python) instead of evaluating it; pass literal commands and argument lists, without a shell, to child_process or subprocess',
  },
  {
    rule: r.UnscannedCode,
    level: WARNING,
    threat: 'T6',
    info: 'Part of the function code was not checked for dynamic code',
    explanation: 'DynamicCode reads a bounded amount of each asset so synth cannot hang; what lies past the bounds is unjudged, not safe.',
    fix: 'bundle the function (esbuild: SecureNodejsFunction, or NodejsFunction under a BulkheadBlueprint) so only its own code ships, or review the unread files and acknowledge the finding with the review as the reason',
  },
  {
    rule: r.FunctionUrlAuth,
    level: ERROR,
    threat: 'T7',
    info: 'The function URL does not require IAM authentication',
    explanation: 'AuthType NONE lets anyone on the internet invoke the function.',
    fix: 'set AuthType to AWS_IAM and sign requests with SigV4 (SecureFunction.addSecureFunctionUrl)',
  },
  {
    rule: r.OpenPermission,
    level: ERROR,
    threat: 'T7',
    info: 'The Lambda permission lets anyone invoke the function',
    explanation:
      'Principal "*" without an organization, account or source, or a service principal without SourceArn/SourceAccount, lets any caller, or the service acting for any account, invoke it. A lambda:InvokeFunctionUrl grant to "*" with FunctionUrlAuthType NONE is public wherever the URL is; it is reported here unless the template holds that NONE URL (FunctionUrlAuth reports it).',
    fix: 'name the caller: an account or role ARN, PrincipalOrgID, or SourceArn and SourceAccount for a service principal (grantInvoke and the event-source integrations do this)',
  },
  {
    rule: r.UninvokedFunction,
    level: WARNING,
    threat: 'T8',
    info: 'Nothing invokes the function',
    explanation: 'Forgotten functions are never patched and rot into attack surface.',
    fix: 'declare its trigger (event source, permission, URL, schedule or integration) or delete the function',
  },
  {
    rule: r.DeprecatedRuntime,
    level: ERROR,
    threat: 'T8',
    info: 'The runtime is deprecated',
    explanation: 'Deprecated runtimes receive no security patches.',
    fix: "move to a supported runtime (e.g. the newest Node.js: SecureFunction's default)",
  },
  {
    rule: r.AssetLockfile,
    level: WARNING,
    threat: 'T10',
    info: 'The code asset has a package manifest but no lockfile (or an unpinned requirements.txt)',
    explanation: 'Without a lockfile every build may pull a new, possibly hijacked, release of a dependency.',
    fix: 'commit the lockfile (package-lock.json, yarn.lock, pnpm-lock.yaml, bun.lock; Pipfile.lock, poetry.lock or uv.lock for Python, or == pins in requirements.txt, e.g. from pip-compile --generate-hashes) next to the manifest and install with it',
  },
  {
    rule: r.QueueEncryption,
    level: ERROR,
    threat: 'T3',
    info: 'The queue is not encrypted with a customer-managed KMS key',
    explanation: "Messages at rest are readable by anyone with access to the queue's storage key.",
    fix: 'set KmsMasterKeyId to a customer-managed key (encryption: QueueEncryption.KMS)',
  },
  {
    rule: r.QueueTlsOnly,
    level: ERROR,
    threat: 'T3',
    info: 'The queue accepts requests without TLS',
    explanation: 'Messages could travel in plain text.',
    fix: 'add a queue policy denying sqs:* when aws:SecureTransport is false (enforceSSL: true)',
  },
  {
    rule: r.TopicEncryption,
    level: ERROR,
    threat: 'T3',
    info: 'The topic is not encrypted with a customer-managed KMS key',
    explanation: "Messages at rest are readable by anyone with access to the topic's storage key.",
    fix: 'set KmsMasterKeyId to a customer-managed key (masterKey)',
  },
  {
    rule: r.TopicTlsOnly,
    level: ERROR,
    threat: 'T3',
    info: 'The topic accepts requests without TLS',
    explanation: 'Messages could travel in plain text.',
    fix: 'add a topic policy denying sns:Publish when aws:SecureTransport is false (enforceSSL: true)',
  },
  {
    rule: r.TableEncryption,
    level: ERROR,
    threat: 'T3',
    info: 'The table is not encrypted with a customer-managed KMS key',
    explanation: 'Table data at rest should be under a key whose use you control and audit.',
    fix: 'set SSESpecification with SSEEnabled true and a customer-managed KMSMasterKeyId (encryption: TableEncryption.CUSTOMER_MANAGED with a key; TableEncryptionV2.customerManagedKey for global tables)',
  },
  {
    rule: r.LogGroupEncryption,
    level: ERROR,
    threat: 'T3',
    info: 'The log group is not encrypted with a customer-managed KMS key',
    explanation: 'Logs often hold request data and identifiers.',
    fix: 'set KmsKeyId to a customer-managed key whose policy lets CloudWatch Logs use it',
  },
  {
    rule: r.MethodAuthorization,
    level: ERROR,
    threat: 'T7',
    info: 'The API method requires no authorization',
    explanation:
      'API Gateway endpoints are public by default; an API key identifies a caller but does not authenticate one. OPTIONS (CORS preflight) methods are exempt.',
    fix: "set AuthorizationType to AWS_IAM (or a Cognito/custom authorizer); in an OpenAPI Body, give the operation a security requirement naming such an authorizer (SAM: Auth.DefaultAuthorizer or the event's Auth.Authorizer)",
  },
  {
    rule: r.RouteAuthorization,
    level: ERROR,
    threat: 'T7',
    info: 'The API route requires no authorization',
    explanation: 'API Gateway endpoints are public by default.',
    fix: "set AuthorizationType to AWS_IAM (or a JWT/custom authorizer); in an OpenAPI Body, give the operation a security requirement naming such an authorizer (SAM: Auth.DefaultAuthorizer or the event's Auth.Authorizer)",
  },
  {
    rule: r.UnscannedApiDefinition,
    level: WARNING,
    threat: 'T7',
    info: "The API's OpenAPI definition was not checked for authorization",
    explanation:
      'The definition is outside the template (BodyS3Location, an included file, a parameter), so MethodAuthorization and RouteAuthorization cannot see its operations: unjudged, not safe.',
    fix: 'inline the definition as Body (CDK: ApiDefinition.fromInline) so every operation is judged, or review its security requirements and acknowledge the finding with the review as the reason',
  },
];
