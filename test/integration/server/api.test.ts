import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, type Harness, request, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('POST /api/<operation>', () => {
  it('answers { ok: true, value } with defaults applied by the shared schema', async () => {
    const reply = await callApi(h, 'sessionPage', {});
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ ok: true, value: { items: [], total: 0 } });
  });

  it('answers 400 with a readable message, never a stack, for invalid arguments', async () => {
    const reply = await callApi(h, 'sessionPage', { limit: 5000, sort: 'nonsense' });
    expect(reply.status).toBe(400);
    const answer = reply.json() as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/^Invalid arguments for sessionPage/);
    expect(answer.error).toMatch(/limit/);
    expect(answer.error).toMatch(/sort/);
    expect(answer.error).not.toMatch(/\n\s+at /);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const reply = await request(h.server.port, '/api/listImports', {
      method: 'POST',
      headers: { ...h.auth, 'Content-Type': 'application/json' },
      body: '{"unfinished":',
    });
    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual({ ok: false, error: 'The request body is not valid JSON.' });
  });

  it('answers 413 for a body over 1 MiB, and the connection still delivers the answer', async () => {
    const reply = await callApi(h, 'loadSample', { padding: 'x'.repeat(1024 * 1024) });
    expect(reply.status).toBe(413);
    expect(reply.json()).toMatchObject({ ok: false, error: expect.stringContaining('larger than') });
    expect(h.core.registry.list()).toEqual([]);
  });

  it('passes service errors on as messages', async () => {
    const reply = await callApi(h, 'jobStatus', { jobId: 'no-such-job' });
    expect(reply.status).toBe(500);
    expect(reply.json()).toEqual({ ok: false, error: 'No job with id no-such-job' });
  });

  it('knows only the operations of the contract', async () => {
    for (const name of ['nope', 'constructor', '__proto__', 'toString']) {
      const reply = await callApi(h, name, {});
      expect(reply.status, name).toBe(404);
    }
  });

  it('accepts only POST with a JSON content type', async () => {
    expect((await request(h.server.port, '/api/listImports', { headers: h.auth })).status).toBe(405);
    const form = await request(h.server.port, '/api/loadSample', {
      method: 'POST',
      headers: { ...h.auth, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    expect(h.core.registry.list()).toEqual([]);
  });
});
