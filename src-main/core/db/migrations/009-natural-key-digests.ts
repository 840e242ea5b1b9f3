import type Database from 'better-sqlite3';
import { type KeyFields, naturalKeyOf } from '../../session-key.js';
import type { Migration } from './index.js';

/**
 * The natural key now hashes a digest of each text instead of its characters (the parser computes
 * a digest once per distinct string), so stored sessions are re-keyed: otherwise a session already
 * stored would not be recognised as a duplicate when another file brings it again.
 */
export const naturalKeyDigests: Migration = {
  name: 'sessions: natural keys from per-text digests',
  notice:
    'Updating the database: re-keying stored sessions for duplicate detection (once; about 5 s per million sessions)…',
  // Re-keying row by row under a unique index could meet another row's old key mid-way.
  sql: 'DROP INDEX sessions_key;',
  run(db) {
    rekeySessions(db);
    try {
      db.exec('CREATE UNIQUE INDEX sessions_key ON sessions(start_ts, key_hash)');
    } catch {
      keepCollisionsApart(db);
      db.exec('CREATE UNIQUE INDEX sessions_key ON sessions(start_ts, key_hash)');
    }
  },
};

// The key's fields and the sessions columns that hold them (attrs: the JSON of the attribute set).
const KEY_COLUMNS: readonly [keyof KeyFields, string][] = [
  ['srcIp', 'src_ip'],
  ['dstIp', 'dst_ip'],
  ['srcPort', 'src_port'],
  ['dstPort', 'dst_port'],
  ['protocol', 'protocol'],
  ['startTs', 'start_ts'],
  ['endTs', 'end_ts'],
  ['bytesIn', 'bytes_in'],
  ['bytesOut', 'bytes_out'],
  ['packets', 'packets'],
  ['ruleName', 'rule_name'],
  ['detectionType', 'detection_type'],
  ['action', 'action'],
  ['attrs', '(SELECT json FROM attr_sets WHERE id = attrs_id)'],
];

/** One UPDATE through a SQL function: no paging through the rows in JavaScript. */
function rekeySessions(db: Database.Database): void {
  db.function('vigil_session_key', { deterministic: true, varargs: true }, (...values: unknown[]) => {
    const row = Object.fromEntries(KEY_COLUMNS.map(([field], k) => [field, values[k]]));
    return naturalKeyOf(row as unknown as KeyFields);
  });
  const args = KEY_COLUMNS.map(([, column]) => column).join(', ');
  db.exec(`UPDATE sessions SET key_hash = vigil_session_key(${args})`);
}

/**
 * Two sessions the old key told apart that collide under the new one (odds about 2^-53 a pair):
 * both stay, the later ones under a negative key, which no import produces.
 */
function keepCollisionsApart(db: Database.Database): void {
  db.exec(`
    WITH twins AS (
      SELECT start_ts, key_hash, min(id) AS keep FROM sessions
      GROUP BY start_ts, key_hash HAVING count(*) > 1
    )
    UPDATE sessions SET key_hash = -id
    WHERE (start_ts, key_hash) IN (SELECT start_ts, key_hash FROM twins)
      AND id NOT IN (SELECT keep FROM twins)`);
}
