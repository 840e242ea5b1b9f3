// Browser uploads are deleted once their import finishes (done, failed or cancelled), when the
// server stops if they were never imported, and at start when the server that received them is gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { uploadFolderOf } from '../../../src-main/server/upload-cleanup.js';
import { operations } from '../../../src-shared/api.js';
import { writeCloudwatchFile } from '../../helpers/cloudwatch-rows.js';
import { callApi, type Harness, request, SAMPLE, startHarness } from './harness.js';

let h: Harness;
let uploads: string;
let leftovers: { dead: string; legacy: string; ours: string };

beforeAll(async () => {
  // Left by an earlier server: one whose process is gone (pid 2^22 + 1 is above Linux's pid_max
  // ceiling, so no process holds it), one from before folders were named, one of this process.
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-uploads-'));
  leftovers = { dead: '4194305-0a0b0c0d', legacy: '0a0b0c0d0e0f0a0b', ours: `${process.pid}-0a0b0c0d` };
  for (const folder of Object.values(leftovers)) {
    fs.mkdirSync(path.join(uploads, folder));
    fs.writeFileSync(path.join(uploads, folder, 'a.csv'), 'x');
  }
  h = await startHarness({ uploadDir: uploads });
});
afterAll(async () => {
  await h.close();
  fs.rmSync(uploads, { recursive: true, force: true });
});

/** The stored files of an upload folder, as paths. */
const filesIn = (dir: string) =>
  fs
    .readdirSync(dir)
    .flatMap((folder) => fs.readdirSync(path.join(dir, folder)).map((f) => path.join(dir, folder, f)));

/** Uploads through `server` (default the shared one); resolves with its grant and where it was stored. */
async function upload(name: string, body: Buffer, on: Harness = h): Promise<{ grant: string; file: string }> {
  const dir = path.join(on.server === h.server ? uploads : path.join(on.dir, 'uploads'));
  const before = new Set(fs.existsSync(dir) ? filesIn(dir) : []);
  const reply = await request(on.server.port, `/api/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...on.auth, 'Content-Type': 'application/octet-stream' },
    body,
  });
  expect(reply.status).toBe(200);
  const [file] = filesIn(dir).filter((f) => !before.has(f));
  return { grant: (reply.json() as { value: { grant: string } }).value.grant, file: file! };
}

async function startImport(uploaded: Array<{ grant: string }>): Promise<string[]> {
  const reply = await callApi(h, 'importFiles', { grants: uploaded.map((u) => u.grant) });
  return (reply.json() as { value: { jobIds: string[] } }).value.jobIds;
}

/** Resolves once the upload's folder is gone (deletion follows the job's last event). */
const gone = (file: string) => vi.waitFor(() => expect(fs.existsSync(path.dirname(file))).toBe(false));

describe('upload cleanup', () => {
  it('at start, removes uploads of servers that are gone and keeps this process’s', () => {
    expect(fs.readdirSync(uploads)).toEqual([leftovers.ours]);
  });

  it('deletes an upload once its import is done; what it stored stays', async () => {
    // Counted from what is there: the file's other tests import too, in whatever order they run.
    const total = async () =>
      ((await callApi(h, 'sessionPage', { limit: 1 })).json() as { value: { total: number } }).value.total;
    const before = await total();
    const sample = await upload('sample.csv', fs.readFileSync(SAMPLE));
    const [jobId] = await startImport([sample]);
    expect(await h.core.jobs.wait(jobId!)).toMatchObject({ status: 'done', stored: 282 });
    await gone(sample.file);
    expect(await total()).toBe(before + 282);
  });

  it('deletes an upload whose import failed', async () => {
    const notes = await upload('notes.txt', Buffer.from('not a log format at all\n'));
    const [jobId] = await startImport([notes]);
    expect(await h.core.jobs.wait(jobId!)).toBeNull();
    expect(h.core.registry.get(jobId!)).toMatchObject({ state: 'failed' });
    await gone(notes.file);
  });

  it('deletes an upload whose import was cancelled, and the one imported before it', async () => {
    const big = path.join(h.dir, 'big.csv');
    await writeCloudwatchFile(big, 0, 60_000);
    const first = await upload('big.csv', fs.readFileSync(big));
    const second = await upload('second.csv', fs.readFileSync(SAMPLE));
    // One import runs at a time: the second waits in the queue while the big one runs.
    const [bigJob, queuedJob] = await startImport([first, second]);
    const cancel = await callApi(h, 'cancelJob', { jobId: queuedJob });
    expect(cancel.json()).toEqual({ ok: true, value: { cancelled: true } });
    expect(h.core.registry.get(queuedJob!)).toMatchObject({ state: 'cancelled' });
    await gone(second.file);
    await h.core.jobs.wait(bigJob!);
    await gone(first.file);
  });

  it('deletes the uploads that were never imported when the server stops, and keeps the imported data', async () => {
    const other = await startHarness();
    try {
      const imported = await upload('sample.csv', fs.readFileSync(SAMPLE), other);
      const reply = await callApi(other, 'importFiles', { grants: [imported.grant] });
      const { jobIds } = (reply.json() as { value: { jobIds: string[] } }).value;
      await other.core.jobs.wait(jobIds[0]!);
      const forgotten = await upload('never imported.csv', fs.readFileSync(SAMPLE), other);
      expect(fs.existsSync(forgotten.file)).toBe(true);
      await other.server.close();
      expect(fs.existsSync(path.dirname(forgotten.file))).toBe(false);
      const page = await other.core.service.sessionPage(operations.sessionPage.args.parse({ limit: 1 }));
      expect(page.total).toBe(282);
    } finally {
      await other.close().catch(() => {});
    }
  });

  it('only ever deletes folders inside the upload folder', () => {
    expect(uploadFolderOf(path.join(uploads, 'f', 'a.csv'), uploads)).toBe(path.join(uploads, 'f'));
    expect(uploadFolderOf(path.join(uploads, 'a.csv'), uploads)).toBeNull();
    expect(uploadFolderOf(path.join(uploads, 'f', 'g', 'a.csv'), uploads)).toBeNull();
    expect(uploadFolderOf(path.join(path.dirname(uploads), 'x', 'a.csv'), uploads)).toBeNull();
    expect(uploadFolderOf(SAMPLE, uploads)).toBeNull();
  });
});
