import { SamError } from './types';
import { isIntrinsic, isMap, JsonMap } from './values';

/** SAM resource type → its Globals section. */
export const GLOBALS_SECTIONS: { [type: string]: string } = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
};

/** Properties SAM accepts in each Globals section (its documentation); anything else makes the transform fail. */
const ALLOWED: { [section: string]: Set<string> } = {
  Function: new Set([
    'Handler',
    'Runtime',
    'CodeUri',
    'DeadLetterQueue',
    'Description',
    'MemorySize',
    'Timeout',
    'VpcConfig',
    'Environment',
    'Tags',
    'PropagateTags',
    'Tracing',
    'KmsKeyArn',
    'Layers',
    'AutoPublishAlias',
    'AutoPublishAliasAllProperties',
    'DeploymentPreference',
    'PermissionsBoundary',
    'ReservedConcurrentExecutions',
    'ProvisionedConcurrencyConfig',
    'AssumeRolePolicyDocument',
    'EventInvokeConfig',
    'Architectures',
    'EphemeralStorage',
    'SnapStart',
    'RuntimeManagementConfig',
    'FunctionUrlConfig',
    'LoggingConfig',
    'RecursiveLoop',
    'SourceKMSKeyArn',
    'CodeSigningConfigArn',
    'FileSystemConfigs',
    'AutoPublishCodeSha256',
    'VersionDeletionPolicy',
    'CapacityProviderConfig',
    'FunctionScalingConfig',
    'DurableConfig',
    'TenancyConfig',
    'RolePath',
  ]),
  Api: new Set([
    'Auth',
    'Name',
    'DefinitionUri',
    'CacheClusterEnabled',
    'CacheClusterSize',
    'MergeDefinitions',
    'Variables',
    'EndpointConfiguration',
    'MethodSettings',
    'BinaryMediaTypes',
    'MinimumCompressionSize',
    'Cors',
    'GatewayResponses',
    'AccessLogSetting',
    'CanarySetting',
    'TracingEnabled',
    'OpenApiVersion',
    'Domain',
    'AlwaysDeploy',
    'PropagateTags',
    'Tags',
    'SecurityPolicy',
    'EndpointAccessMode',
  ]),
  HttpApi: new Set([
    'Auth',
    'AccessLogSettings',
    'StageVariables',
    'Tags',
    'PropagateTags',
    'DefaultRouteSettings',
    'RouteSettings',
    'Domain',
    'CorsConfiguration',
    'DefinitionUri',
    'FailOnWarnings',
    'DisableExecuteApiEndpoint',
  ]),
  SimpleTable: new Set(['SSESpecification', 'PointInTimeRecoverySpecification']),
  StateMachine: new Set(['PropagateTags']),
  LayerVersion: new Set(['PublishLambdaVersion']),
};

/**
 * Globals sections of SAM types this check does not expand (their resources are reported as not judged): accepted
 * as they are, their properties not checked, so a template the transform accepts is never refused for them.
 */
const NOT_EXPANDED_SECTIONS = new Set(['WebSocketApi', 'CapacityProvider']);

/** The Globals section of the template, validated: unknown sections or properties exit 2 naming them, as SAM refuses them. */
export function readGlobals(template: JsonMap): { [section: string]: JsonMap } {
  const globals = template.Globals;
  if (globals === undefined || globals === null) return {};
  if (!isMap(globals) || isIntrinsic(globals))
    throw new SamError('Globals', 'Globals', 'must be a map of sections (Function, Api, HttpApi, SimpleTable, StateMachine, LayerVersion)');
  const result: { [section: string]: JsonMap } = {};
  for (const [section, value] of Object.entries(globals)) {
    const allowed = ALLOWED[section];
    if (!allowed && !NOT_EXPANDED_SECTIONS.has(section)) {
      throw new SamError(
        'Globals',
        `Globals.${section}`,
        `is not a Globals section SAM knows; sections: ${[...Object.keys(ALLOWED), ...NOT_EXPANDED_SECTIONS].join(', ')}`,
      );
    }
    if (!isMap(value) || isIntrinsic(value)) throw new SamError('Globals', `Globals.${section}`, 'must be a map of properties');
    if (!allowed) continue;
    for (const property of Object.keys(value)) {
      if (!allowed.has(property)) {
        throw new SamError(
          'Globals',
          `Globals.${section}.${property}`,
          `is not a property SAM accepts in Globals (set it on each resource instead)`,
        );
      }
    }
    result[section] = value;
  }
  return result;
}

type Token = 'primitive' | 'map' | 'list';

/** Intrinsics merge as primitives: SAM cannot look inside a value known only at deploy time. */
function tokenOf(value: unknown): Token {
  if (Array.isArray(value)) return 'list';
  return isMap(value) && !isIntrinsic(value) ? 'map' : 'primitive';
}

/**
 * SAM's merge (its documentation, "Globals section of the AWS SAM template"): a resource's value replaces a global
 * scalar; maps are merged key by key, recursively, the resource winning; lists are additive, the global entries
 * first. Values of different kinds: the resource's wins.
 */
export function mergeGlobal(globalValue: unknown, localValue: unknown): unknown {
  const g = tokenOf(globalValue);
  if (g !== tokenOf(localValue) || g === 'primitive') return localValue;
  if (g === 'list') return [...(globalValue as unknown[]), ...(localValue as unknown[])];
  const merged: JsonMap = { ...(globalValue as JsonMap) };
  for (const [key, value] of Object.entries(localValue as JsonMap)) {
    merged[key] = key in merged ? mergeGlobal(merged[key], value) : value;
  }
  return merged;
}

/**
 * The properties of a resource with its Globals section merged in, honouring `IgnoreGlobals` (`'*'` or a list of
 * property names) on the resource.
 */
export function withGlobals(id: string, resource: JsonMap, properties: JsonMap, section: JsonMap | undefined): JsonMap {
  if (!section) return properties;
  const ignore = resource.IgnoreGlobals;
  if (ignore === '*') return properties;
  let ignored = new Set<string>();
  if (ignore !== undefined) {
    if (!Array.isArray(ignore) || ignore.some((x) => typeof x !== 'string')) {
      throw new SamError(id, 'IgnoreGlobals', "must be '*' or a list of property names");
    }
    ignored = new Set(ignore as string[]);
  }
  const merged: JsonMap = {};
  for (const [key, value] of Object.entries(section)) if (!ignored.has(key)) merged[key] = value;
  for (const [key, value] of Object.entries(properties)) merged[key] = key in merged ? mergeGlobal(merged[key], value) : value;
  return merged;
}
