// Turns AWS SDK failures into messages that say what is wrong and what to do about it.

export interface CallContext {
  /** The CloudWatch Logs API action, e.g. FilterLogEvents (IAM names it logs:FilterLogEvents). */
  action: string;
  region: string;
  endpoint?: string;
  profile?: string;
  logGroup?: string;
}

/** A failure already explained for the analyst; `code` keeps the AWS error name for callers. */
export class CloudWatchError extends Error {
  override readonly name = 'CloudWatchError';
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /**
   * True when the analyst's choice is what failed (a profile that does not exist, keys AWS refuses,
   * no permission, no such log group, a bad query), so a transport answers it as the caller's error;
   * false when AWS or the network failed.
   */
  get byCaller(): boolean {
    return CALLER_FAULTS.has(this.code);
  }
}

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  attempts?: number;
  $metadata?: { httpStatusCode?: number };
}

const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
]);
const UNKNOWN_KEY = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidAccessKeyId']);
const BAD_SIGNATURE = new Set(['InvalidSignatureException', 'SignatureDoesNotMatch']);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const CALLER_FAULTS: ReadonlySet<string> = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  ...ACCESS_DENIED,
  ...UNKNOWN_KEY,
  ...BAD_SIGNATURE,
  ...EXPIRED,
  'ResourceNotFoundException',
  'MalformedQueryException',
  'InvalidParameterException',
]);

const CONFIGURE_HINT =
  'Choose a profile (--profile NAME, or AWS_PROFILE) set up in ~/.aws/config or ~/.aws/credentials ' +
  '(`aws configure`, or `aws configure sso` then `aws sso login`), or set AWS_ACCESS_KEY_ID and ' +
  'AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys). Vigil never stores credentials.';

function where(ctx: CallContext): string {
  return ctx.endpoint ? `region ${ctx.region} (endpoint ${ctx.endpoint})` : `region ${ctx.region}`;
}

function credentialSource(ctx: CallContext): string {
  return ctx.profile ? `profile "${ctx.profile}"` : 'the credentials found by the default AWS chain';
}

function credentialsProviderMessage(e: SdkError, ctx: CallContext): string {
  const text = e.message ?? '';
  // The default chain reads AWS_PROFILE when no --profile is given.
  const profile = ctx.profile ?? process.env.AWS_PROFILE;
  const flag = profile ? ` --profile ${profile}` : '';
  if (/\bsso\b/i.test(text))
    return `The AWS SSO session${profile ? ` of profile "${profile}"` : ''} is missing or expired: run \`aws sso login${flag}\`. (${text})`;
  if (profile)
    return `AWS profile "${profile}" gave no credentials: it is missing from ~/.aws/config and ~/.aws/credentials (or the files AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE name), or incomplete. Add it with \`aws configure${flag}\` or \`aws configure sso${flag}\`. (${text})`;
  return `No AWS credentials found. ${CONFIGURE_HINT}`;
}

function networkMessage(e: SdkError, ctx: CallContext): string | null {
  const target = ctx.endpoint ?? `CloudWatch Logs in region ${ctx.region}`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `Could not connect to ${target}: the connection was refused. Is the endpoint running and the port right?`;
    case 'ENOTFOUND':
      return `Could not resolve the address of ${target}: check the network connection, the region name${ctx.endpoint ? ' and --endpoint' : ''}.`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ETIMEDOUT':
    case 'EAI_AGAIN':
      return `The connection to ${target} kept failing (${e.code}${e.attempts ? ` after ${e.attempts} attempts` : ''}): check the network and try again.`;
  }
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout')
    return `${target} did not answer in time${e.attempts ? ` (${e.attempts} attempts)` : ''}: check the network and try again.`;
  return null;
}

/** The analyst-facing error for a failed call; AbortError passes through so callers see the cancel. */
export function explainAwsError(error: unknown, ctx: CallContext): Error {
  const e = (error ?? {}) as SdkError;
  if (e.name === 'AbortError' || e instanceof CloudWatchError) return error as Error;
  const name = e.name ?? 'Error';
  const aws = e.message ? ` (AWS said: ${e.message})` : '';
  const group = ctx.logGroup ? ` on log group ${ctx.logGroup}` : '';
  const make = (message: string) => new CloudWatchError(message, name, { cause: error });

  if (name === 'CredentialsProviderError' || name === 'TokenProviderError')
    return make(credentialsProviderMessage(e, ctx));
  if (ACCESS_DENIED.has(name))
    return make(
      `AccessDenied: your credentials may not call logs:${ctx.action}${group}. Ask for an IAM policy that allows it, or use another --profile.${aws}`,
    );
  if (UNKNOWN_KEY.has(name))
    return make(
      `AWS does not recognise the access key of ${credentialSource(ctx)} (${name}): it was deleted or deactivated, belongs to another partition, or the profile is not the one you meant.${aws}`,
    );
  if (BAD_SIGNATURE.has(name))
    return make(
      `AWS rejected the request signature (${name}): the secret access key of ${credentialSource(ctx)} does not match its access key ID.${aws}`,
    );
  if (EXPIRED.has(name))
    return make(
      `The temporary credentials of ${credentialSource(ctx)} have expired (${name}): refresh them (\`aws sso login\`, or a new session token) and try again.${aws}`,
    );
  if (name === 'ResourceNotFoundException') {
    if (/stream/i.test(e.message ?? ''))
      return make(`A log stream was not found in log group ${ctx.logGroup} in ${where(ctx)}.${aws}`);
    if (ctx.logGroup) return make(`log group ${ctx.logGroup} not found in ${where(ctx)}.`);
    return make(`Not found in ${where(ctx)}: ${e.message}`);
  }
  if (name === 'MalformedQueryException') return make(`The Logs Insights query is not valid: ${e.message}`);
  if (name === 'InvalidParameterException')
    return make(`CloudWatch Logs rejected the logs:${ctx.action} request: ${e.message}`);
  const network = networkMessage(e, ctx);
  if (network) return make(network);
  if (e.attempts)
    return make(
      `CloudWatch Logs kept refusing logs:${ctx.action} (${name}) after ${e.attempts} attempts: try again later, or pull a shorter time range.${aws}`,
    );
  return make(`logs:${ctx.action}${group} failed in ${where(ctx)}: ${name}: ${e.message ?? 'unknown error'}`);
}
