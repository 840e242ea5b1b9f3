// The source registry (migration 020): remote tables the analyst hunts in, and where each pull
// from them got to. Passwords are never here: only where to read one.
import type { SourceInfo, SourceMapping } from '../../../src-shared/sources.js';
import type { Db } from './open.js';

export type NewSource = Omit<SourceInfo, 'createdAt' | 'lastPulledTs'>;

interface Row {
  name: string;
  kind: 'clickhouse';
  url: string;
  database: string;
  table: string;
  preset: string | null;
  mapping: string;
  user: string;
  passwordEnv: string | null;
  profileFile: string | null;
  createdAt: number;
  lastPulledTs: number | null;
}

// lastPulledTs: the newest row any pull of the source stored, whatever its filter. A range's
// position (its selector starts with NUL, read by hex: SQLite's text functions stop at a NUL;
// pull-range.ts) is where that range ends, not a row.
const SELECT = `SELECT s.name, s.kind, s.url, s.database_name AS database, s.table_name AS "table", s.preset,
  s.mapping, s.username AS user, s.password_env AS passwordEnv, s.profile_file AS profileFile,
  s.created_at AS createdAt,
  (SELECT max(last_event_ts) FROM source_pulls p
   WHERE p.source = s.name AND substr(hex(p.selector), 1, 2) <> '00') AS lastPulledTs
  FROM sources s`;

const toInfo = (row: Row): SourceInfo => ({ ...row, mapping: JSON.parse(row.mapping) as SourceMapping });

export function listSources(db: Db): SourceInfo[] {
  return (db.prepare(`${SELECT} ORDER BY s.name`).all() as Row[]).map(toInfo);
}

export function getSource(db: Db, name: string): SourceInfo | null {
  const row = db.prepare(`${SELECT} WHERE s.name = ?`).get(name) as Row | undefined;
  return row ? toInfo(row) : null;
}

/** Adds a source; refused when the name is taken (remove it first: its pulls' positions go with it). */
export function addSource(db: Db, source: NewSource, now = Date.now()): SourceInfo {
  if (getSource(db, source.name))
    throw new Error(`A source named "${source.name}" exists already; remove it first (vigil source remove).`);
  db.prepare(
    `INSERT INTO sources (name, kind, url, database_name, table_name, preset, mapping, username, password_env,
       profile_file, created_at)
     VALUES (@name, @kind, @url, @database, @table, @preset, @mapping, @user, @passwordEnv, @profileFile, @now)`,
  ).run({ ...source, mapping: JSON.stringify(source.mapping), now });
  return { ...source, createdAt: now, lastPulledTs: null };
}

/** Removes a source and its pulls' positions; the sessions pulled from it stay. */
export function removeSource(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM sources WHERE name = ?').run(name).changes > 0;
}

export interface SourcePullKey {
  source: string;
  selector: string;
}

export function sourceWatermark(db: Db, key: SourcePullKey): number | null {
  const row = db
    .prepare('SELECT last_event_ts AS ts FROM source_pulls WHERE source = @source AND selector = @selector')
    .get(key) as { ts: number | null } | undefined;
  return row?.ts ?? null;
}

/** Moves the watermark forward (never back: an older chunk committing late changes nothing). */
export function recordSourceWatermark(db: Db, key: SourcePullKey, ts: number, now = Date.now()): void {
  db.prepare(
    `INSERT INTO source_pulls (source, selector, last_event_ts, updated_at) VALUES (@source, @selector, @ts, @now)
     ON CONFLICT (source, selector) DO UPDATE SET
       last_event_ts = max(coalesce(last_event_ts, excluded.last_event_ts), excluded.last_event_ts),
       updated_at = excluded.updated_at`,
  ).run({ ...key, ts, now });
}
