import type Database from 'better-sqlite3';
import { type KeyFields, naturalKeyOf } from '../../session-key.js';
import type { Migration } from './index.js';

const PAGE_ROWS = 10_000;

/**
 * The natural key now hashes a digest of each text instead of its characters (the parser computes
 * a digest once per distinct string), so stored sessions are re-keyed: otherwise a session already
 * stored would not be recognised as a duplicate when another file brings it again.
 */
export const naturalKeyDigests: Migration = {
  name: 'sessions: natural keys from per-text digests',
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

function rekeySessions(db: Database.Database): void {
  const page = db.prepare(`
    SELECT s.id, s.src_ip AS srcIp, s.dst_ip AS dstIp, s.src_port AS srcPort, s.dst_port AS dstPort,
           s.protocol, s.start_ts AS startTs, s.end_ts AS endTs, s.bytes_in AS bytesIn,
           s.bytes_out AS bytesOut, s.packets, s.rule_name AS ruleName,
           s.detection_type AS detectionType, s.action, a.json AS attrs
    FROM sessions s LEFT JOIN attr_sets a ON a.id = s.attrs_id
    WHERE s.id > ? ORDER BY s.id LIMIT ${PAGE_ROWS}`);
  const update = db.prepare('UPDATE sessions SET key_hash = ? WHERE id = ?');
  for (let after = 0; ; ) {
    const rows = page.all(after) as (KeyFields & { id: number })[];
    if (rows.length === 0) return;
    for (const row of rows) update.run(naturalKeyOf(row), row.id);
    after = rows[rows.length - 1]!.id;
  }
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
