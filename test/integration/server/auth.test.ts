import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/csp.js';
import { callApi, type Harness, request, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('serve mode access control', () => {
  it('prints a loopback URL that carries a 256-bit token', () => {
    expect(h.server.url).toBe(`http://127.0.0.1:${h.server.port}/?token=${h.server.token}`);
    expect(Buffer.from(h.server.token, 'base64url')).toHaveLength(32);
  });

  it('refuses pages and API calls without the token', async () => {
    expect((await request(h.server.port, '/')).status).toBe(401);
    const api = await callApi(h, 'listImports', {}, {});
    expect(api.status).toBe(401);
    expect(api.json()).toMatchObject({ ok: false, error: expect.stringContaining('token') });
    expect((await request(h.server.port, '/api/events')).status).toBe(401);
  });

  it('refuses a wrong token, in the link, a cookie or a Bearer header', async () => {
    expect((await request(h.server.port, '/?token=wrong')).status).toBe(401);
    const cookie = { Cookie: `vigil_${h.server.port}=wrong` };
    expect((await request(h.server.port, '/', { headers: cookie })).status).toBe(401);
    expect((await callApi(h, 'listImports', {}, { Authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('trades the token in the link for an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const exchange = await request(h.server.port, `/?token=${h.server.token}`);
    expect(exchange.status).toBe(303);
    expect(exchange.headers.location).toBe('/');
    const setCookie = exchange.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;

    const page = await request(h.server.port, '/', { headers: { Cookie: `other=1; ${cookie}` } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Vigil test page');
    const api = await callApi(h, 'listImports', {}, { Cookie: cookie });
    expect(api.json()).toEqual({ ok: true, value: [] });
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const reply = await request(h.server.port, '/', {
      headers: { ...h.auth, Host: `attacker.example:${h.server.port}` },
    });
    expect(reply.status).toBe(403);
    const otherPort = await request(h.server.port, '/', { headers: { ...h.auth, Host: '127.0.0.1:1' } });
    expect(otherPort.status).toBe(403);
    const localhost = await request(h.server.port, '/', {
      headers: { ...h.auth, Host: `localhost:${h.server.port}` },
    });
    expect(localhost.status).toBe(200);
  });

  it('refuses a call whose Origin is another site, or another port of this host', async () => {
    const evil = await callApi(h, 'loadSample', {}, { ...h.auth, Origin: 'http://attacker.example' });
    expect(evil.status).toBe(403);
    const sibling = await callApi(h, 'loadSample', {}, { ...h.auth, Origin: 'http://127.0.0.1:1' });
    expect(sibling.status).toBe(403);
    const own = await callApi(
      h,
      'listImports',
      {},
      { ...h.auth, Origin: `http://127.0.0.1:${h.server.port}` },
    );
    expect(own.status).toBe(200);
    expect(h.core.jobs.list()).toEqual([]);
  });

  it('sends the security headers on every answer, refusals included', async () => {
    for (const reply of [
      await request(h.server.port, '/'),
      await request(h.server.port, '/', { headers: h.auth }),
    ]) {
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
      expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves renderer files and nothing outside the renderer folder', async () => {
    const script = await request(h.server.port, '/assets/app.js', { headers: h.auth });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    for (const target of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const reply = await request(h.server.port, target, { headers: h.auth });
      expect(reply.status, target).toBe(404);
      expect(reply.text).not.toContain('outside the renderer');
    }
  });
});
