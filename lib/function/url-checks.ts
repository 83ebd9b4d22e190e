import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { invalidProp } from '../core/errors';

/**
 * Refuses a public function URL (`authType: NONE`) on the inherited `addFunctionUrl` of a secure function (T7):
 * `publicWay` names the one explicit opt-in the construct offers.
 */
export function refusePublicUrl(fn: IConstruct, options: lambda.FunctionUrlOptions | undefined, publicWay: string): void {
  if (options?.authType === lambda.FunctionUrlAuthType.NONE) {
    throw invalidProp(
      fn,
      'authType',
      'NONE',
      `AWS_IAM here; a public URL only with ${publicWay} (T7: anyone on the internet could invoke it)`,
      `keep AWS_IAM and sign requests with SigV4, or use ${publicWay} for a deliberately public endpoint`,
    );
  }
}
