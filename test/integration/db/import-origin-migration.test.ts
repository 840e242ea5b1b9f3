// Migration 026: an import keeps where its records came from when they were pulled (a ClickHouse
// source or a CloudWatch log group); a file import has none, its path says it. An existing
// database gets the column with its rows untouched.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listImports } from '../../../src-main/core/db/imports.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { dropAddressSortKeys } from '../../helpers/older-schema.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

const line = (second: number) =>
  `10.0.0.1 - - [25/Apr/2024:00:00:${String(second).padStart(2, '0')} +0000] "GET / HTTP/1.1" 200 10 "-" "curl/8.0"`;

describe('migration 026: import origin', () => {
  it('adds origin to a database at version 25 without touching its imports', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'access.log');
    fs.writeFileSync(file, `${[line(1), line(2)].join('\n')}\n`);
    const dbPath = path.join(dir, 'vigil.db');
    let db = openDatabase(dbPath);
    await runImport(db, { file, enrich: false, parser: 'inline' });
    // As a database written before 026 holds it.
    db.exec('ALTER TABLE imports DROP COLUMN origin');
    dropAddressSortKeys(db); // migration 027
    db.exec('ALTER TABLE rules DROP COLUMN no_level'); // migration 028
    db.pragma('user_version = 25');
    const before = db.prepare('SELECT * FROM imports').all();
    db.close();

    db = openDatabase(dbPath);
    const after = db.prepare('SELECT * FROM imports').all() as Record<string, unknown>[];
    expect(after).toEqual((before as Record<string, unknown>[]).map((row) => ({ ...row, origin: null })));
    db.close();
  });

  it('stores the origin a pull gives, and none for a file import', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'access.log');
    fs.writeFileSync(file, `${line(1)}\n`);
    const other = path.join(dir, 'other.log');
    fs.writeFileSync(other, `${line(3)}\n`);
    const db = openDatabase(path.join(dir, 'vigil.db'));
    await runImport(db, { file, enrich: false, parser: 'inline' });
    const origin =
      "clickhouse source fleet: http://10.0.0.9:8123 logs.web, filter 'ua:sqlmap', 2026-01-05T00:00:00Z – 2026-01-06T00:00:00Z";
    await runImport(db, { file: other, enrich: false, parser: 'inline', origin });
    expect(listImports(db).map((i) => [i.fileName, i.origin])).toEqual([
      ['other.log', origin],
      ['access.log', null],
    ]);
    db.close();
  });
});
