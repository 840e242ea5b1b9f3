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

type Uploaded = { grant: string; name: string };
const uploaded = (reply: { json: () => unknown }) => (reply.json() as { value: Uploaded }).value;
/** The folders under uploads/ (none before the first upload makes it). */
const uploadFolders = () =>
  fs.existsSync(path.join(h.dir, 'uploads')) ? fs.readdirSync(path.join(h.dir, 'uploads')) : [];
/** The files under uploads/, each `<folder>/<name>`. */
const storedUploads = () =>
  uploadFolders().flatMap((folder) =>
    fs.readdirSync(path.join(h.dir, 'uploads', folder)).map((f) => `${folder}/${f}`),
  );

describe('POST /api/upload', () => {
  it('stores the file under uploads/ beside the database and answers a grant (never the path) that importFiles imports', async () => {
    const sample = fs.readFileSync(SAMPLE);
    const before = new Set(storedUploads());
    const reply = await upload('web attack.csv', sample);
    expect(reply.status).toBe(200);
    const { grant, name } = uploaded(reply);
    expect(name).toBe('web attack.csv');
    expect(reply.text).not.toContain(h.dir);
    const [stored] = storedUploads().filter((file) => !before.has(file));
    expect(stored).toMatch(/\/web attack\.csv$/);
    expect(fs.readFileSync(path.join(h.dir, 'uploads', stored!)).equals(sample)).toBe(true);

    const started = await callApi(h, 'importFiles', { grants: [grant] });
    const { jobIds } = (started.json() as { value: { jobIds: string[] } }).value;
    const record = await h.core.jobs.wait(jobIds[0]!);
    expect(record).toMatchObject({ status: 'done', stored: 282, fileName: 'web attack.csv' });
    const page = await callApi(h, 'sessionPage', { limit: 1 });
    expect((page.json() as { value: { total: number } }).value.total).toBe(282);
    // A grant imports once.
    const again = await callApi(h, 'importFiles', { grants: [grant] });
    expect(again.status).toBe(403);
    expect(again.json()).toMatchObject({ ok: false, error: expect.stringMatching(/^Only files you choose/) });
  });

  it('keeps the name inside its folder, whatever the browser sends', async () => {
    const before = new Set(storedUploads());
    const reply = await upload('../../etc/passwd', Buffer.from('x'));
    expect(uploaded(reply).name).toBe('passwd');
    const [stored] = storedUploads().filter((file) => !before.has(file));
    expect(stored).toMatch(/^[^/]+\/passwd$/);
    expect(sanitizeFileName('..')).toBe('upload');
    expect(sanitizeFileName('C:\\logs\\a<b>.csv')).toBe('a_b_.csv');
    expect(sanitizeFileName('.hidden')).toBe('hidden');
  });

  it('refuses a file over the size limit with 413 and leaves nothing behind', async () => {
    // Run on its own (or first), no upload has made the folder yet.
    const before = new Set(uploadFolders());
    const reply = await upload('big.csv', Buffer.alloc(1024 * 1024 + 1));
    expect(reply.status).toBe(413);
    expect(reply.json()).toMatchObject({ ok: false, error: expect.stringContaining('1 MiB') });
    // No new file (an earlier test's upload may be cleaned up meanwhile, so not a count).
    expect(uploadFolders().filter((name) => !before.has(name))).toEqual([]);
  });

  it('needs a signed-in session like every other call', async () => {
    const reply = await request(h.server.port, '/api/upload?name=a.csv', { method: 'POST', body: 'x' });
    expect(reply.status).toBe(401);
  });
});

describe('what the served page can import', () => {
  it('refuses startImport with a path (/etc/passwd as vpc-flow): the page imports only what it uploaded', async () => {
    const jobsBefore = h.core.registry.list().length;
    const reply = await callApi(h, 'startImport', { paths: ['/etc/passwd'], format: 'vpc-flow' });
    expect(reply.status).toBe(404);
    expect(reply.json()).toEqual({
      ok: false,
      error: 'startImport is not offered to the page: it names a file or a host on this machine.',
    });
    // A grant the server never issued, or a path in its place, imports nothing either.
    const forged = await callApi(h, 'importFiles', { grants: ['A'.repeat(43)], format: 'vpc-flow' });
    expect(forged.status).toBe(403);
    const asPath = await callApi(h, 'importFiles', { grants: ['/etc/passwd'] });
    expect(asPath.status).toBe(400);
    expect(h.core.registry.list()).toHaveLength(jobsBefore);
  });
});
