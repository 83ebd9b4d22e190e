import * as path from 'path';
import { ExpansionContext } from './context';
import { SamError } from './types';
import { isIntrinsic, isMap, JsonMap, optionalMap } from './values';

const ATTRIBUTE_TYPES: { [sam: string]: string } = { String: 'S', Number: 'N', Binary: 'B' };

function tags(tagMap: unknown): unknown[] | undefined {
  return isMap(tagMap) && !isIntrinsic(tagMap) ? Object.entries(tagMap).map(([Key, Value]) => ({ Key, Value })) : undefined;
}

/** AWS::Serverless::SimpleTable → AWS::DynamoDB::Table (a hash key, on-demand unless ProvisionedThroughput is given). */
export function expandSimpleTable(ctx: ExpansionContext, id: string, resource: JsonMap, p: JsonMap): void {
  const key = optionalMap(id, 'PrimaryKey', p.PrimaryKey) ?? { Name: 'id', Type: 'String' };
  const type = ATTRIBUTE_TYPES[String(key.Type)];
  if (key.Name === undefined || type === undefined) throw new SamError(id, 'PrimaryKey', 'needs Name and Type (String, Number or Binary)');
  const table: JsonMap = {
    KeySchema: [{ AttributeName: key.Name, KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: key.Name, AttributeType: type }],
  };
  if (p.ProvisionedThroughput !== undefined) table.ProvisionedThroughput = p.ProvisionedThroughput;
  else table.BillingMode = 'PAY_PER_REQUEST';
  for (const k of ['SSESpecification', 'TableName', 'PointInTimeRecoverySpecification']) if (p[k] !== undefined) table[k] = p[k];
  const tagList = tags(p.Tags);
  if (tagList) table.Tags = tagList;
  ctx.add(
    id,
    { Type: 'AWS::DynamoDB::Table', Properties: table, ...(resource.DeletionPolicy ? { DeletionPolicy: resource.DeletionPolicy } : {}) },
    { resource: id, path: ['Resources', id] },
    resource,
  );
}

/** AWS::Serverless::LayerVersion → AWS::Lambda::LayerVersion (kept under its own logical ID, so references to it hold). */
export function expandLayerVersion(ctx: ExpansionContext, id: string, resource: JsonMap, p: JsonMap): void {
  const uri = p.ContentUri;
  if (uri === undefined) throw new SamError(id, 'ContentUri', 'is missing; SAM requires the layer content (a path or an S3 location)');
  const content =
    isMap(uri) && !isIntrinsic(uri)
      ? { S3Bucket: uri.Bucket, S3Key: uri.Key, ...(uri.Version !== undefined ? { S3ObjectVersion: uri.Version } : {}) }
      : typeof uri === 'string' && /^s3:\/\//.test(uri)
        ? { S3Bucket: uri.slice(5).split('/')[0], S3Key: uri.slice(5).split('/').slice(1).join('/') }
        : { S3Bucket: 'local-content-uri', S3Key: uri };
  const layer: JsonMap = { Content: content };
  for (const k of ['LayerName', 'Description', 'CompatibleRuntimes', 'CompatibleArchitectures', 'LicenseInfo'])
    if (p[k] !== undefined) layer[k] = p[k];
  const out: JsonMap = {
    Type: 'AWS::Lambda::LayerVersion',
    Properties: layer,
    DeletionPolicy: p.RetentionPolicy === 'Delete' ? 'Delete' : 'Retain',
  };
  if (typeof uri === 'string' && !/^s3:\/\//.test(uri) && ctx.baseDir !== undefined) {
    out.Metadata = { 'aws:asset:path': path.resolve(ctx.baseDir, uri), 'aws:asset:property': 'Content' };
  }
  ctx.add(id, out, { resource: id, path: ['Resources', id] }, resource);
}

/**
 * A SAM type this check does not expand (a nested AWS::Serverless::Application, a Connector, a GraphQL API...):
 * reported as not judged, and kept as a custom resource with its properties so references to it still resolve and
 * the functions it names still count as invoked.
 */
export function keepNotJudged(ctx: ExpansionContext, id: string, resource: JsonMap, reason: string): void {
  const type = String(resource.Type);
  ctx.notice(id, 'Type', `${type} is not judged: ${reason}`, ['Resources', id]);
  const out: JsonMap = { Type: `Custom::Sam${type.replace(/^AWS::Serverless::/, '').replace(/[^A-Za-z0-9]/g, '')}` };
  if (isMap(resource.Properties)) out.Properties = resource.Properties;
  ctx.add(id, out, { resource: id, path: ['Resources', id] }, resource);
}
