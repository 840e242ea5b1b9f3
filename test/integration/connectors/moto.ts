// A real moto_server (AWS emulator) on a free loopback port, started per test file.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  type InputLogEvent,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';

// The SDK's Node 20 end-of-support notice is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const REGION = 'eu-west-1';
export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface Moto {
  url: string;
  port: number;
  /** POST /moto-api/reset: every resource gone. */
  reset(): Promise<void>;
  /** POST /moto-api/reset-auth: IAM checks on every request after `freeRequests` more ('inf': off). */
  setAuth(freeRequests: number | 'inf'): Promise<void>;
  /** A client for setting up fixtures (the code under test builds its own). */
  admin: CloudWatchLogsClient;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function waitForStart(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(`Running on http://127.0.0.1:${port}`)) {
        // moto logs every request; keep draining so a full pipe never blocks it.
        child.stderr!.off('data', onData);
        child.stderr!.resume();
        resolve();
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`moto_server exited (${code}) before starting:\n${log}`)));
    child.once('error', reject);
  });
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await waitForStart(child, port);
  const url = `http://127.0.0.1:${port}`;
  const post = async (path: string, body?: string) => {
    const response = await fetch(`${url}${path}`, { method: 'POST', body });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  };
  const admin = new CloudWatchLogsClient({ region: REGION, endpoint: url, credentials: TEST_CREDENTIALS });
  return {
    url,
    port,
    admin,
    reset: () => post('/moto-api/reset'),
    setAuth: (freeRequests) => post('/moto-api/reset-auth', String(freeRequests)),
    async stop() {
      admin.destroy();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function createGroup(
  moto: Moto,
  logGroup: string,
  streams: string[],
  retentionInDays?: number,
): Promise<void> {
  await moto.admin.send(new CreateLogGroupCommand({ logGroupName: logGroup }));
  if (retentionInDays !== undefined)
    await moto.admin.send(new PutRetentionPolicyCommand({ logGroupName: logGroup, retentionInDays }));
  for (const stream of streams)
    await moto.admin.send(new CreateLogStreamCommand({ logGroupName: logGroup, logStreamName: stream }));
}

/** PutLogEvents in chunks within its limits (10 000 events, 1 MiB counting 26 bytes per event). */
export async function putEvents(moto: Moto, logGroup: string, stream: string, events: InputLogEvent[]) {
  let chunk: InputLogEvent[] = [];
  let bytes = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    await moto.admin.send(
      new PutLogEventsCommand({ logGroupName: logGroup, logStreamName: stream, logEvents: chunk }),
    );
    chunk = [];
    bytes = 0;
  };
  for (const event of events) {
    const size = Buffer.byteLength(event.message ?? '') + 26;
    if (chunk.length === 10_000 || bytes + size > 1_000_000) await flush();
    chunk.push(event);
    bytes += size;
  }
  await flush();
}
