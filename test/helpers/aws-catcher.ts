// A local stand-in for a CloudWatch Logs endpoint that records who called it with which access
// key: it tells whether a page's call went where the main side's settings said, or to a host the
// page chose. It answers DescribeLogGroups with no groups.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsCatcher {
  url: string;
  /** The Authorization header of each request (it names the access key id). */
  seen: string[];
  close(): Promise<void>;
}

export async function startAwsCatcher(): Promise<AwsCatcher> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(String(req.headers.authorization ?? ''));
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end('{"logGroups":[]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Keys only in the environment, no ~/.aws files, no instance metadata: nothing leaves this machine. */
export function pageTestAwsEnv(dir: string): Record<string, string | undefined> {
  return {
    AWS_ACCESS_KEY_ID: 'AKIAPAGETESTKEY00001',
    AWS_SECRET_ACCESS_KEY: 'page-test-secret',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: `${dir}/no-aws-config`,
    AWS_SHARED_CREDENTIALS_FILE: `${dir}/no-aws-credentials`,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
