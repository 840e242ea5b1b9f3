// A real server on a free port over a temp database, and a raw HTTP client that can send any Host,
// Origin or Cookie header (fetch forbids some of them).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { type Core, type CoreOptions, createCore } from '../../../src-main/core/service.js';
import { type RunningServer, type ServerOptions, startServer } from '../../../src-main/server/index.js';

export const SAMPLE = path.resolve(
  import.meta.dirname,
  '../../../resources/samples/CloudWatch_Traffic_Web_Attack.csv',
);

export interface Harness {
  dir: string;
  core: Core;
  server: RunningServer;
  /** Headers that authenticate a request: the session cookie the link was traded for ({} when not signed in). */
  auth: Record<string, string>;
  close(): Promise<void>;
}

/**
 * `signIn: false` leaves the printed link unused, for tests of the link itself; `core` adds to the
 * core's options (e.g. the CloudWatch endpoint `vigil serve --cloudwatch-endpoint` sets).
 */
export async function startHarness(
  options: Partial<Omit<ServerOptions, 'core'>> & { signIn?: boolean; core?: Partial<CoreOptions> } = {},
): Promise<Harness> {
  const { signIn = true, core: coreOptions = {}, ...serverOptions } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-server-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Vigil test page</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  const core = createCore({ dbPath: path.join(dir, 'x.db'), sampleOnFirstStart: false, ...coreOptions });
  const server = await startServer({ core, rendererDir, ...serverOptions });
  return {
    dir,
    core,
    server,
    auth: signIn ? { Cookie: await sessionCookieOf(server) } : {},
    async close() {
      await server.close();
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the printed link as a browser does and returns the `name=value` of the cookie it sets. */
export async function sessionCookieOf(server: RunningServer): Promise<string> {
  const reply = await request(server.port, `/?token=${server.token}`);
  const cookie = reply.headers['set-cookie']?.[0]?.split(';')[0];
  if (reply.status !== 303 || !cookie) throw new Error(`signing in answered ${reply.status}: ${reply.text}`);
  return cookie;
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => unknown;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}

export function request(port: number, target: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: target, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POSTs JSON arguments to an operation. */
export function callApi(
  h: Harness,
  operation: string,
  args: unknown,
  headers: Record<string, string> = h.auth,
): Promise<Reply> {
  return request(h.server.port, `/api/${operation}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(args),
  });
}
