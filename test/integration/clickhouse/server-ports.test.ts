// The throwaway server's start when its port is taken between choosing and binding it (the race a
// clean-clone CI run lost): it must not take whoever holds the port for itself, and must try again.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';

// Another server on the port: it answers /ping as ClickHouse does and refuses every query.
async function foreignServer(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    if (request.url === '/ping') response.end('Ok.\n');
    else {
      response.statusCode = 516;
      response.end('Code: 516. DB::Exception: default: Authentication failed');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const portOf = (server: http.Server) => (server.address() as AddressInfo).port;

let started: ClickHouseServer | undefined;
const foreign: http.Server[] = [];
afterEach(async () => {
  await started?.stop();
  started = undefined;
  for (const server of foreign.splice(0)) await new Promise((resolve) => server.close(resolve));
});

describe('throwaway ClickHouse start', () => {
  it('tries new ports when its HTTP port is taken, and never answers with the server that holds it', async () => {
    const taken = await foreignServer();
    foreign.push(taken);
    const other = await foreignServer();
    foreign.push(other);
    // The TCP port is free once the second foreign server closes; only the HTTP port is taken.
    const tcpPort = portOf(other);
    await new Promise((resolve) => other.close(resolve));
    started = await startClickHouse({ ports: [[portOf(taken), tcpPort]] });
    expect(started.url).not.toContain(`:${portOf(taken)}`);
    expect((await started.sql('SELECT 1')).trim()).toBe('1');
  }, 60_000);

  it('gives up with the reason when every attempt finds its port taken', async () => {
    const taken = await foreignServer();
    foreign.push(taken);
    const pairs: Array<[number, number]> = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const free = await foreignServer();
      const tcpPort = portOf(free);
      await new Promise((resolve) => free.close(resolve));
      pairs.push([portOf(taken), tcpPort]);
    }
    await expect(startClickHouse({ ports: pairs })).rejects.toThrow(
      /ports taken 4 times.*Address already in use/s,
    );
  }, 120_000);
});
