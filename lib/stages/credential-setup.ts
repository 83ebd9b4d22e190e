import { DeployGuardFault } from './assembly-stages';

/** The environment variables that choose credentials, read once so the checks and the chain agree. */
type Env = { [name: string]: string | undefined };

function set(env: Env, name: string): boolean {
  return env[name] !== undefined && env[name] !== '';
}

/**
 * The profile the guard will use, or undefined for the standard chain; refuses, with a one-line reason, every setup
 * where the credentials the SDK would pick are not the ones the user evidently meant (the SDK would otherwise fall
 * back silently to the next source, e.g. a CI container's role):
 * - `--profile` and `AWS_PROFILE` naming different profiles;
 * - `AWS_DEFAULT_PROFILE` alone (the AWS CLI reads it, the AWS SDK for JavaScript does not);
 * - a profile together with `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (two sources; which one deploys?);
 * - an access key without its secret, a secret without its key, a session token without both;
 * - `AWS_ROLE_ARN` without `AWS_WEB_IDENTITY_TOKEN_FILE`, or the other way round.
 * A profile missing from the config and credentials files is refused when the chain reads it (`profileCredentials`).
 */
export function checkCredentialSetup(profileOption: string | undefined, env: Env = process.env): string | undefined {
  const fault = (reason: string): never => {
    throw new DeployGuardFault(`ambiguous AWS credentials: ${reason}`);
  };
  if (profileOption !== undefined && profileOption.trim() === '') fault('--profile is empty; name a profile or leave the option out');
  const envProfile = set(env, 'AWS_PROFILE') ? env.AWS_PROFILE : undefined;
  if (profileOption !== undefined && envProfile !== undefined && profileOption !== envProfile) {
    fault(`--profile ${profileOption} and AWS_PROFILE=${envProfile} name different profiles; unset AWS_PROFILE or pass the same profile`);
  }
  const profile = profileOption ?? envProfile;
  if (profile === undefined && set(env, 'AWS_DEFAULT_PROFILE')) {
    fault(
      `AWS_DEFAULT_PROFILE=${env.AWS_DEFAULT_PROFILE} is set, which the AWS SDK for JavaScript ignores; pass --profile ${env.AWS_DEFAULT_PROFILE} or set AWS_PROFILE`,
    );
  }
  const key = set(env, 'AWS_ACCESS_KEY_ID');
  const secret = set(env, 'AWS_SECRET_ACCESS_KEY');
  if (key !== secret) {
    fault(
      `${key ? 'AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY' : 'AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID'}; set both or neither`,
    );
  }
  if (set(env, 'AWS_SESSION_TOKEN') && !key)
    fault('AWS_SESSION_TOKEN is set without AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; set all three or none');
  if (profile !== undefined && key) {
    fault(
      `profile '${profile}' (${profileOption !== undefined ? '--profile' : 'AWS_PROFILE'}) and AWS_ACCESS_KEY_ID are both set; unset the one you do not mean`,
    );
  }
  if (set(env, 'AWS_ROLE_ARN') !== set(env, 'AWS_WEB_IDENTITY_TOKEN_FILE')) {
    fault(
      `${set(env, 'AWS_ROLE_ARN') ? 'AWS_ROLE_ARN is set without AWS_WEB_IDENTITY_TOKEN_FILE' : 'AWS_WEB_IDENTITY_TOKEN_FILE is set without AWS_ROLE_ARN'}; set both or neither`,
    );
  }
  return profile;
}
