import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { invalidProp } from '../core/errors';

/**
 * Container images built from a directory must be built for the function's architecture: Docker builds for the
 * host otherwise (x86_64 on most CI), and an x86 image fails at invoke on ARM_64, SecureFunction's default.
 *
 * aws-cdk-lib keeps an image asset's directory and options private and reads them only when the function binds
 * the code, so the platform has to be known before that. This module is the one place that reads them; its test
 * (test/function/image-platform.test.ts) fails naming the aws-cdk-lib version if that shape changes.
 */
interface AssetImageCodeInternals {
  readonly directory: string;
  readonly props: lambda.AssetImageCodeProps;
}

function internalsOf(code: lambda.AssetImageCode): AssetImageCodeInternals {
  const raw = code as unknown as { directory?: unknown; props?: unknown };
  if (typeof raw.directory !== 'string' || typeof raw.props !== 'object' || raw.props === null) {
    throw new Error(
      "cdk-bulkhead cannot read lambda.AssetImageCode's directory and options in this aws-cdk-lib version " +
        `(${require('aws-cdk-lib/package.json').version}); it was written for 2.276. Please report it.`,
    );
  }
  return { directory: raw.directory, props: raw.props as lambda.AssetImageCodeProps };
}

const PLATFORM_OF: { [architecture: string]: ecrAssets.Platform } = {
  [lambda.Architecture.ARM_64.name]: ecrAssets.Platform.LINUX_ARM64,
  [lambda.Architecture.X86_64.name]: ecrAssets.Platform.LINUX_AMD64,
};

/** The code to give the function: an image asset without a platform gets the architecture's; other code is unchanged. */
export function codeForArchitecture(code: lambda.Code, architecture: lambda.Architecture): lambda.Code {
  const expected = PLATFORM_OF[architecture.name];
  if (!(code instanceof lambda.AssetImageCode) || expected === undefined) return code;
  const { directory, props } = internalsOf(code);
  return props.platform === undefined ? lambda.Code.fromAssetImage(directory, { ...props, platform: expected }) : code;
}

/** Refuses an image asset built for another platform than the function's architecture. */
export function checkImagePlatform(at: string, code: lambda.Code, architecture: lambda.Architecture): void {
  const expected = PLATFORM_OF[architecture.name];
  if (!(code instanceof lambda.AssetImageCode) || expected === undefined) return;
  const { props } = internalsOf(code);
  if (props.platform !== undefined && props.platform.platform !== expected.platform) {
    throw invalidProp(
      at,
      'code platform',
      props.platform.platform,
      `${expected.platform}, the platform of architecture ${architecture.name} (an image built for another platform fails at invoke)`,
      `build the image with platform: Platform.${expected === ecrAssets.Platform.LINUX_ARM64 ? 'LINUX_ARM64' : 'LINUX_AMD64'}, ` +
        `omit platform to have it set from the architecture, or set architecture to match ${props.platform.platform}`,
    );
  }
}

/** True for code that is a container image: its runtime can only be `Runtime.FROM_IMAGE`. */
export function isImageCode(code: lambda.Code): boolean {
  return code instanceof lambda.AssetImageCode || code instanceof lambda.EcrImageCode;
}
