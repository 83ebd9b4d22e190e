import { CfnResource, CfnParameter } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { findingsOf, flagged, newStack } from '../../support';

const SPEC = {
  openapi: '3.0.1',
  info: { title: 'inline', version: '1' },
  paths: { '/': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } } },
};

describe('UnscannedApiDefinition', () => {
  const stack = newStack();
  new apigateway.SpecRestApi(stack, 'FromBucket', {
    apiDefinition: apigateway.ApiDefinition.fromBucket(s3.Bucket.fromBucketName(stack, 'Specs', 'specs-bucket'), 'orders.yaml'),
  });
  new apigateway.SpecRestApi(stack, 'Inline', { apiDefinition: apigateway.ApiDefinition.fromInline(SPEC) });
  const body = new CfnParameter(stack, 'Spec', { type: 'String' });
  new CfnResource(stack, 'HttpFromParameter', { type: 'AWS::ApiGatewayV2::Api', properties: { Body: body.valueAsString } });
  new CfnResource(stack, 'HttpQuick', { type: 'AWS::ApiGatewayV2::Api', properties: { Name: 'q', ProtocolType: 'HTTP' } });

  it('reports definitions outside the template, as warnings; an inline Body is judged by MethodAuthorization instead', () => {
    expect(flagged(stack, 'UnscannedApiDefinition')).toEqual([expect.stringMatching(/^FromBucket/), 'HttpFromParameter']);
    expect(flagged(stack, 'MethodAuthorization')).toEqual([expect.stringMatching(/^Inline/)]);
    const found = findingsOf(stack, 'UnscannedApiDefinition');
    expect(found.map((f) => f.level)).toEqual(['warning', 'warning']);
    expect(found[0].message).toContain('BodyS3Location (s3://specs-bucket/orders.yaml) is a definition outside the template');
    expect(found[1].message).toContain('Body is Ref Spec, only known at deploy time');
  });
});
