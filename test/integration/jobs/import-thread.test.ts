import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { countSessions } from '../../../src-main/core/db/sessions.js';
import { ImportThread, type ImportThreadEvent } from '../../../src-main/core/jobs/import-thread.js';
import type { ImportRecord } from '../../../src-shared/domain.js';
import { writeCloudwatchFile } from '../../helpers/cloudwatch-rows.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

function threadFor(dir: string, idleMs: number) {
  const dbPath = path.join(dir, 'v.db');
  openDatabase(dbPath).close();
  return { dbPath, thread: new ImportThread({ dbPath, enrich: false, cacheDir: null }, idleMs) };
}

/** Runs one file on the thread and resolves with its last event. */
function importOn(thread: ImportThread, file: string): Promise<ImportThreadEvent> {
  return new Promise((resolve) => {
    thread.run({ file }, (event) => {
      if (event.type === 'done' || event.type === 'error' || event.type === 'stopped') resolve(event);
    });
  });
}

const recordOf = (event: ImportThreadEvent): ImportRecord => {
  if (event.type !== 'done') throw new Error(`expected a finished import, got ${JSON.stringify(event)}`);
  return event.record;
};

describe('the import thread', () => {
  it('imports files one after another on one thread, each its own import, then ends when idle', async () => {
    const dir = tempDir();
    const [a, b] = [path.join(dir, 'a.csv'), path.join(dir, 'b.csv')];
    await writeCloudwatchFile(a, 0, 2000);
    await writeCloudwatchFile(b, 2000, 3000);
    const { dbPath, thread } = threadFor(dir, 300);
    const first = recordOf(await importOn(thread, a));
    const threadId = thread.threadId;
    expect(threadId).not.toBeNull();
    const second = recordOf(await importOn(thread, b));
    // The second file ran on the same thread: no new thread, no second opening of the database.
    expect(thread.threadId).toBe(threadId);
    expect([first.status, first.stored, second.status, second.stored]).toEqual(['done', 2000, 'done', 1000]);
    expect(second.id).not.toBe(first.id);
    const db = openDatabase(dbPath);
    expect(countSessions(db)).toBe(3000);
    db.close();
    // Idle longer than its wait: the thread closed its database and ended.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(thread.threadId).toBeNull();
    recordOf(await importOn(thread, path.join(dir, 'a.csv')));
    expect(thread.threadId).not.toBe(threadId);
    await thread.close();
  });

  it('is started by warm() before the first file arrives, and that file runs on it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.csv');
    await writeCloudwatchFile(file, 0, 500);
    const { thread } = threadFor(dir, 5000);
    thread.warm();
    const warmed = thread.threadId;
    expect(warmed).not.toBeNull();
    expect(recordOf(await importOn(thread, file)).stored).toBe(500);
    expect(thread.threadId).toBe(warmed);
    await thread.close();
    expect(thread.threadId).toBeNull();
  });

  it('reports a file that cannot be imported and takes the next one on the same thread', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.log');
    fs.writeFileSync(bad, 'nothing Vigil can read\n');
    const good = path.join(dir, 'good.csv');
    await writeCloudwatchFile(good, 0, 100);
    const { thread } = threadFor(dir, 5000);
    const failed = await importOn(thread, bad);
    expect(failed).toMatchObject({ type: 'error', message: expect.stringMatching(/recognise the format/) });
    const threadId = thread.threadId;
    expect(recordOf(await importOn(thread, good)).stored).toBe(100);
    expect(thread.threadId).toBe(threadId);
    await thread.close();
  });
});
