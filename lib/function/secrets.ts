import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';

/**
 * A secret passed by reference (T2): the environment carries only its ARN or parameter name, and the function is
 * granted read on exactly this secret.
 */
export class SecretReference {
  /** A Secrets Manager secret; the environment variable holds its ARN. */
  public static fromSecret(secret: secretsmanager.ISecret): SecretReference {
    return new SecretReference(secret.secretArn, (g) => secret.grantRead(g));
  }

  /** An SSM parameter (String or SecureString); the environment variable holds its name. */
  public static fromParameter(parameter: ssm.IParameter): SecretReference {
    return new SecretReference(parameter.parameterName, (g) => parameter.grantRead(g));
  }

  /** What the environment variable holds: the secret's ARN or the parameter's name. */
  public readonly reference: string;

  private constructor(
    reference: string,
    private readonly grant: (grantee: iam.IGrantable) => iam.Grant,
  ) {
    this.reference = reference;
  }

  /** Grants `grantee` read access to this secret only. */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee);
  }
}
