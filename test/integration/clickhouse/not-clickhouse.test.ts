// A source URL that reaches a web server which is not ClickHouse (another service on the port, a
// proxy, a load balancer with no backend): the check said `source "fleet" failed: ` and nothing
// more when the answer was an error without a body, and pasted the page's HTML when it had one.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../src-main/core/service.js';
import { addFleet } from '../../helpers/clickhouse-fixture.js';
import type { ClickHouseServer } from '../../helpers/clickhouse-server.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let web: http.Server;
let url: string;
let core: Core;

beforeAll(async () => {
  web = http.createServer((request, response) => {
    if (request.url?.includes('html')) {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end(
        '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
      );
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  core = createCore({ dbPath: path.join(tempDir(), 'vigil.db'), enrich: false });
});
afterAll(async () => {
  await core?.close();
  await new Promise((resolve) => web?.close(resolve));
});

const notClickHouse = (at: string) => ({ url: at, password: 'x' }) as ClickHouseServer;

describe('a source URL that answers as a web server, not ClickHouse', () => {
  it('says so when the error answer has no text', async () => {
    const error = (await addFleet(core, notClickHouse(url)).catch((e: Error) => e)) as Error;
    expect(error.message).toBe(
      `source "fleet" at ${url} answered with an error and no message, as no ClickHouse server does: is the address its HTTP port (8123 by default)?`,
    );
  });

  it('says so, with the page title, when the answer is a web page', async () => {
    const at = `${url}/html`;
    const error = (await addFleet(core, notClickHouse(at)).catch((e: Error) => e)) as Error;
    expect(error.message).toBe(
      `source "fleet" at ${at} answered with a web page ("502 Bad Gateway"), not as ClickHouse: is the address its HTTP port (8123 by default)?`,
    );
  });
});
