// Options and help shared by the commands that talk to AWS: the only ones that use the network.
import type { Command } from 'commander';
import { formatBytes } from '../../../src-shared/format-bytes.js';

export interface AwsCliOptions {
  profile?: string;
  region?: string;
  endpoint?: string;
}

export const AWS_HELP = `
Credentials come from the standard AWS chain, read fresh on every run:
  --profile NAME (or AWS_PROFILE): a profile of ~/.aws/config or ~/.aws/credentials
    (access keys, SSO after \`aws sso login --profile NAME\`, assume-role, credential_process);
  else AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), the default profile,
    or the instance / container role.
Vigil never stores credentials.

This command talks to the network (CloudWatch Logs in the given region, or --endpoint).
Every other vigil command works offline.`;

export function withAwsOptions(command: Command): Command {
  return command
    .option(
      '--profile <name>',
      'AWS profile from ~/.aws/config or ~/.aws/credentials (default: the AWS chain)',
    )
    .option('--region <region>', 'AWS region, e.g. eu-west-1 (default: AWS_REGION or AWS_DEFAULT_REGION)')
    .option('--endpoint <url>', 'custom CloudWatch Logs endpoint (emulator, VPC interface endpoint)')
    .addHelpText('after', AWS_HELP);
}

/** The region to use, or a message saying how to give one. */
export function regionOf(options: AwsCliOptions): string {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('Say which AWS region: --region eu-west-1 (or set AWS_REGION).');
  return region;
}

/**
 * The AWS SDK warns on Node 20 that its releases after January 2027 will need Node 22. That is
 * for Vigil's maintainers (package.json engines), not for the analyst running the command.
 */
export function quietSdkNodeNotice(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/** Stored and pulled bytes as AWS counts them (KiB = 1024 B); '-' when unknown. */
export const awsBytes = (bytes: number | null): string =>
  bytes === null ? '-' : formatBytes(bytes, { base: 'binary' });
