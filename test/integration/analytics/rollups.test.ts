import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rollBackImport } from '../../../src-main/core/db/import-rollback.js';
import { migrations } from '../../../src-main/core/db/migrations/index.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { analyticsMismatches } from '../../helpers/analytics-check.js';
import { generatedCsv } from '../../helpers/generated-csv.js';
import { rollupMismatches } from '../../helpers/rollup-check.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

describe('analytics rollups (migration 004)', () => {
  it('are kept equal to the sessions through imports, duplicate re-imports and a rollback', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'a.db'));
    const first = await generatedCsv(dir, 'one.csv', 15_000, 3);
    const second = await generatedCsv(dir, 'two.csv', 8_000, 4);
    await runImport(db, { file: first, enrich: false, parser: 'inline' });
    expect(db.prepare('SELECT count(*) AS n FROM rollup_hist').get()).not.toEqual({ n: 0 });
    expect(analyticsMismatches(db)).toEqual([]);

    // The same sessions again, in a file with different bytes: every row is a duplicate.
    const again = path.join(dir, 'again.csv');
    fs.writeFileSync(again, `${fs.readFileSync(first, 'utf8')}\n`);
    const dup = await runImport(db, { file: again, enrich: false, parser: 'inline' });
    expect(dup.duplicates).toBeGreaterThan(14_000);
    expect(analyticsMismatches(db)).toEqual([]);

    const added = await runImport(db, { file: second, enrich: false, parser: 'worker' });
    expect(analyticsMismatches(db)).toEqual([]);
    rollBackImport(db, added.id);
    expect(analyticsMismatches(db)).toEqual([]);
    expect(rollupMismatches(db)).toEqual([]);
    db.close();
  });

  it('are built by the migration for sessions imported before it', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'b.db'));
    await runImport(db, {
      file: await generatedCsv(dir, 'one.csv', 6_000, 5),
      enrich: false,
      parser: 'inline',
    });
    const before = db.prepare('SELECT count(*) AS n FROM rollup_ports').get();
    db.exec(
      'DROP TABLE rollup_hist; DROP TABLE rollup_ports; DROP TABLE rollup_values; DROP TABLE rollup_flagged;',
    );
    const migration = migrations.find((m) => m.name.startsWith('analytics rollups'))!;
    db.exec(migration.sql);
    expect(db.prepare('SELECT count(*) AS n FROM rollup_ports').get()).toEqual(before);
    expect(analyticsMismatches(db)).toEqual([]);
    db.close();
  });
});
