import * as lambda from 'aws-cdk-lib/aws-lambda';

/** Options of `SecureFunction.addSecureFunctionUrl`. */
export interface SecureFunctionUrlOptions {
  /**
   * Who may call the URL. `NONE` makes it public and also requires `allowPublicAccess: true` (T7).
   * @default lambda.FunctionUrlAuthType.AWS_IAM
   */
  readonly authType?: lambda.FunctionUrlAuthType;
  /**
   * The explicit opt-in for `authType: NONE`: anyone on the internet can invoke the function, up to its
   * concurrency ceiling. Use it only for a deliberately public endpoint that authenticates requests itself.
   * @default false
   */
  readonly allowPublicAccess?: boolean;
  /**
   * CORS settings.
   * @default - no CORS
   */
  readonly cors?: lambda.FunctionUrlCorsOptions;
  /**
   * Buffered or streamed responses.
   * @default lambda.InvokeMode.BUFFERED
   */
  readonly invokeMode?: lambda.InvokeMode;
}
