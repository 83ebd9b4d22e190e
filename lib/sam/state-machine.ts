import { ExpansionContext } from './context';
import { readPolicies, RolePolicies, roleResource, trustPolicy } from './role';
import { getAtt, isIntrinsic, isMap, JsonMap } from './values';

const KNOWN = new Set([
  'Definition',
  'DefinitionUri',
  'DefinitionSubstitutions',
  'Role',
  'Policies',
  'RolePath',
  'PermissionsBoundary',
  'Logging',
  'Tracing',
  'Type',
  'Name',
  'Tags',
  'PropagateTags',
  'Events',
  'AutoPublishAlias',
  'DeploymentPreference',
  'UseAliasAsEventTarget',
]);

/** AWS::Serverless::StateMachine → AWS::StepFunctions::StateMachine with its generated role (`<Name>Role`) and policies. */
export function expandStateMachine(ctx: ExpansionContext, id: string, resource: JsonMap, p: JsonMap): void {
  const at = ['Resources', id, 'Properties'];
  for (const key of Object.keys(p)) {
    if (!KNOWN.has(key))
      ctx.notice(
        id,
        key,
        `property ${key} of AWS::Serverless::StateMachine is not one this check expands, so what it configures is not judged`,
        [...at, key],
      );
  }
  if (p.Events !== undefined) {
    ctx.notice(
      id,
      'Events',
      'the events of a state machine (rules and schedules that start executions) are not expanded, so they are not judged',
      [...at, 'Events'],
    );
  }
  const machine: JsonMap = {};
  if (p.Definition !== undefined) machine.Definition = p.Definition;
  if (isMap(p.DefinitionUri) && !isIntrinsic(p.DefinitionUri)) machine.DefinitionS3Location = p.DefinitionUri;
  else if (p.DefinitionUri !== undefined) {
    ctx.notice(
      id,
      'DefinitionUri',
      'the definition file is not read: what the state machine calls is not judged (inline it as Definition)',
      [...at, 'DefinitionUri'],
    );
  }
  if (p.DefinitionSubstitutions !== undefined) machine.DefinitionSubstitutions = p.DefinitionSubstitutions;
  if (p.Logging !== undefined) machine.LoggingConfiguration = p.Logging;
  if (p.Tracing !== undefined) machine.TracingConfiguration = p.Tracing;
  if (p.Type !== undefined) machine.StateMachineType = p.Type;
  if (p.Name !== undefined) machine.StateMachineName = p.Name;
  if (p.Role !== undefined) {
    machine.RoleArn = p.Role;
  } else {
    const roleId = `${id}Role`;
    const policies = new RolePolicies(roleId);
    if (p.Policies !== undefined) readPolicies(ctx, id, [...at, 'Policies'], p.Policies, policies);
    const extra: JsonMap = {};
    if (p.PermissionsBoundary !== undefined) extra.PermissionsBoundary = p.PermissionsBoundary;
    if (p.RolePath !== undefined) extra.Path = p.RolePath;
    ctx.add(
      roleId,
      roleResource(trustPolicy('states.amazonaws.com'), policies, extra),
      { resource: id, part: 'its generated role', path: p.Policies !== undefined ? [...at, 'Policies'] : ['Resources', id] },
      resource,
    );
    machine.RoleArn = getAtt(roleId, 'Arn');
  }
  ctx.add(id, { Type: 'AWS::StepFunctions::StateMachine', Properties: machine }, { resource: id, path: ['Resources', id] }, resource);
}
