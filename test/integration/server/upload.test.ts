import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeFileName } from '../../../src-main/server/upload.js';
import { callApi, type Harness, request, SAMPLE, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ uploadLimit: 1024 * 1024 });
});
afterAll(() => h.close());

function upload(name: string, body: Buffer) {
  return request(h.server.port, `/api/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...h.auth, 'Content-Type': 'application/octet-stream' },
    body,
  });
}

describe('POST /api/upload', () => {
  it('stores the file under uploads/ beside the database, then startImport imports it', async () => {
    const sample = fs.readFileSync(SAMPLE);
    const reply = await upload('web attack.csv', sample);
    expect(reply.status).toBe(200);
    const { path: stored } = (reply.json() as { value: { path: string } }).value;
    expect(path.dirname(path.dirname(stored))).toBe(path.join(h.dir, 'uploads'));
    expect(path.basename(stored)).toBe('web attack.csv');
    expect(fs.readFileSync(stored).equals(sample)).toBe(true);

    const started = await callApi(h, 'startImport', { paths: [stored] });
    const { jobIds } = (started.json() as { value: { jobIds: string[] } }).value;
    const record = await h.core.jobs.wait(jobIds[0]!);
    expect(record).toMatchObject({ status: 'done', stored: 282, fileName: 'web attack.csv' });
    const page = await callApi(h, 'sessionPage', { limit: 1 });
    expect((page.json() as { value: { total: number } }).value.total).toBe(282);
  });

  it('keeps the name inside its folder, whatever the browser sends', async () => {
    const reply = await upload('../../etc/passwd', Buffer.from('x'));
    const { path: stored } = (reply.json() as { value: { path: string } }).value;
    expect(stored.startsWith(path.join(h.dir, 'uploads') + path.sep)).toBe(true);
    expect(path.basename(stored)).toBe('passwd');
    expect(sanitizeFileName('..')).toBe('upload');
    expect(sanitizeFileName('C:\\logs\\a<b>.csv')).toBe('a_b_.csv');
    expect(sanitizeFileName('.hidden')).toBe('hidden');
  });

  it('refuses a file over the size limit with 413 and leaves nothing behind', async () => {
    const before = new Set(fs.readdirSync(path.join(h.dir, 'uploads')));
    const reply = await upload('big.csv', Buffer.alloc(1024 * 1024 + 1));
    expect(reply.status).toBe(413);
    expect(reply.json()).toMatchObject({ ok: false, error: expect.stringContaining('1 MiB') });
    // No new file (an earlier test's upload may be cleaned up meanwhile, so not a count).
    expect(fs.readdirSync(path.join(h.dir, 'uploads')).filter((name) => !before.has(name))).toEqual([]);
  });

  it('needs the token like every other call', async () => {
    const reply = await request(h.server.port, '/api/upload?name=a.csv', { method: 'POST', body: 'x' });
    expect(reply.status).toBe(401);
  });
});
