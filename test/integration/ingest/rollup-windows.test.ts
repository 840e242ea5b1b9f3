// The parser sums every row into a rollup window and hands it to the writer with the batch that
// spends its cell budget (WINDOW_CELLS), and with the last batch; the writer takes the rows it
// refused as duplicates back out before the upsert. Small windows here give several flushes per
// file, so the rollups are checked against a recomputation from the sessions after imports with
// duplicates inside and across files (in the same window and in later ones), and after a cancel or
// a kill that lands between two flushes. Flushes go to the writer connection's staging, which the
// import adds to the rollups only when it is done: no dashboard ever counts an unfinished import.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverInterruptedImports, rollBackImport } from '../../../src-main/core/db/import-rollback.js';
import { sessionIdRange } from '../../../src-main/core/db/imports.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { countSessions } from '../../../src-main/core/db/sessions.js';
import { type ImportProgress, runImport } from '../../../src-main/core/ingest/pipeline.js';
import { analyticsMismatches } from '../../helpers/analytics-check.js';
import { CLOUDWATCH_HEADER, cloudwatchRow, writeCloudwatchFile } from '../../helpers/cloudwatch-rows.js';
import { rollupMismatches } from '../../helpers/rollup-check.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
// Each row of these files brings a new source IP and pair: a 10 000-row batch fills about 40 000
// cells, so a window closes every second batch.
const WINDOW_CELLS = 60_000;

function windowed(file: string, parser: 'inline' | 'worker' = 'inline') {
  return { file, enrich: false, parser, windowCells: WINDOW_CELLS };
}

function mismatches(db: Db): string[] {
  return [...rollupMismatches(db), ...analyticsMismatches(db)];
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

function writeRows(file: string, rows: string[]): string {
  fs.writeFileSync(file, `${CLOUDWATCH_HEADER}\n${rows.join('\n')}\n`);
  return file;
}

/** Rows [from, to) and then `repeats` again: duplicates inside the file, windows after their originals. */
function writeWithRepeats(file: string, from: number, to: number, repeats: number[]): string {
  return writeRows(
    file,
    [...range(from, to), ...repeats].map((i) => cloudwatchRow(i)),
  );
}

/**
 * Sessions of another import spread over the whole time range of the files above (a second later
 * than theirs, so not duplicates): every rollup cell an interrupted import touches is shared, so
 * subtracting more or less than it applied shows. Rows [from, to) of the files above come too.
 */
function writeBackground(file: string, from: number, to: number): string {
  const shifted = range(0, 30_000).map((k) => cloudwatchRow(4 * k, Date.UTC(2024, 3, 25) + 1_000));
  return writeRows(file, [...shifted, ...range(from, to).map((i) => cloudwatchRow(i))]);
}

/** A database holding the background sessions (with rows [from, to) of the plain files). */
async function withBackground(dir: string, from: number, to: number): Promise<{ db: Db; before: number }> {
  const db = openDatabase(path.join(dir, 'v.db'));
  const base = writeBackground(path.join(dir, 'base.csv'), from, to);
  await runImport(db, windowed(base));
  return { db, before: countSessions(db) };
}

/**
 * True once the import (writing through `db`, inline) has flushed a window into its staging, none
 * of which is in the rollups yet.
 */
function betweenFlushes(db: Db, importId: number): boolean {
  const staged = db.prepare('SELECT count(*) FROM temp.staged_rollup_time').pluck().get() as number;
  return staged > 0 && sessionIdRange(db, importId)?.rollupLast === 0;
}

describe('rollup windows', () => {
  it('equal a recomputation from the sessions after multi-window imports with duplicates inside and across files', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'w.db'));
    const first = path.join(dir, 'first.csv');
    // Repeats of early rows land in the last window (a repeated row is a session of its own).
    writeWithRepeats(first, 0, 45_000, [...range(5_000, 9_000), 44_999]);
    const a = await runImport(db, windowed(first, 'inline'));
    expect(a).toMatchObject({ status: 'done', rowsRead: 49_001, stored: 49_001, duplicates: 0 });
    expect(mismatches(db)).toEqual([]);

    // Overlaps the first file (rows 30 000–44 999, and 44 999's second copy, a duplicate in the last
    // batch) and repeats some of its own rows.
    const second = path.join(dir, 'second.csv');
    writeWithRepeats(second, 30_000, 80_000, [...range(60_000, 61_000), 44_999]);
    const b = await runImport(db, windowed(second, 'worker'));
    expect(b).toMatchObject({ status: 'done', rowsRead: 51_001, stored: 36_000, duplicates: 15_001 });
    expect(countSessions(db)).toBe(85_001);
    expect(mismatches(db)).toEqual([]);
    // A finished import's whole range is in the rollups.
    const ids = sessionIdRange(db, b.id)!;
    expect(ids.rollupLast).toBe(ids.last);

    rollBackImport(db, b.id);
    expect(countSessions(db)).toBe(49_001);
    expect(mismatches(db)).toEqual([]);
    db.close();
  });

  it('keep nothing of an import cancelled between two flushes', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const { db, before } = await withBackground(dir, 20_000, 30_000);
    const big = path.join(dir, 'big.csv');
    // Overlaps the stored rows, so the cancelled import also met duplicates (never added to a window).
    await writeCloudwatchFile(big, 20_000, 120_000);
    const abort = new AbortController();
    let cancelledBetween = false;
    const record = await runImport(db, windowed(big, 'worker'), {
      signal: abort.signal,
      progressIntervalMs: 0,
      onProgress: ({ importId, record }) => {
        if (record.rowsRead >= 40_000 && betweenFlushes(db, importId) && !abort.signal.aborted) {
          cancelledBetween = true;
          abort.abort();
        }
      },
    });
    expect(cancelledBetween).toBe(true);
    expect(record.status).toBe('cancelled');
    expect(countSessions(db)).toBe(before);
    expect(mismatches(db)).toEqual([]);
    expect(
      db.prepare(`SELECT count(*) FROM temp.sqlite_master WHERE name LIKE 'staged_%'`).pluck().get(),
    ).toBe(0);
    db.close();
  });

  it('are recovered exactly after a kill between two flushes', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const { db, before } = await withBackground(dir, 20_000, 30_000);
    const big = writeWithRepeats(path.join(dir, 'big.csv'), 20_000, 90_000, range(40_000, 42_000));
    // A copy of the database as a batch commits is what a kill at that moment leaves on disk.
    const killed = path.join(dir, 'killed.db');
    const seen = (progress: ImportProgress) => {
      if (fs.existsSync(killed) || progress.record.rowsRead < 50_000) return;
      if (betweenFlushes(db, progress.importId)) db.exec(`VACUUM INTO '${killed}'`);
    };
    await runImport(db, windowed(big, 'inline'), { progressIntervalMs: 0, onProgress: seen });
    db.close();

    const after = openDatabase(killed);
    // The copy's owner is this test process, which is alive: make it look like a dead one's.
    after.prepare(`UPDATE imports SET owner_pid = NULL WHERE status = 'running'`).run();
    expect(recoverInterruptedImports(after)).toHaveLength(1);
    expect(countSessions(after)).toBe(before);
    expect(mismatches(after)).toEqual([]);
    after.close();
  });
});

/**
 * Rows [from, to) with a few hot sources: every 500th row comes from one of three addresses, with a
 * country that changes from row to row and a destination that changes every 10 000 rows, so each
 * hot source has several countries in each window and pairs first seen in later windows.
 */
function writeHotSources(file: string, from: number, to: number, hot: readonly string[]): string {
  const countries = ['DE', 'US', 'NL', 'CA', 'AT', 'FR', 'JP'];
  return writeRows(
    file,
    range(from, to).map((i) => {
      const fields = cloudwatchRow(i).split(',');
      if (i % 500 === 0) {
        const k = i / 500;
        fields[4] = hot[k % hot.length]!;
        fields[5] = countries[k % countries.length]!;
        fields[9] = `10.0.0.${Math.floor(i / 10_000)}`;
      }
      return fields.join(',');
    }),
  );
}

/** Sources whose rolled-up country is not the one of their first stored session. */
function sourcesNotFirstCountry(db: Db): string[] {
  return db
    .prepare(
      `SELECT r.src_ip FROM rollup_sources AS r
       WHERE r.country != (SELECT coalesce(country, '') FROM sessions AS s WHERE s.src_ip = r.src_ip ORDER BY id LIMIT 1)`,
    )
    .pluck()
    .all() as string[];
}

describe('per-client rollups', () => {
  it("keep each source's first country across windows, destinations and imports", async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'c.db'));
    const hot = ['198.51.100.1', '198.51.100.2', '198.51.100.3'];
    const first = writeHotSources(path.join(dir, 'first.csv'), 0, 45_000, hot);
    expect(await runImport(db, windowed(first))).toMatchObject({ status: 'done', stored: 45_000 });
    // The hot sources really changed country and destination within the import.
    const varied = db
      .prepare(
        `SELECT count(DISTINCT country) AS countries, count(DISTINCT dst_ip) AS pairs FROM sessions WHERE src_ip = ?`,
      )
      .get(hot[0]);
    expect(varied).toEqual({ countries: 7, pairs: 5 });
    expect(db.prepare('SELECT country FROM rollup_sources WHERE src_ip = ?').pluck().all(hot[0])).toEqual([
      'DE',
    ]);
    expect(sourcesNotFirstCountry(db)).toEqual([]);
    expect(mismatches(db)).toEqual([]);

    // A later import sees the hot sources first with other countries: the stored ones stay.
    const second = writeHotSources(path.join(dir, 'second.csv'), 45_500, 60_000, hot);
    expect(await runImport(db, windowed(second, 'worker'))).toMatchObject({ status: 'done', stored: 14_500 });
    expect(sourcesNotFirstCountry(db)).toEqual([]);
    expect(mismatches(db)).toEqual([]);
    db.close();
  });
});

describe('migration 008 (imports.rollup_last_id)', () => {
  it('adds the column, and an import row from before it (NULL) rolls back its whole range', async () => {
    const dir = tempDir();
    const { db, before } = await withBackground(dir, 0, 12_000);
    const columns = (db.prepare('PRAGMA table_info(imports)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('rollup_last_id');
    const file = path.join(dir, 'old.csv');
    await writeCloudwatchFile(file, 6_000, 30_000);
    const old = await runImport(db, { file, enrich: false, windowCells: WINDOW_CELLS });
    // As an older writer left it: running, every batch applied, no rollup_last_id.
    db.prepare(`UPDATE imports SET status = 'running', rollup_last_id = NULL WHERE id = ?`).run(old.id);
    expect(sessionIdRange(db, old.id)!.rollupLast).toBe(sessionIdRange(db, old.id)!.last);
    rollBackImport(db, old.id);
    expect(countSessions(db)).toBe(before);
    expect(mismatches(db)).toEqual([]);
    db.close();
  });
});
