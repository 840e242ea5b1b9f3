// A log uploaded with its labels file (the Import view pairs LOG and LOG.labels.csv): one import
// whose records get those labels, recorded on the import, both uploads deleted when it ends; the
// labels grant is spent with the log's, all or nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callApi, type Harness, request, startHarness } from './harness.js';

let h: Harness;
let uploads: string;

beforeAll(async () => {
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-uploads-'));
  h = await startHarness({ uploadDir: uploads });
});
afterAll(async () => {
  await h.close();
  fs.rmSync(uploads, { recursive: true, force: true });
});

const line = (i: number) =>
  `198.51.100.${i} - - [25/Apr/2024:00:00:${String(i).padStart(2, '0')} +0000] "GET /p${i}?id=${i} HTTP/1.1" 200 512 "-" "curl/8.0"`;
/** A Combined log of `n` requests, lines 1…n, its text unique to `tag` (an import is skipped when seen before). */
const log = (n: number, tag: string) =>
  `${Array.from({ length: n }, (_, i) => `${line(i + 1)} ${tag}`).join('\n')}\n`;

async function upload(name: string, body: string): Promise<{ grant: string; file: string }> {
  const reply = await request(h.server.port, `/api/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...h.auth, 'Content-Type': 'application/octet-stream' },
    body: Buffer.from(body),
  });
  expect(reply.status).toBe(200);
  const { grant } = (reply.json() as { value: { grant: string } }).value;
  const [folder] = fs
    .readdirSync(uploads)
    .filter((f) => fs.existsSync(path.join(uploads, f, name)))
    .sort((a, b) => fs.statSync(path.join(uploads, b)).mtimeMs - fs.statSync(path.join(uploads, a)).mtimeMs);
  return { grant, file: path.join(uploads, folder!, name) };
}

const gone = (file: string) => vi.waitFor(() => expect(fs.existsSync(path.dirname(file))).toBe(false));

/** The stored sessions' labels by line, of the import `importId`. */
function labelsOf(importId: number): Array<[number, string | null]> {
  const rows = h.core.db
    .prepare('SELECT raw_line AS line, label FROM sessions WHERE import_id = ? ORDER BY raw_line')
    .all(importId) as { line: number; label: string | null }[];
  return rows.map((r) => [r.line, r.label]);
}

describe('a log uploaded with its labels file', () => {
  it('labels its records, records the labels file on the import, and deletes both uploads', async () => {
    const logFile = await upload('a.log', log(4, 'first'));
    const labels = await upload('a.log.labels.csv', 'line,label\n1,benign\n3,sqli\n4,xss\n');
    const reply = await callApi(h, 'importFiles', { grants: [logFile.grant], labels: labels.grant });
    expect(reply.status).toBe(200);
    const [jobId] = (reply.json() as { value: { jobIds: string[] } }).value.jobIds;
    expect(h.core.registry.get(jobId!)).toMatchObject({ labels: labels.file });
    const record = await h.core.jobs.wait(jobId!);
    expect(record).toMatchObject({ status: 'done', stored: 4, fileName: 'a.log', labelsFile: labels.file });
    expect(labelsOf(record!.id)).toEqual([
      [1, 'benign'],
      [2, null],
      [3, 'sqli'],
      [4, 'xss'],
    ]);
    await gone(logFile.file);
    await gone(labels.file);
    // Both grants were spent.
    const again = await callApi(h, 'importFiles', { grants: [labels.grant] });
    expect(again.status).toBe(403);
  });

  it('refuses a labels file given with two logs, and spends no grant', async () => {
    const one = await upload('b.log', log(2, 'second'));
    const two = await upload('c.log', log(2, 'third'));
    const labels = await upload('b.log.labels.csv', 'line,label\n1,benign\n');
    const reply = await callApi(h, 'importFiles', { grants: [one.grant, two.grant], labels: labels.grant });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('A labels file belongs to one log: give one file with it');
    const alone = await callApi(h, 'importFiles', { grants: [one.grant], labels: labels.grant });
    expect(alone.status).toBe(200);
    const [jobId] = (alone.json() as { value: { jobIds: string[] } }).value.jobIds;
    expect(await h.core.jobs.wait(jobId!)).toMatchObject({ status: 'done', stored: 2 });
  });

  it('refuses an unknown labels grant and keeps the log’s grant for the next try', async () => {
    const logFile = await upload('d.log', log(2, 'fourth'));
    const reply = await callApi(h, 'importFiles', { grants: [logFile.grant], labels: 'x'.repeat(43) });
    expect(reply.status).toBe(403);
    expect(fs.existsSync(logFile.file)).toBe(true);
    const plain = await callApi(h, 'importFiles', { grants: [logFile.grant] });
    expect(plain.status).toBe(200);
    const [jobId] = (plain.json() as { value: { jobIds: string[] } }).value.jobIds;
    expect(await h.core.jobs.wait(jobId!)).toMatchObject({ status: 'done', labelsFile: null });
  });

  it('fails the import of a log whose labels are another log’s, keeps nothing, and deletes both uploads', async () => {
    const logFile = await upload('e.log', log(3, 'fifth'));
    const labels = await upload('e.log.labels.csv', 'line,label\n2,a\n90,b\n');
    const reply = await callApi(h, 'importFiles', { grants: [logFile.grant], labels: labels.grant });
    const [jobId] = (reply.json() as { value: { jobIds: string[] } }).value.jobIds;
    expect(await h.core.jobs.wait(jobId!)).toBeNull();
    expect(h.core.registry.get(jobId!)).toMatchObject({
      state: 'failed',
      error: expect.stringContaining("a label for line 90, past the log's last record (line 3)"),
    });
    const stored = h.core.db.prepare("SELECT count(*) AS n FROM sessions WHERE src_ip LIKE '198.51.100.%'");
    expect((stored.get() as { n: number }).n).toBe(2 + 4 + 2);
    await gone(logFile.file);
    await gone(labels.file);
  });
});
