// Serve mode against hostile clients, over real HTTP on a random loopback port: the link works
// once, the token never rides in a URL afterwards, errors carry no stack, every answer carries the
// security headers, and listening beyond loopback needs an explicit flag.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, createTempDirs } from '../../helpers/temp.js';
import { callApi, type Harness, request, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  // The first test trades the link itself; the later ones use the session it opened.
  h = await startHarness({ signIn: false });
});
afterAll(() => h.close());

const STACK_LINE = /\n\s+at |\.(ts|js):\d+/;

describe('the printed link', () => {
  it('is traded for a cookie once; afterwards the token in a URL opens nothing', async () => {
    const first = await request(h.server.port, `/?token=${h.server.token}`);
    expect(first.status).toBe(303);
    const cookie = first.headers['set-cookie']![0]!.split(';')[0]!;

    const leaked = await request(h.server.port, `/?token=${h.server.token}`);
    expect(leaked.status).toBe(401);
    expect(leaked.headers['set-cookie']).toBeUndefined();
    expect(leaked.text).toMatch(/already used/);

    // The browser that holds the cookie may open the link again; it gets no second cookie.
    const again = await request(h.server.port, `/?token=${h.server.token}`, { headers: { Cookie: cookie } });
    expect(again.status).toBe(303);
    expect(again.headers['set-cookie']).toBeUndefined();
    h.auth = { Cookie: cookie };
  });

  it('never accepts the token from the query string of the API, events or files', async () => {
    for (const target of [
      `/api/listImports?token=${h.server.token}`,
      `/api/events?token=${h.server.token}`,
      `/assets/app.js?token=${h.server.token}`,
      `/index.html?token=${h.server.token}`,
    ]) {
      const method = target.startsWith('/api/listImports') ? 'POST' : 'GET';
      const reply = await request(h.server.port, target, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      expect(reply.status, target).toBe(401);
    }
  });
});

describe('errors', () => {
  it('answer JSON with a message and never a stack trace', async () => {
    const replies = [
      await callApi(h, 'jobStatus', { jobId: 'no-such-job' }),
      await callApi(h, 'quarantinePage', { importId: 'x' }),
      await request(h.server.port, '/api/listImports', {
        method: 'POST',
        headers: { ...h.auth, 'Content-Type': 'application/json' },
        body: '{"unterminated',
      }),
      await request(h.server.port, '/api/listImports', {
        method: 'POST',
        headers: { ...h.auth, 'Content-Type': 'application/json' },
        body: Buffer.alloc(1024 * 1024 + 1, 0x20),
      }),
      await callApi(h, 'constructor', {}),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([500, 400, 400, 413, 404]);
    for (const reply of replies) {
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = reply.json() as { ok: boolean; error: string };
      expect(body.ok).toBe(false);
      expect(body.error.length).toBeGreaterThan(0);
      expect(reply.text).not.toMatch(STACK_LINE);
    }
  });
});

describe('security headers', () => {
  it("are on pages, API answers, refusals, events and missing files: CSP with frame-ancestors 'none', nosniff", async () => {
    const events = await new Promise<Record<string, unknown>>((resolve, reject) => {
      import('node:http').then(({ default: http }) => {
        const req = http.get(
          { host: '127.0.0.1', port: h.server.port, path: '/api/events', headers: h.auth },
          (res) => {
            resolve(res.headers);
            res.destroy();
          },
        );
        req.on('error', reject);
      });
    });
    const replies = [
      await request(h.server.port, '/', { headers: h.auth }),
      await request(h.server.port, '/missing.js', { headers: h.auth }),
      await callApi(h, 'listImports', {}),
      await request(h.server.port, '/'),
      await request(h.server.port, '/', { headers: { ...h.auth, Host: 'rebind.example' } }),
    ];
    for (const headers of [...replies.map((reply) => reply.headers), events]) {
      expect(headers['content-security-policy']).toMatch(/^default-src 'self';/);
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).not.toContain('unsafe-eval');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
    }
  });
});

describe('vigil serve --host', () => {
  const tempDir = createTempDirs();

  function serve(args: string[]) {
    const db = path.join(tempDir(), 'x.db');
    const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0', '--no-sample', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, exited, stderr: () => stderr };
  }

  it('refuses an address other machines can reach without --allow-remote, in one line', async () => {
    expect(fs.existsSync(CLI), 'run npm run build first').toBe(true);
    const run = serve(['--host', '0.0.0.0']);
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim()).toBe(
      'vigil: --host 0.0.0.0 lets other machines reach Vigil; add --allow-remote if that is what you want',
    );
  });

  it('with --allow-remote listens, and warns that anyone who can reach it and has the link gets in', async () => {
    const run = serve(['--host', '0.0.0.0', '--allow-remote']);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        readline.createInterface({ input: run.child.stdout }).on('line', (line) => {
          const match = /http:\/\/\S+/.exec(line);
          if (match) resolve(match[0]);
        });
        run.exited.then((code) => reject(new Error(`exited ${code}: ${run.stderr()}`)));
      });
      expect(url).toMatch(/\?token=[\w-]{43}$/);
      // stderr is another pipe: its line may arrive after the URL line.
      await expect
        .poll(run.stderr)
        .toMatch(/^vigil: warning: listening on 0\.0\.0\.0\. Anyone who can reach it/);
      const port = Number(new URL(url).port);
      expect((await request(port, '/')).status).toBe(401);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });

  it('binds loopback by default', async () => {
    const run = serve([]);
    try {
      const url = await new Promise<string>((resolve) => {
        readline.createInterface({ input: run.child.stdout }).on('line', (line) => {
          const match = /http:\/\/\S+/.exec(line);
          if (match) resolve(match[0]);
        });
      });
      expect(new URL(url).hostname).toBe('127.0.0.1');
      expect(run.stderr()).not.toMatch(/warning/);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });
});
