import { describe, expect, it } from 'vitest';
import { explainAwsError } from '../../../src-main/core/connectors/cloudwatch-logs/errors.js';
import { foreignError } from '../../../src-main/core/connectors/cloudwatch-logs/foreign-errors.js';

const ctx = { action: 'FilterLogEvents', region: 'eu-west-1', logGroup: '/vpc/flow' };
const named = (name: string, message = 'aws text', extra: object = {}) =>
  Object.assign(new Error(message), { name, ...extra });

describe('AWS failures explained', () => {
  it('permission: names the IAM action and the log group', () => {
    expect(explainAwsError(named('AccessDeniedException'), ctx).message).toBe(
      'AccessDenied: your credentials may not call logs:FilterLogEvents on log group /vpc/flow. Ask for an IAM policy that allows it, or use another --profile. (AWS said: aws text)',
    );
  });

  it('credentials: unknown key, bad secret, expired session, each naming the source', () => {
    const profiled = { ...ctx, profile: 'prod' };
    expect(explainAwsError(named('UnrecognizedClientException'), profiled).message).toMatch(
      /^AWS does not recognise the access key of profile "prod"/,
    );
    expect(explainAwsError(named('InvalidSignatureException'), ctx).message).toMatch(
      /secret access key of the credentials found by the default AWS chain does not match/,
    );
    expect(explainAwsError(named('ExpiredTokenException'), profiled).message).toMatch(
      /temporary credentials of profile "prod" have expired.*aws sso login/,
    );
  });

  it('an SSO profile without a session says to log in', () => {
    const error = named(
      'CredentialsProviderError',
      'The SSO session token associated with profile=prod was not found or is invalid.',
    );
    expect(explainAwsError(error, { ...ctx, profile: 'prod' }).message).toMatch(
      /^The AWS SSO session of profile "prod" is missing or expired: run `aws sso login --profile prod`/,
    );
  });

  it('not found: the group and the region (and endpoint when custom)', () => {
    expect(explainAwsError(named('ResourceNotFoundException'), ctx).message).toBe(
      'log group /vpc/flow not found in region eu-west-1.',
    );
    expect(
      explainAwsError(named('ResourceNotFoundException', 'The specified log stream does not exist.'), ctx)
        .message,
    ).toMatch(/^A log stream was not found in log group \/vpc\/flow/);
  });

  it('network: unknown host and refused connection say what to check', () => {
    expect(explainAwsError(named('Error', 'getaddrinfo', { code: 'ENOTFOUND' }), ctx).message).toBe(
      'Could not resolve the address of CloudWatch Logs in region eu-west-1: check the network connection, the region name.',
    );
  });

  it('cancel passes through untouched', () => {
    const abort = named('AbortError');
    expect(explainAwsError(abort, ctx)).toBe(abort);
  });
});

describe('errors in XML or HTML (gateways, proxies, emulators)', () => {
  it('reads Code and Message from an AWS XML error', () => {
    const xml =
      '<?xml version="1.0"?><ErrorResponse><Errors><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></Errors></ErrorResponse>';
    expect(foreignError(403, xml)).toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('names the HTTP status and keeps the text of an HTML page', () => {
    expect(foreignError(502, '<html><body><h1>Bad Gateway</h1></body></html>')).toMatchObject({
      name: 'HTTP502',
      message: 'Bad Gateway',
    });
  });
});
