// Migration 020 (sources) on a database an older Vigil left, and the registry it adds: a source's
// pulls' watermarks go with it, a watermark never moves back, and nothing in it is a password.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION } from '../../../src-main/core/db/migrate.js';
import {
  addSource,
  getSource,
  listSources,
  recordSourceWatermark,
  removeSource,
  sourceWatermark,
} from '../../../src-main/core/db/sources.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

const SOURCE = {
  name: 'fleet',
  kind: 'clickhouse' as const,
  url: 'http://127.0.0.1:8123',
  database: 'logs',
  table: 'web',
  preset: 'vigil',
  mapping: { startTs: '`startTs`', srcIp: '`srcIp`' },
  user: 'default',
  passwordEnv: 'VIGIL_CLICKHOUSE_PASSWORD',
  profileFile: null,
};

describe('migration 020: sources', () => {
  it('adds the registry to a database at version 19, and the watermarks only move forward', () => {
    const db = new Database(path.join(tempDir(), 'vigil.db'));
    migrate(db, 19);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'sources'").get()).toBeUndefined();
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(20);
    db.pragma('foreign_keys = ON');

    addSource(db, SOURCE, 1000);
    expect(() => addSource(db, SOURCE)).toThrow(/exists already/);
    const key = { source: 'fleet', selector: '' };
    expect(sourceWatermark(db, key)).toBeNull();
    recordSourceWatermark(db, key, 5000);
    recordSourceWatermark(db, key, 4000);
    expect(sourceWatermark(db, key)).toBe(5000);
    recordSourceWatermark(db, { source: 'fleet', selector: 'path:/admin' }, 7000);
    // A range's end position (a NUL-led selector, pull-range.ts) is no pulled row.
    recordSourceWatermark(db, { source: 'fleet', selector: '\u0000from 1000\u0000' }, 9000);
    // The last pulled row of any pull, a filtered one too ('vigil source list' showed '-' after
    // filtered pulls when only the unfiltered pull's watermark was read).
    expect(getSource(db, 'fleet')).toMatchObject({ ...SOURCE, createdAt: 1000, lastPulledTs: 7000 });
    expect(listSources(db).map((s) => s.name)).toEqual(['fleet']);

    expect(removeSource(db, 'fleet')).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM source_pulls').get()).toEqual({ n: 0 });
    expect(removeSource(db, 'fleet')).toBe(false);
    db.close();
  });
});
