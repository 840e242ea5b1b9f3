// A server reachable by anything on the machine must not let strangers hold its connections: idle
// sockets, headers sent a byte at a time, or a refused request whose body never ends are closed
// after the deadline, while a signed-in upload may take as long as it needs.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

const DEADLINE_MS = 600;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ strangerTimeoutMs: DEADLINE_MS });
});
afterAll(() => h.close());

/** Opens a socket, runs `talk` on it once connected, resolves with how long the server kept it. */
function held(talk: (socket: net.Socket) => void = () => {}): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(h.server.port, '127.0.0.1', () => talk(socket));
    socket.on('error', () => {});
    socket.on('close', () => resolve(performance.now() - started));
    socket.resume();
  });
}

/** Writes `text` a few bytes every 50 ms until the socket closes. */
function dribble(socket: net.Socket, text: string): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed) return clearInterval(timer);
    socket.write(text.slice(at % text.length, (at % text.length) + 3));
    at += 3;
  }, 50);
  socket.on('close', () => clearInterval(timer));
}

describe('connections that do not sign in', () => {
  it('are closed after the deadline: idle, slow headers, or a refused body that never ends (120 at once)', async () => {
    const host = `Host: 127.0.0.1:${h.server.port}\r\n`;
    const sockets = [
      ...Array.from({ length: 40 }, () => held()),
      ...Array.from({ length: 40 }, () =>
        held((socket) => dribble(socket, `GET / HTTP/1.1\r\n${host}X-Padding: ${'a'.repeat(5000)}`)),
      ),
      ...Array.from({ length: 40 }, () =>
        held((socket) => {
          socket.write(
            `POST /api/listImports HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n`,
          );
          dribble(socket, '{"a":1}');
        }),
      ),
    ];
    const times = await Promise.all(sockets);
    // The deadline plus slack for a busy machine; Node's own limits would have held them all
    // (headers: 30 s, a body: for ever), and the test's timeout (60 s) would end it.
    expect(Math.max(...times)).toBeLessThan(DEADLINE_MS + 10_000);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
  });

  it('lets a signed-in upload run past the deadline', async () => {
    const body = Buffer.alloc(64 * 1024, 'a');
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(h.server.port, '127.0.0.1', () => {
        socket.write(
          `POST /api/upload?name=slow.csv HTTP/1.1\r\nHost: 127.0.0.1:${h.server.port}\r\n${Object.entries(
            h.auth,
          )
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join(
              '',
            )}Content-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
        );
        // Four slices over three deadlines.
        let sent = 0;
        const timer = setInterval(() => {
          socket.write(body.subarray(sent, sent + body.length / 4));
          sent += body.length / 4;
          if (sent >= body.length) clearInterval(timer);
        }, DEADLINE_MS * 0.75);
      });
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk;
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"grant"');
  });
});
