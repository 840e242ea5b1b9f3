// A file refused before any row is read (format not recognised, unreadable, empty) is an import
// with status failed and its reason, kept in the database: after a restart the analyst still sees
// that the file was tried and why nothing came of it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listImports } from '../../../src-main/core/db/imports.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { countSessions } from '../../../src-main/core/db/sessions.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

/** What runImport threw: its message and the import id it carries. */
async function refusal(promise: Promise<unknown>): Promise<{ message: string; importId?: number }> {
  const error = await promise.then(
    () => null,
    (thrown: Error & { importId?: number }) => thrown,
  );
  if (!error) throw new Error('the import did not fail');
  return error;
}

describe('an import refused before any row is read', () => {
  it('is recorded as failed with its reason, and stays recorded after the database is reopened', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'v.db');
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'nothing Vigil can read\nsecond line of prose\n');
    const before = Date.now();
    const db = openDatabase(dbPath);
    const error = await refusal(runImport(db, { file, enrich: false }));
    expect(error.message).toMatch(/recognise the format/);
    expect(error.importId).toBe(1);
    db.close();

    const reopened = openDatabase(dbPath);
    const [record] = listImports(reopened);
    expect(record).toMatchObject({
      id: 1,
      file,
      fileName: 'notes.txt',
      format: null,
      status: 'failed',
      message: error.message,
      sizeBytes: fs.statSync(file).size,
      rowsRead: 0,
      stored: 0,
    });
    expect(record!.startedAt).toBeGreaterThanOrEqual(before);
    expect(record!.finishedAt).toBeGreaterThanOrEqual(record!.startedAt);
    expect(countSessions(reopened)).toBe(0);
    reopened.close();
  });

  it('records a missing file and an empty one, each with its reason in words', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'v.db'));
    const missing = path.join(dir, 'gone.log');
    const empty = path.join(dir, 'empty.log');
    fs.writeFileSync(empty, '');
    const gone = await refusal(runImport(db, { file: missing, enrich: false }));
    expect(gone.message).not.toMatch(/ENOENT/);
    const blank = await refusal(runImport(db, { file: empty, enrich: false }));
    const records = listImports(db);
    expect(records.map((r) => [r.fileName, r.status, r.message])).toEqual([
      ['empty.log', 'failed', blank.message],
      ['gone.log', 'failed', gone.message],
    ]);
    expect(gone.message).toMatch(/^no such file/);
    // Nothing is known of a file that is not there: no size rather than a made-up 0 bytes.
    expect(records[1]!.sizeBytes).toBeNull();
    expect(records[0]!.sizeBytes).toBe(0);
    db.close();
  });

  it('keeps the format asked for, and does not stop the same file being read another way', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'v.db'));
    const folder = path.join(dir, 'logs');
    fs.mkdirSync(folder);
    const notLog = await refusal(runImport(db, { file: folder, format: 'cloudwatch-csv', enrich: false }));
    expect(notLog.message).toMatch(/folder/);
    expect(listImports(db)[0]).toMatchObject({
      status: 'failed',
      format: 'cloudwatch-csv',
      fileName: 'logs',
    });

    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'nothing Vigil can read\n');
    await refusal(runImport(db, { file, enrich: false }));
    // A refused file was not imported: read as a format named, it is not "the same file again".
    const again = await runImport(db, { file, format: 'combined', enrich: false });
    expect(again).toMatchObject({ status: 'done', rowsRead: 1, quarantined: 1 });
    expect(listImports(db).map((r) => r.status)).toEqual(['done', 'failed', 'failed']);
    db.close();
  });
});
