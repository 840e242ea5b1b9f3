import type Database from 'better-sqlite3';
import { type KeyFields, naturalKeyOf, rekeyed } from '../../session-key.js';
import { prepareStringIntern } from '../interned-strings.js';
import type { Migration } from './index.js';

/**
 * The HTTP request as fields of its session (notes/http-fields.md): the columns are added to the
 * end of `sessions` (NULL for every stored session: no table is rebuilt), and each text that
 * repeats from request to request gets its dictionary (id, value UNIQUE), so a user agent seen
 * ten million times is stored once. The query and the ids rarely repeat and stay plain text.
 *
 * WAF sessions kept their request in their extra columns (`attrs`: uri, args, method, host,
 * user-agent) and the version as their protocol. Their importer now fills the fields instead, and
 * the request is part of the natural key, so each stored WAF session is given the form a new
 * import of the same record has: the request moved out of its extras into the fields, and its key
 * remade with its discriminator (its request id or occurrence) kept. Otherwise the same WAF file
 * imported again would not find its sessions, and their requests would not answer `path:` or `ua:`.
 * What they never kept stays empty: the referrer and the request id (neither enters the key).
 */
export const webRequests: Migration = {
  name: 'sessions: the HTTP request (method, host, path, query, user agent, …), repeated texts interned',
  notice:
    'Updating the database: moving the requests of stored WAF sessions into their own fields (once; about 4 s per million WAF sessions)…',
  noticeWhen: (db) => wafSessionsAtMost(db) > 150_000,
  sql: `
ALTER TABLE sessions ADD COLUMN method_id INTEGER;
ALTER TABLE sessions ADD COLUMN host_id INTEGER;
ALTER TABLE sessions ADD COLUMN path_id INTEGER;
ALTER TABLE sessions ADD COLUMN query TEXT;
ALTER TABLE sessions ADD COLUMN http_version_id INTEGER;
ALTER TABLE sessions ADD COLUMN user_agent_id INTEGER;
ALTER TABLE sessions ADD COLUMN referrer_id INTEGER;
ALTER TABLE sessions ADD COLUMN request_time_ms REAL;
ALTER TABLE sessions ADD COLUMN tls_protocol_id INTEGER;
ALTER TABLE sessions ADD COLUMN tls_cipher_id INTEGER;
ALTER TABLE sessions ADD COLUMN request_id TEXT;
ALTER TABLE sessions ADD COLUMN request_line TEXT;
CREATE TABLE http_methods (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE http_hosts (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE http_paths (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE http_versions (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE user_agents (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE referrers (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE tls_protocols (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE tls_ciphers (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
-- Which sessions have a query: free text searches queries, which no dictionary lists, so a word is
-- asked as one field's clause only where no session has one (db/free-text.ts). Sessions without
-- a query (every flow and alert) have no entry and cost an import nothing.
CREATE INDEX sessions_with_query ON sessions(import_id) WHERE query IS NOT NULL;
`,
  run: moveWafRequests,
};

/** An upper bound of the WAF sessions (their imports' id ranges), without reading a session. */
function wafSessionsAtMost(db: Database.Database): number {
  const row = db
    .prepare(
      `SELECT coalesce(sum(last_session_id - first_session_id + 1), 0) AS n FROM imports
       WHERE format = 'waf-json' AND first_session_id IS NOT NULL`,
    )
    .get() as { n: number };
  return row.n;
}

/** Extra columns of the WAF importer that are request fields now, and the fields they became. */
const MOVED = [
  ['uri', 'path'],
  ['args', 'query'],
  ['method', 'method'],
  ['host', 'host'],
  ['user-agent', 'userAgent'],
] as const;

type RequestFields = Pick<KeyFields, 'method' | 'host' | 'path' | 'query' | 'httpVersion' | 'userAgent'>;

interface StoredWaf extends KeyFields {
  id: number;
  key: number;
  attrsId: number | null;
}

const PAGE = 5000;

function moveWafRequests(db: Database.Database): void {
  const imports = db
    .prepare(
      `SELECT id, first_session_id AS first, last_session_id AS last FROM imports
       WHERE format = 'waf-json' AND first_session_id IS NOT NULL ORDER BY id`,
    )
    .all() as { id: number; first: number; last: number }[];
  if (imports.length === 0) return;
  const page = db.prepare(
    `SELECT id, key_hash AS key, attrs_id AS attrsId, src_ip AS srcIp, dst_ip AS dstIp,
       src_port AS srcPort, dst_port AS dstPort, protocol, start_ts AS startTs, end_ts AS endTs,
       bytes_in AS bytesIn, bytes_out AS bytesOut, packets, rule_name AS ruleName,
       detection_type AS detectionType, action, (SELECT json FROM attr_sets WHERE id = attrs_id) AS attrs
     FROM sessions WHERE id > ? AND id <= ? AND +import_id = ? ORDER BY id LIMIT ${PAGE}`,
  );
  const update = db.prepare(
    `UPDATE sessions SET key_hash = ?, attrs_id = ?, method_id = ?, host_id = ?, path_id = ?, query = ?,
       http_version_id = ?, user_agent_id = ? WHERE id = ?`,
  );
  const internAttrs = prepareStringIntern(db, 'attr_sets', 'json');
  const intern = {
    method: prepareStringIntern(db, 'http_methods'),
    host: prepareStringIntern(db, 'http_hosts'),
    path: prepareStringIntern(db, 'http_paths'),
    httpVersion: prepareStringIntern(db, 'http_versions'),
    userAgent: prepareStringIntern(db, 'user_agents'),
  };
  const idOf = (text: string | null | undefined, of: (text: string) => number) =>
    text == null ? null : of(text);
  // Extra-column sets these sessions no longer use: deleted below unless another session has one.
  db.exec('CREATE TEMP TABLE left_attr_sets (id INTEGER PRIMARY KEY)');
  const leftBehind = db.prepare('INSERT OR IGNORE INTO left_attr_sets (id) VALUES (?)');
  for (const { id: importId, first, last } of imports) {
    let after = first - 1;
    for (;;) {
      const rows = page.all(after, last, importId) as StoredWaf[];
      for (const row of rows) {
        const { fields, attrs } = requestOf(row);
        const key = rekeyed(row.key, naturalKeyOf(row), naturalKeyOf({ ...row, ...fields, attrs }));
        const attrsId = attrs === row.attrs ? row.attrsId : idOf(attrs, internAttrs);
        try {
          update.run(
            key,
            attrsId,
            idOf(fields.method, intern.method),
            idOf(fields.host, intern.host),
            idOf(fields.path, intern.path),
            fields.query,
            idOf(fields.httpVersion, intern.httpVersion),
            idOf(fields.userAgent, intern.userAgent),
            row.id,
          );
        } catch (error) {
          // Its new key is another session's (a 53-bit collision): it keeps its old form and key.
          if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
          continue;
        }
        if (row.attrsId !== null && attrsId !== row.attrsId) leftBehind.run(row.attrsId);
      }
      if (rows.length < PAGE) break;
      after = (rows.at(-1) as StoredWaf).id;
    }
  }
  db.exec(`DELETE FROM attr_sets WHERE id IN (SELECT id FROM left_attr_sets)
    AND id NOT IN (SELECT attrs_id FROM sessions WHERE attrs_id IS NOT NULL)`);
  db.exec('DROP TABLE left_attr_sets');
}

/**
 * The fields a WAF session's request fills today, from what it stored: the importer wrote the
 * extras in this order as JSON text (re-serialized the same way, so the rest keeps its text), and
 * the protocol was the HTTP version, or `HTTP` when the record had none.
 */
function requestOf(row: StoredWaf): { fields: RequestFields; attrs: string | null } {
  const fields: RequestFields = {
    method: null,
    host: null,
    path: null,
    query: null,
    httpVersion: row.protocol === 'HTTP' ? null : row.protocol,
    userAgent: null,
  };
  if (row.attrs === null) return { fields, attrs: null };
  const extras = JSON.parse(row.attrs) as Record<string, unknown>;
  let moved = false;
  for (const [extra, field] of MOVED) {
    const value = extras[extra];
    if (typeof value !== 'string') continue;
    fields[field] = value;
    delete extras[extra];
    moved = true;
  }
  if (!moved) return { fields, attrs: row.attrs };
  return { fields, attrs: Object.keys(extras).length === 0 ? null : JSON.stringify(extras) };
}
