// Several connections write one database at once (the writer thread, import and rules workers, a
// read worker building the flagged rollup). A transaction that read before it wrote used to fail at
// once with "database is locked" (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out) when another
// connection committed in between: the Rules view's first list answered 500 that way on CI while the
// Overview built its rollup. Every transaction on a Vigil connection now takes the write lock when
// it begins, so a writer waits its turn instead of failing.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { ruleSetBySource } from '../../../src-main/core/db/rule-sets.js';
import { syncRulePack } from '../../../src-main/core/rule-hits/rule-set-load.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const open: Db[] = [];
let worker: Worker | null = null;

afterEach(async () => {
  await worker?.terminate();
  worker = null;
  for (const db of open.splice(0)) db.close();
});

function openVigil(file: string): Db {
  const db = openDatabase(file);
  open.push(db);
  return db;
}

/** A thread of its own that commits small writes to `file` as fast as it can, until terminated. */
async function startBusyWriter(file: string): Promise<void> {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  worker = new Worker(
    `const Database = require(${JSON.stringify(sqlite)});
     const { parentPort, workerData } = require('node:worker_threads');
     const db = new Database(workerData);
     db.pragma('busy_timeout = 30000');
     db.exec('CREATE TABLE IF NOT EXISTS writer_ticks (n INTEGER)');
     const tick = db.prepare('INSERT INTO writer_ticks (n) VALUES (1)');
     parentPort.postMessage('writing');
     for (;;) tick.run();`,
    { eval: true, workerData: file },
  );
  await new Promise((resolve, reject) => {
    worker!.once('message', resolve);
    worker!.once('error', reject);
  });
}

describe('transactions on a Vigil connection', () => {
  it('hold the write lock from their start: no other commit slips in between a read and a write', () => {
    const file = path.join(tempDir(), 'vigil.db');
    const first = openVigil(file);
    const other = openVigil(file);
    other.pragma('busy_timeout = 0');
    let slippedIn = true;
    first.transaction(() => {
      first.prepare('SELECT count(*) FROM sessions').get();
      // Deferred, this write of another connection succeeded, and the write below then failed.
      try {
        other.prepare(`INSERT INTO settings (key, value) VALUES ('probe', '1')`).run();
      } catch (error) {
        expect((error as { code?: string }).code).toBe('SQLITE_BUSY');
        slippedIn = false;
      }
      first.prepare(`INSERT INTO settings (key, value) VALUES ('mine', '1')`).run();
    })();
    expect(slippedIn).toBe(false);
    expect(first.prepare(`SELECT value FROM settings WHERE key = 'mine'`).pluck().get()).toBe('1');
  });

  it('are still deferred when asked for (a read snapshot takes no write lock)', () => {
    const file = path.join(tempDir(), 'vigil.db');
    const reader = openVigil(file);
    const writer = openVigil(file);
    writer.pragma('busy_timeout = 0');
    const seen = reader
      .transaction(() => {
        const before = reader.prepare('SELECT count(*) FROM settings').pluck().get();
        writer.prepare(`INSERT INTO settings (key, value) VALUES ('meanwhile', '1')`).run();
        return [before, reader.prepare('SELECT count(*) FROM settings').pluck().get()];
      })
      .deferred();
    expect(seen[0]).toBe(seen[1]);
  });

  it('let the rule pack be listed while another thread commits writes all the time', async () => {
    const file = path.join(tempDir(), 'vigil.db');
    const db = openVigil(file);
    syncRulePack(db);
    await startBusyWriter(file);
    // Each listing of the rule sets reads the pack's set, then writes it back (same content).
    for (let i = 0; i < 300; i++) syncRulePack(db);
    expect(ruleSetBySource(db, 'pack')?.enabled).toBe(true);
    const ticks = db.prepare('SELECT count(*) FROM writer_ticks').pluck().get() as number;
    expect(ticks).toBeGreaterThan(0);
  });
});
