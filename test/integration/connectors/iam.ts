// IAM users in moto, made over its query API (the connector has no IAM client, and needs none).
import type { Moto } from './moto.js';

// moto routes by the credential scope of the Authorization header; it checks nothing before IAM
// auth is switched on, so a fixed header is enough to reach its IAM API.
const IAM_AUTH =
  'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0';

async function iam(moto: Moto, params: Record<string, string>): Promise<string> {
  const response = await fetch(`${moto.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: IAM_AUTH },
    body: new URLSearchParams({ Version: '2010-05-08', ...params }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`IAM ${params.Action}: HTTP ${response.status} ${text}`);
  return text;
}

const field = (xml: string, name: string) => new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml)![1]!;

/** A user allowed only `actions`, and an access key for it. */
export async function userWithPolicy(moto: Moto, userName: string, actions: string[]) {
  await iam(moto, { Action: 'CreateUser', UserName: userName });
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] };
  await iam(moto, {
    Action: 'PutUserPolicy',
    UserName: userName,
    PolicyName: 'vigil-test',
    PolicyDocument: JSON.stringify(policy),
  });
  const key = await iam(moto, { Action: 'CreateAccessKey', UserName: userName });
  return { accessKeyId: field(key, 'AccessKeyId'), secretAccessKey: field(key, 'SecretAccessKey') };
}
