import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/csp.js';
import { callApi, type Harness, request, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  // The link is left unused: these tests trade it themselves.
  h = await startHarness({ signIn: false });
});
afterAll(() => h.close());

/**
 * A browser's cookie jar for one host name: RFC 6265 cookies do not tell ports apart, so the
 * servers of every port of 127.0.0.1 read and overwrite the same cookies, by name.
 */
class HostCookieJar {
  private readonly cookies = new Map<string, string>();
  take(setCookie: string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const pair = line.split(';')[0]!;
      this.cookies.set(pair.slice(0, pair.indexOf('=')), pair);
    }
  }
  header(): string {
    return [...this.cookies.values()].join('; ');
  }
  value(name: string): string | undefined {
    return this.cookies.get(name)?.slice(name.length + 1);
  }
}

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

  it('refuses a wrong token or session, in the link, a cookie or a Bearer header', async () => {
    expect((await request(h.server.port, '/?token=wrong')).status).toBe(401);
    const cookie = { Cookie: `vigil_${h.server.port}=wrong` };
    expect((await request(h.server.port, '/', { headers: cookie })).status).toBe(401);
    expect((await callApi(h, 'listImports', {}, { Authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('trades the token in the link for an HttpOnly SameSite=Strict cookie of a session id of its own', async () => {
    const exchange = await request(h.server.port, `/?token=${h.server.token}`);
    expect(exchange.status).toBe(303);
    expect(exchange.headers.location).toBe('/');
    const setCookie = exchange.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const [name, sessionId] = cookie.split('=') as [string, string];
    expect(name).toBe(`vigil_${h.server.port}`);
    // The cookie holds a fresh 256-bit secret, never the token that the URL showed.
    expect(Buffer.from(sessionId, 'base64url')).toHaveLength(32);
    expect(sessionId).not.toBe(h.server.token);

    const page = await request(h.server.port, '/', { headers: { Cookie: `other=1; ${cookie}` } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Vigil test page');
    const api = await callApi(h, 'listImports', {}, { Cookie: cookie });
    expect(api.json()).toEqual({ ok: true, value: [] });
    h.auth = { Cookie: cookie };
  });

  it('once the link was used, its token opens nothing: not in the URL, a Bearer header or the cookie', async () => {
    const token = h.server.token;
    const viaUrl = await request(h.server.port, `/?token=${token}`);
    expect(viaUrl.status).toBe(401);
    expect(viaUrl.headers['set-cookie']).toBeUndefined();
    const bearer = { Authorization: `Bearer ${token}` };
    expect((await callApi(h, 'listImports', {}, bearer)).status).toBe(401);
    expect((await request(h.server.port, '/', { headers: bearer })).status).toBe(401);
    const asCookie = { Cookie: `vigil_${h.server.port}=${token}` };
    expect((await callApi(h, 'listImports', {}, asCookie)).status).toBe(401);
    expect((await request(h.server.port, '/api/events', { headers: asCookie })).status).toBe(401);
    // The session it opened still works.
    expect((await callApi(h, 'listImports', {})).status).toBe(200);
  });

  it('keeps two servers on one host apart: neither overwrites nor accepts the other’s cookie', async () => {
    const other = await startHarness({ signIn: false });
    try {
      // The browser signed in to this server earlier, then opens the other one's link.
      const jar = new HostCookieJar();
      jar.take([h.auth.Cookie!]);
      jar.take((await request(other.server.port, `/?token=${other.server.token}`)).headers['set-cookie']);
      // Signing in to the second server left the first one's session in the jar.
      for (const server of [h.server, other.server]) {
        const reply = await request(server.port, '/', { headers: { Cookie: jar.header() } });
        expect(reply.status, `port ${server.port}`).toBe(200);
      }
      // A session of one server, sent to the other under that one's cookie name, opens nothing.
      const theirId = jar.value(`vigil_${other.server.port}`);
      expect(theirId).toMatch(/^[\w-]{43}$/);
      const forged = { Cookie: `vigil_${h.server.port}=${theirId}` };
      expect((await callApi(h, 'listImports', {}, forged)).status).toBe(401);
    } finally {
      await other.close();
    }
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
    expect(h.core.registry.list()).toEqual([]);
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
