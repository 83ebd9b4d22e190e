import { props } from '../../../cfn/resolve';
import { isIntrinsic } from '../../../cfn/references';
import { alternatives, describeIntrinsic, exactText } from '../../../cfn/values';
import { defineRule, NOT_APPLICABLE, violationIf } from '../../rule';

/**
 * REST and HTTP APIs whose OpenAPI definition the template does not hold (T7): `BodyS3Location` (a file in S3, what
 * CDK's `ApiDefinition.fromAsset`/`fromBucket` write), or a `Body` that is an intrinsic (`Fn::Transform` of an
 * included file, a parameter). MethodAuthorization and RouteAuthorization cannot see its operations, so their
 * silence says nothing about them: reported so that it is never read as a pass.
 */
export const UnscannedApiDefinition = defineRule(
  'UnscannedApiDefinition',
  ['AWS::ApiGateway::RestApi', 'AWS::ApiGatewayV2::Api'],
  (node) => {
    const p = props(node);
    const location = alternatives(p.BodyS3Location).find((v) => v !== undefined && v !== null);
    if (location !== undefined) {
      const l = location as { Bucket?: unknown; Key?: unknown };
      const where =
        typeof location === 'object' && !isIntrinsic(location)
          ? `s3://${exactText(l.Bucket) ?? '…'}/${exactText(l.Key) ?? '…'}`
          : describeIntrinsic(location);
      return violationIf(
        `BodyS3Location (${where}) is a definition outside the template: whether its operations require authorization was not checked`,
      );
    }
    const body = alternatives(p.Body).find((v) => isIntrinsic(v));
    if (body !== undefined) {
      return violationIf(
        `Body is ${describeIntrinsic(body)}, only known at deploy time: whether its operations require authorization was not checked`,
      );
    }
    return NOT_APPLICABLE;
  },
);
