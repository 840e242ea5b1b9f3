// Stores sessions with today's code in a database at an older schema, as that schema held them:
// for tests of migrations, which need the data an older Vigil wrote. Today's insert writes every
// column of the field table, so the ones the older schema lacks are added for the while and then
// dropped, and what they held is put back where that schema kept it.
import type Database from 'better-sqlite3';
import { ADDRESS_SORT_KEYS } from '../../src-main/core/db/address-sort-key.js';
import { prepareStringIntern } from '../../src-main/core/db/interned-strings.js';
import { WEB_ROLLUP_TABLES } from '../../src-main/core/db/migrations/021-web-rollups.js';
import { ROLLUP_TABLES } from '../../src-main/core/db/rollup-tables.js';
import { type KeyFields, naturalKeyOf, rekeyed } from '../../src-main/core/session-key.js';
import { type FieldDef, SESSION_FIELDS } from '../../src-shared/fields/index.js';

const SQL_TYPES: Record<FieldDef['type'], string> = {
  integer: 'INTEGER',
  number: 'REAL',
  time: 'INTEGER',
  text: 'TEXT',
};

/** Runs `write` (imports, inserts) on `db`, whose schema is older than today's, and leaves that schema. */
export async function writeAsOlderSchema(db: Database.Database, write: () => unknown): Promise<void> {
  const columns = new Set(
    (db.prepare('PRAGMA table_xinfo(sessions)').all() as { name: string }[]).map((c) => c.name),
  );
  const added = (SESSION_FIELDS as readonly FieldDef[]).filter(
    (field) => field.origin !== 'generated' && !columns.has(field.column),
  );
  for (const field of added) {
    const type = field.storage === 'interned' ? 'INTEGER' : SQL_TYPES[field.type];
    db.exec(`ALTER TABLE sessions ADD COLUMN ${field.column} ${type}`);
    if (field.storage === 'interned') {
      // A dictionary that classes its values has the class column too (migration 022).
      const classColumn = field.valueClass ? `, ${field.valueClass.column} TEXT` : '';
      db.exec(
        `CREATE TABLE ${field.dictionary} (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE${classColumn})`,
      );
    }
  }
  // Today's insert writes the addresses' sort keys too (migration 027), which compute them again.
  const addedKeys = ADDRESS_SORT_KEYS.filter((address) => !columns.has(address.key));
  for (const address of addedKeys) db.exec(`ALTER TABLE sessions ADD COLUMN ${address.key} BLOB`);
  // Today's writer stages and merges every rollup: the ones the older schema lacks (the web
  // rollups, migration 021, which fills them from the sessions) are there for the while.
  const missingRollups = ROLLUP_TABLES.filter(
    (table) =>
      table.name.startsWith('rollup_web_') &&
      db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table.name) ===
        undefined,
  );
  if (missingRollups.length > 0) db.exec(WEB_ROLLUP_TABLES);
  // Today's import records the labels file it read (migration 023) and where pulled records came
  // from (migration 026).
  const importColumns = (db.prepare('PRAGMA table_info(imports)').all() as { name: string }[]).map(
    (c) => c.name,
  );
  const addedImportColumns = ['labels_file', 'origin'].filter((c) => !importColumns.includes(c));
  for (const column of addedImportColumns) db.exec(`ALTER TABLE imports ADD COLUMN ${column} TEXT`);
  await write();
  for (const column of addedImportColumns) db.exec(`ALTER TABLE imports DROP COLUMN ${column}`);
  for (const table of missingRollups) db.exec(`DROP TABLE IF EXISTS ${table.name}`);
  if (added.some((field) => field.name === 'path')) putWafRequestsBack(db);
  if (addedKeys.length > 0) dropAddressSortKeys(db);
  for (const field of added) {
    db.exec(`ALTER TABLE sessions DROP COLUMN ${field.column}`);
    if (field.storage === 'interned') db.exec(`DROP TABLE ${field.dictionary}`);
  }
}

/**
 * Takes the addresses' sort keys (migration 027) out of a database, with the indexes on them (an
 * index rebuild at open or after a bulk import makes them, session-indexes.ts): as a database
 * written before 027 holds its sessions.
 */
export function dropAddressSortKeys(db: Database.Database): void {
  db.exec('DROP INDEX IF EXISTS sessions_src_sort; DROP INDEX IF EXISTS sessions_dst_sort');
  for (const address of ADDRESS_SORT_KEYS) db.exec(`ALTER TABLE sessions DROP COLUMN ${address.key}`);
}

type Stored = KeyFields & { id: number; key: number };

/**
 * Before schema 16 the WAF importer kept the request in the session's extras, first and in this
 * order (`uri`, `args`, `method`, `host`, `user-agent`, then what WAF says beyond the request), and
 * the HTTP version as the protocol only; the natural key had no request fields. Sessions of WAF
 * imports get that form and that key back (their discriminator kept, as the migration keeps it).
 */
function putWafRequestsBack(db: Database.Database): void {
  const text = (column: string, dictionary: string) =>
    `(SELECT value FROM ${dictionary} WHERE id = ${column})`;
  const rows = db
    .prepare(
      `SELECT id, key_hash AS key, src_ip AS srcIp, dst_ip AS dstIp, src_port AS srcPort,
         dst_port AS dstPort, protocol, start_ts AS startTs, end_ts AS endTs, bytes_in AS bytesIn,
         bytes_out AS bytesOut, packets, rule_name AS ruleName, detection_type AS detectionType, action,
         (SELECT json FROM attr_sets WHERE id = attrs_id) AS attrs,
         ${text('method_id', 'http_methods')} AS method, ${text('host_id', 'http_hosts')} AS host,
         ${text('path_id', 'http_paths')} AS path, query,
         ${text('http_version_id', 'http_versions')} AS httpVersion,
         ${text('user_agent_id', 'user_agents')} AS userAgent
       FROM sessions WHERE import_id IN (SELECT id FROM imports WHERE format = 'waf-json')`,
    )
    .all() as Stored[];
  const internAttrs = prepareStringIntern(db, 'attr_sets', 'json');
  const update = db.prepare('UPDATE sessions SET key_hash = ?, attrs_id = ? WHERE id = ?');
  for (const row of rows) {
    const extras: Record<string, string> = {};
    const request = {
      uri: row.path,
      args: row.query,
      method: row.method,
      host: row.host,
      'user-agent': row.userAgent,
    };
    for (const [name, value] of Object.entries(request)) if (value != null) extras[name] = value;
    Object.assign(extras, row.attrs === null ? {} : JSON.parse(row.attrs));
    const attrs = Object.keys(extras).length === 0 ? null : JSON.stringify(extras);
    const before: KeyFields = {
      ...row,
      attrs,
      method: null,
      host: null,
      path: null,
      query: null,
      httpVersion: null,
      userAgent: null,
    };
    const key = rekeyed(row.key, naturalKeyOf(row), naturalKeyOf(before));
    update.run(key, attrs === null ? null : internAttrs(attrs), row.id);
  }
}
