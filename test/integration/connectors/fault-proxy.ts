// A loopback HTTP proxy in front of moto that can answer a request itself (throttling, server
// errors, other AWS answers moto does not give) or drop the connection, and records every call.
import http from 'node:http';
import type net from 'node:net';

export interface SeenRequest {
  /** The operation, from X-Amz-Target (e.g. FilterLogEvents). */
  operation: string;
  body: string;
  outcome: 'forwarded' | 'answered' | 'reset';
}

/** What to do with a request: forward it (undefined), answer it, or reset the connection. */
export type Fault =
  | undefined
  | 'reset'
  | { status: number; body: unknown }
  | ((
      upstream: () => Promise<{ status: number; body: string }>,
    ) => Promise<{ status: number; body: string }>);

export type FaultRule = (request: { operation: string; body: string; index: number }) => Fault;

export interface FaultProxy {
  url: string;
  seen: SeenRequest[];
  /** Replaces the rule (undefined: forward everything). */
  setRule(rule: FaultRule | undefined): void;
  count(operation: string, outcome?: SeenRequest['outcome']): number;
  close(): Promise<void>;
}

export const throttled = { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } };

function forward(targetUrl: string, req: http.IncomingMessage, body: Buffer) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      const upstream = http.request(
        `${targetUrl}${req.url}`,
        { method: req.method, headers: req.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 502,
              body: Buffer.concat(chunks).toString(),
              headers: res.headers,
            }),
          );
          res.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    },
  );
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  let rule: FaultRule | undefined;
  const seen: SeenRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const body = raw.toString();
    const operation = String(req.headers['x-amz-target'] ?? '').replace(/^Logs_\d+\./, '') || req.url || '';
    const fault = rule?.({ operation, body, index: seen.length });
    const record = (outcome: SeenRequest['outcome']) => seen.push({ operation, body, outcome });
    const json = 'application/x-amz-json-1.1';
    try {
      if (fault === 'reset') {
        record('reset');
        req.socket.destroy();
        return;
      }
      if (fault === undefined) {
        const answer = await forward(targetUrl, req, raw);
        record('forwarded');
        res.writeHead(answer.status, { 'content-type': String(answer.headers['content-type'] ?? json) });
        res.end(answer.body);
        return;
      }
      if (typeof fault === 'function') {
        const answer = await fault(async () => {
          const upstream = await forward(targetUrl, req, raw);
          return { status: upstream.status, body: upstream.body };
        });
        record('answered');
        res.writeHead(answer.status, { 'content-type': json });
        res.end(answer.body);
        return;
      }
      record('answered');
      res.writeHead(fault.status, { 'content-type': json });
      res.end(JSON.stringify(fault.body));
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    setRule(next) {
      rule = next;
    },
    count(operation, outcome) {
      return seen.filter((s) => s.operation === operation && (outcome === undefined || s.outcome === outcome))
        .length;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
