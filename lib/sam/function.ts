import { createHash } from 'crypto';
import * as path from 'path';
import { ExpansionContext } from './context';
import { expandFunctionEvents } from './events';
import { readPolicies, RolePolicies, roleResource, trustPolicy } from './role';
import { FunctionTarget, SamError } from './types';
import { getAtt, idPart, ifWithNoValue, isIntrinsic, isMap, JsonMap, literalText, optionalMap, ref } from './values';

/** Properties copied to AWS::Lambda::Function as written. */
const PASSED = [
  'Handler',
  'Runtime',
  'Description',
  'MemorySize',
  'Timeout',
  'Environment',
  'VpcConfig',
  'KmsKeyArn',
  'Layers',
  'ReservedConcurrentExecutions',
  'Architectures',
  'EphemeralStorage',
  'FunctionName',
  'FileSystemConfigs',
  'CodeSigningConfigArn',
  'SnapStart',
  'RuntimeManagementConfig',
  'LoggingConfig',
  'RecursiveLoop',
  'ImageConfig',
  'PackageType',
];

/** Properties the expansion turns into other resources or settings. */
const EXPANDED = [
  'CodeUri',
  'InlineCode',
  'ImageUri',
  'Role',
  'Policies',
  'PermissionsBoundary',
  'AssumeRolePolicyDocument',
  'RolePath',
  'Events',
  'Tracing',
  'DeadLetterQueue',
  'EventInvokeConfig',
  'AutoPublishAlias',
  'AutoPublishAliasAllProperties',
  'AutoPublishCodeSha256',
  'ProvisionedConcurrencyConfig',
  'FunctionUrlConfig',
  'Tags',
  'PropagateTags',
  'VersionDescription',
  'VersionDeletionPolicy',
  'SourceKMSKeyArn',
];

/** Properties that change nothing the rules judge (deployment mechanics); accepted without a notice. */
const NOT_JUDGED_QUIETLY = ['DeploymentPreference', 'Metadata'];

const DESTINATION_ACTIONS: { [type: string]: string } = {
  SQS: 'sqs:SendMessage',
  SNS: 'sns:publish',
  Lambda: 'lambda:InvokeFunction',
  EventBridge: 'events:PutEvents',
  S3: 's3:PutObject',
  S3Bucket: 's3:PutObject',
};

/** `CodeUri` / `InlineCode` / `ImageUri` as the Lambda function's Code, and local code paths as asset metadata. */
function codeOf(ctx: ExpansionContext, id: string, p: JsonMap): { code: JsonMap; assetPath?: string } {
  if (p.InlineCode !== undefined) return { code: { ZipFile: p.InlineCode } };
  if (p.ImageUri !== undefined) return { code: { ImageUri: p.ImageUri } };
  const uri = p.CodeUri;
  if (typeof uri === 'string') {
    const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (s3) return { code: { S3Bucket: s3[1], S3Key: s3[2] } };
    // A local path (what `sam build` and `sam package` read): the code rules read it from disk.
    const assetPath = ctx.baseDir !== undefined ? path.resolve(ctx.baseDir, uri) : undefined;
    return { code: { S3Bucket: 'local-code-uri', S3Key: uri }, assetPath };
  }
  if (isMap(uri) && !isIntrinsic(uri)) {
    return { code: { S3Bucket: uri.Bucket, S3Key: uri.Key, ...(uri.Version !== undefined ? { S3ObjectVersion: uri.Version } : {}) } };
  }
  if (uri === undefined && p.PackageType !== 'Image') {
    throw new SamError(id, 'CodeUri', 'is missing; SAM requires CodeUri, InlineCode or ImageUri (or CodeUri in Globals.Function)');
  }
  return { code: { S3Bucket: 'code-known-at-deploy-time', S3Key: uri } };
}

/** SAM's Tags map as CloudFormation's list, with the tag SAM adds to everything it creates. */
function tagList(id: string, tags: unknown): unknown[] {
  const list: unknown[] = [{ Key: 'lambda:createdBy', Value: 'SAM' }];
  if (tags === undefined) return list;
  if (!isMap(tags) || isIntrinsic(tags)) throw new SamError(id, 'Tags', 'must be a map of tag names to values');
  for (const [Key, Value] of Object.entries(tags)) list.push({ Key, Value });
  return list;
}

/** A stable suffix standing for SAM's hash of the code and configuration in version IDs. */
function versionHash(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 10);
}

/** AWS::Serverless::Function → AWS::Lambda::Function and everything SAM generates with it. */
export function expandFunction(ctx: ExpansionContext, id: string, resource: JsonMap, p: JsonMap): void {
  const base = ['Resources', id];
  const props = [...base, 'Properties'];
  const source = (part?: string, at: readonly string[] = base): { resource: string; part?: string; path: readonly string[] } => ({
    resource: id,
    part,
    path: at,
  });
  for (const key of Object.keys(p)) {
    if (!PASSED.includes(key) && !EXPANDED.includes(key) && !NOT_JUDGED_QUIETLY.includes(key)) {
      // A resource attribute written inside Properties is a common slip, and SAM ignores it there.
      const hint = key === 'IgnoreGlobals' || key === 'Condition' ? ` (${key} is a resource attribute: write it beside Properties)` : '';
      ctx.notice(
        id,
        key,
        `property ${key} of AWS::Serverless::Function is not one this check expands, so what it configures is not judged${hint}`,
        [...props, key],
      );
    }
  }

  const fn: JsonMap = {};
  for (const key of PASSED) if (p[key] !== undefined) fn[key] = p[key];
  const { code, assetPath } = codeOf(ctx, id, p);
  fn.Code = code;
  if (p.Tracing !== undefined) fn.TracingConfig = { Mode: p.Tracing };
  const dlq = optionalMap(id, 'DeadLetterQueue', p.DeadLetterQueue);
  if (dlq) {
    if (dlq.Type !== 'SQS' && dlq.Type !== 'SNS' && !isIntrinsic(dlq.Type))
      throw new SamError(id, 'DeadLetterQueue.Type', 'must be SQS or SNS');
    if (dlq.TargetArn === undefined)
      throw new SamError(id, 'DeadLetterQueue.TargetArn', 'is missing; SAM requires the ARN of the queue or topic');
    fn.DeadLetterConfig = { TargetArn: dlq.TargetArn };
  }
  fn.Tags = tagList(id, p.Tags);

  let roleId: string | undefined;
  let policies: RolePolicies | undefined;
  const conditional = ifWithNoValue(p.Role);
  if (p.Role !== undefined && !conditional) {
    fn.Role = p.Role;
    if (p.Policies !== undefined) {
      ctx.notice(
        id,
        'Policies',
        'Policies is ignored by SAM when Role is given: the statements are not attached to any role, and the role given is judged instead',
        [...props, 'Policies'],
      );
    }
  } else {
    roleId = `${id}Role`;
    policies = new RolePolicies(roleId);
    policies.addManaged('AWSLambdaBasicExecutionRole');
    if (p.Tracing === 'Active') policies.addManaged('AWSXrayWriteOnlyAccess');
    if (p.VpcConfig !== undefined) policies.addManaged('AWSLambdaVPCAccessExecutionRole');
    if (p.Policies !== undefined) readPolicies(ctx, id, [...props, 'Policies'], p.Policies, policies);
    if (dlq) policies.addStatement(`${id}DeadLetterQueuePolicy`, dlq.Type === 'SNS' ? 'sns:publish' : 'sqs:SendMessage', dlq.TargetArn);
    fn.Role = getAtt(roleId, 'Arn');
    if (conditional) {
      // `Role: !If [c, role, !Ref AWS::NoValue]`: SAM generates the role under the branch that gives none, and the
      // function takes the given role or the generated one.
      const args = conditional.args;
      fn.Role = { 'Fn::If': [args[0], conditional.noValueIn === 1 ? fn.Role : args[1], conditional.noValueIn === 2 ? fn.Role : args[2]] };
    }
  }
  const metadata: JsonMap = { ...(resource.Metadata as JsonMap | undefined) };
  if (assetPath !== undefined) {
    metadata['aws:asset:path'] = assetPath;
    metadata['aws:asset:property'] = 'Code';
  }
  const fnResource: JsonMap = { Type: 'AWS::Lambda::Function', Properties: fn };
  if (Object.keys(metadata).length > 0) fnResource.Metadata = metadata;
  for (const attribute of ['DependsOn', 'DeletionPolicy', 'UpdateReplacePolicy']) {
    if (resource[attribute] !== undefined) fnResource[attribute] = resource[attribute];
  }
  ctx.add(id, fnResource, source(), resource);

  // AutoPublishAlias: a version and an alias; events, the URL and EventInvokeConfig then apply to the alias.
  let aliasId: string | undefined;
  let aliasName: string | undefined;
  if (p.AutoPublishAlias !== undefined) {
    aliasName = literalText(ctx.template, p.AutoPublishAlias);
    if (aliasName === undefined || !/^[A-Za-z0-9_-]+$/.test(aliasName)) {
      throw new SamError(
        id,
        'AutoPublishAlias',
        'must be an alias name (letters, digits, - and _), or a Ref to a parameter with such a Default',
      );
    }
    const versionId = `${id}Version${versionHash({ code, p: fn })}`;
    ctx.add(
      versionId,
      {
        Type: 'AWS::Lambda::Version',
        DeletionPolicy: 'Retain',
        Properties: { FunctionName: ref(id), ...(p.VersionDescription !== undefined ? { Description: p.VersionDescription } : {}) },
      },
      source('its version', [...props, 'AutoPublishAlias']),
      resource,
    );
    aliasId = `${id}Alias${idPart(aliasName)}`;
    const alias: JsonMap = { Name: aliasName, FunctionName: ref(id), FunctionVersion: getAtt(versionId, 'Version') };
    if (p.ProvisionedConcurrencyConfig !== undefined) alias.ProvisionedConcurrencyConfig = p.ProvisionedConcurrencyConfig;
    ctx.add(
      aliasId,
      { Type: 'AWS::Lambda::Alias', Properties: alias },
      source(`its alias ${aliasName}`, [...props, 'AutoPublishAlias']),
      resource,
    );
  } else if (p.ProvisionedConcurrencyConfig !== undefined) {
    throw new SamError(
      id,
      'ProvisionedConcurrencyConfig',
      'needs AutoPublishAlias: SAM applies provisioned concurrency to the alias it publishes',
    );
  }

  const eventInvoke = optionalMap(id, 'EventInvokeConfig', p.EventInvokeConfig);
  if (eventInvoke) expandEventInvokeConfig(ctx, id, resource, eventInvoke, aliasName, aliasId, policies, [...props, 'EventInvokeConfig']);

  const url = optionalMap(id, 'FunctionUrlConfig', p.FunctionUrlConfig);
  if (url) {
    if (url.AuthType === undefined) throw new SamError(id, 'FunctionUrlConfig.AuthType', 'is missing; SAM requires AWS_IAM or NONE');
    // With AutoPublishAlias, SAM points the URL at the alias itself (no Qualifier).
    const urlProps: JsonMap = { TargetFunctionArn: aliasId ? ref(aliasId) : ref(id), AuthType: url.AuthType };
    for (const key of ['Cors', 'InvokeMode']) if (url[key] !== undefined) urlProps[key] = url[key];
    ctx.add(
      `${id}Url`,
      { Type: 'AWS::Lambda::Url', Properties: urlProps, ...(aliasId ? { DependsOn: [aliasId] } : {}) },
      source('its function URL', [...props, 'FunctionUrlConfig']),
      resource,
    );
    if (url.AuthType === 'NONE') {
      ctx.add(
        `${id}UrlPublicPermissions`,
        {
          Type: 'AWS::Lambda::Permission',
          Properties: {
            Action: 'lambda:InvokeFunctionUrl',
            FunctionName: aliasId ? ref(aliasId) : ref(id),
            Principal: '*',
            FunctionUrlAuthType: 'NONE',
          },
        },
        source('its public function URL permission', [...props, 'FunctionUrlConfig']),
        resource,
      );
      // Lambda now also requires lambda:InvokeFunction for URL calls; SAM grants it restricted to them.
      ctx.add(
        `${id}URLInvokeAllowPublicAccess`,
        {
          Type: 'AWS::Lambda::Permission',
          Properties: {
            Action: 'lambda:InvokeFunction',
            FunctionName: aliasId ? ref(aliasId) : ref(id),
            Principal: '*',
            InvokedViaFunctionUrl: true,
          },
        },
        source('its public function URL permission', [...props, 'FunctionUrlConfig']),
        resource,
      );
    }
  }

  const target: FunctionTarget = {
    id,
    invokeRef: aliasId ? ref(aliasId) : ref(id),
    invokeArn: aliasId ? ref(aliasId) : getAtt(id, 'Arn'),
    roleId,
    policies,
    properties: p,
    samResource: resource,
  };
  expandFunctionEvents(ctx, target, p.Events, [...props, 'Events']);

  if (roleId !== undefined && policies !== undefined) {
    const extra: JsonMap = { Tags: tagList(id, undefined) };
    if (p.PermissionsBoundary !== undefined) extra.PermissionsBoundary = p.PermissionsBoundary;
    if (p.RolePath !== undefined) extra.Path = p.RolePath;
    const role = roleResource(p.AssumeRolePolicyDocument ?? trustPolicy('lambda.amazonaws.com'), policies, extra);
    if (conditional)
      role.Condition = conditional.noValueIn === 1 ? conditional.args[0] : ctx.negatedCondition(conditional.args[0] as string);
    ctx.add(roleId, role, source('its generated role', p.Policies !== undefined ? [...props, 'Policies'] : base), resource);
  }
}

function expandEventInvokeConfig(
  ctx: ExpansionContext,
  id: string,
  resource: JsonMap,
  config: JsonMap,
  aliasName: string | undefined,
  aliasId: string | undefined,
  policies: RolePolicies | undefined,
  at: readonly string[],
): void {
  const properties: JsonMap = { FunctionName: ref(id), Qualifier: aliasName ?? '$LATEST' };
  for (const key of ['MaximumEventAgeInSeconds', 'MaximumRetryAttempts']) if (config[key] !== undefined) properties[key] = config[key];
  const destinations = optionalMap(id, 'EventInvokeConfig.DestinationConfig', config.DestinationConfig);
  if (destinations) {
    const out: JsonMap = {};
    for (const which of ['OnSuccess', 'OnFailure']) {
      const d = optionalMap(id, `EventInvokeConfig.DestinationConfig.${which}`, destinations[which]);
      if (!d) continue;
      const type = d.Type;
      if (typeof type !== 'string' || DESTINATION_ACTIONS[type] === undefined) {
        throw new SamError(
          id,
          `EventInvokeConfig.DestinationConfig.${which}.Type`,
          `must be one of ${Object.keys(DESTINATION_ACTIONS).join(', ')}`,
        );
      }
      let destination = d.Destination;
      const conditional = ifWithNoValue(destination);
      if (destination === undefined || (conditional && (type === 'SQS' || type === 'SNS'))) {
        // SAM creates the queue or topic itself when only the Type is given.
        if (type !== 'SQS' && type !== 'SNS') {
          throw new SamError(
            id,
            `EventInvokeConfig.DestinationConfig.${which}.Destination`,
            `is missing; SAM creates a destination only for SQS and SNS, not ${type}`,
          );
        }
        const createdId = `${id}EventInvokeConfig${which}${type === 'SQS' ? 'Queue' : 'Topic'}`;
        const created: JsonMap = { Type: type === 'SQS' ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic', Properties: {} };
        // `!If [c, arn, !Ref AWS::NoValue]`: SAM creates the destination under the branch that gives none.
        if (conditional)
          created.Condition = conditional.noValueIn === 1 ? conditional.args[0] : ctx.negatedCondition(conditional.args[0] as string);
        ctx.add(
          createdId,
          created,
          { resource: id, part: `the ${type} ${which} destination SAM creates for it`, path: [...at, 'DestinationConfig', which] },
          resource,
        );
        const createdArn = type === 'SQS' ? getAtt(createdId, 'Arn') : ref(createdId);
        destination = conditional
          ? {
              'Fn::If': [
                conditional.args[0],
                conditional.noValueIn === 1 ? createdArn : conditional.args[1],
                conditional.noValueIn === 2 ? createdArn : conditional.args[2],
              ],
            }
          : createdArn;
      }
      out[which] = { Destination: destination };
      if (type === 'S3' || type === 'S3Bucket') {
        // As SAM writes it (policy named ...S3Policy whichever spelling of the type): objects written, the bucket listed.
        policies?.addStatements(`${id}EventInvokeConfig${which}S3Policy`, [
          { Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['/', [destination, '*']] } },
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: destination },
        ]);
      } else {
        policies?.addStatement(`${id}EventInvokeConfig${which}${type}Policy`, DESTINATION_ACTIONS[type], destination);
      }
    }
    properties.DestinationConfig = out;
  }
  ctx.add(
    `${id}EventInvokeConfig`,
    { Type: 'AWS::Lambda::EventInvokeConfig', Properties: properties, ...(aliasId ? { DependsOn: [aliasId] } : {}) },
    { resource: id, part: 'its event invoke config', path: at },
    resource,
  );
}
