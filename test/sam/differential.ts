import { openOperations } from '../../lib/checks/shared/openapi-operations';

/**
 * What the rules read of a processed template, per resource, in a form two transforms can be compared on: logical
 * IDs with SAM's hashes (versions, deployments) dropped, references reduced to the IDs they name, IAM statements
 * flattened and sorted, API bodies reduced to which operations authenticate.
 */
type Json = { [key: string]: any };

const HASHED = /^(.*?(?:Version|Deployment))[0-9a-f]{10}$/;
export const stableId = (id: string): string => id.replace(HASHED, '$1');

function refs(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refs(v, into));
  else if (value && typeof value === 'object') {
    const v = value as Json;
    if (typeof v.Ref === 'string') into.add(stableId(v.Ref));
    const att = v['Fn::GetAtt'];
    if (Array.isArray(att) && typeof att[0] === 'string') into.add(stableId(att[0]));
    if (typeof att === 'string') into.add(stableId(att.split('.')[0]));
    for (const child of Object.values(v)) refs(child, into);
  }
  return into;
}

/** A value with references reduced to the IDs they name (literals kept as they are). */
function shape(value: unknown): unknown {
  if (value === undefined) return undefined;
  // The published outputs are for the aws partition, where SAM writes managed policy ARNs as literals.
  let text = value && typeof value === 'object' ? (value as Json)['Fn::Sub'] : undefined;
  // SAM's policy templates write `Fn::Sub [text, {name: literal}]`; the same ARN as the text with the literals put in.
  if (
    Array.isArray(text) &&
    typeof text[0] === 'string' &&
    text[1] &&
    typeof text[1] === 'object' &&
    Object.values(text[1]).every((v) => typeof v === 'string')
  ) {
    const vars = text[1] as { [name: string]: string };
    text = (text[0] as string).replace(/\$\{([^}!:]+)\}/g, (whole: string, name: string) => (name in vars ? vars[name] : whole));
    if (text.replace(/\$\{AWS::[A-Za-z]+\}/g, '').indexOf('${') < 0) return shape({ 'Fn::Sub': text });
  }
  if (typeof text === 'string' && Object.keys(value as Json).length === 1 && text.replace(/\$\{AWS::Partition\}/g, '').indexOf('${') < 0) {
    return text.replace(/\$\{AWS::Partition\}/g, 'aws');
  }
  if (value && typeof value === 'object') {
    const ids = [...refs(value)].sort();
    if (ids.length > 0) return { refs: ids };
    return value;
  }
  return value;
}

function statements(role: Json): string[] {
  const out: string[] = [];
  for (const policy of [].concat(role.Policies ?? [])) {
    const doc = (policy as Json)?.PolicyDocument ?? (policy as Json)?.['Fn::If'];
    const docs = Array.isArray(doc) ? doc.slice(1).map((d: Json) => d?.PolicyDocument) : [doc];
    for (const d of docs) {
      for (const s of [].concat(d?.Statement ?? [])) {
        const st = s as Json;
        for (const action of [].concat(st.Action ?? [])) {
          for (const resource of [].concat(st.Resource ?? []))
            out.push(JSON.stringify([st.Effect, String(action).toLowerCase(), shape(resource)]));
        }
      }
    }
  }
  return [...new Set(out)].sort();
}

/** The properties the Bulkhead rules read, for one resource. */
export function judged(type: string, p: Json): Json | undefined {
  switch (type) {
    case 'AWS::Lambda::Function':
      return {
        Runtime: p.Runtime,
        ReservedConcurrentExecutions: p.ReservedConcurrentExecutions,
        KmsKeyArn: shape(p.KmsKeyArn),
        Environment: p.Environment,
        DeadLetterTarget: shape(p.DeadLetterConfig?.TargetArn),
        Timeout: p.Timeout,
        ZipFile: p.Code?.ZipFile,
        Role: shape(p.Role),
      };
    case 'AWS::IAM::Role':
      return {
        ManagedPolicyArns: []
          .concat(p.ManagedPolicyArns ?? [])
          .map((a) => JSON.stringify(shape(a)))
          .sort(),
        Statements: statements(p),
      };
    case 'AWS::Lambda::EventSourceMapping':
      return {
        FunctionName: shape(p.FunctionName),
        EventSourceArn: shape(p.EventSourceArn),
        MaximumRetryAttempts: p.MaximumRetryAttempts,
        MaximumRecordAgeInSeconds: p.MaximumRecordAgeInSeconds,
        BisectBatchOnFunctionError: p.BisectBatchOnFunctionError,
        OnFailure: shape(p.DestinationConfig?.OnFailure?.Destination),
      };
    case 'AWS::Lambda::Url':
      return { AuthType: p.AuthType, Target: shape(p.TargetFunctionArn), Qualifier: p.Qualifier };
    case 'AWS::Lambda::Permission':
      return { Action: p.Action, Principal: p.Principal, FunctionName: shape(p.FunctionName), FunctionUrlAuthType: p.FunctionUrlAuthType };
    case 'AWS::Lambda::EventInvokeConfig':
      return {
        Qualifier: p.Qualifier,
        MaximumRetryAttempts: p.MaximumRetryAttempts,
        MaximumEventAgeInSeconds: p.MaximumEventAgeInSeconds,
        OnFailure: shape(p.DestinationConfig?.OnFailure?.Destination),
      };
    case 'AWS::ApiGateway::RestApi':
    case 'AWS::ApiGatewayV2::Api': {
      const open = openOperations(p.Body);
      return { OpenOperations: open === undefined ? 'not judged' : open.map((o) => `${o.method} ${o.path}`).sort() };
    }
    case 'AWS::SQS::Queue':
    case 'AWS::SNS::Topic':
      return { KmsMasterKeyId: shape(p.KmsMasterKeyId) };
    case 'AWS::DynamoDB::Table':
      return { SSESpecification: p.SSESpecification };
    case 'AWS::Events::Rule':
      return { Targets: [].concat(p.Targets ?? []).map((t: Json) => shape(t.Arn)) };
  }
  return undefined;
}

/** Every difference, on what the rules read, between our expansion and the real transform's output. */
export function differences(ours: Json, theirs: Json): string[] {
  const index = (t: Json): Map<string, Json> => new Map(Object.entries(t.Resources ?? {}).map(([id, r]) => [stableId(id), r as Json]));
  const a = index(ours);
  const b = index(theirs);
  const found: string[] = [];
  for (const [id, real] of b) {
    const mine = a.get(id);
    const expected = judged(real.Type, real.Properties ?? {});
    if (expected === undefined) continue;
    if (!mine) {
      found.push(`${id} (${real.Type}): missing from our expansion`);
      continue;
    }
    if (mine.Type !== real.Type) {
      found.push(`${id}: type ${mine.Type}, the transform's ${real.Type}`);
      continue;
    }
    const actual = judged(mine.Type, mine.Properties ?? {})!;
    for (const key of Object.keys(expected)) {
      const x = JSON.stringify(actual[key]);
      const y = JSON.stringify(expected[key]);
      if (x !== y) found.push(`${id}.${key}: ours ${x}, the transform's ${y}`);
    }
  }
  for (const [id, mine] of a) {
    if (!b.has(id) && judged(mine.Type, mine.Properties ?? {}) !== undefined)
      found.push(`${id} (${mine.Type}): not in the transform's output`);
  }
  return found;
}
