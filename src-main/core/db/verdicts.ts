import type { VerdictRecord } from '../../../src-shared/triage.js';
import { addressKeysParam, anyAddressSql } from './address-sql.js';
import type { Db } from './open.js';
import { finishedOnlySql, unfinishedImports } from './visibility.js';

const COLUMNS = 'session_id AS sessionId, verdict, analyst, note, at, kind';

/** Current verdicts of these sessions (sessions without one are absent from the map). */
export function verdictsOf(db: Db, sessionIds: readonly number[]): Map<number, VerdictRecord> {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM verdicts WHERE session_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(sessionIds)) as VerdictRecord[];
  return new Map(rows.map((row) => [row.sessionId, row]));
}

/**
 * Verdict writes, each one statement for many sessions. An upsert that may fail half-way (CHECK,
 * foreign key) keeps a statement journal of the pages it touches, so row by row that was a 64 KiB
 * page written to a temp file per session; one statement journals each page once.
 */
export function prepareVerdictWrite(db: Db): {
  /** One verdict on many sessions. */
  putAll(
    sessionIds: readonly number[],
    record: Omit<VerdictRecord, 'sessionId' | 'kind'> & { kind?: string | null },
    actionId: number,
  ): void;
  /** Takes the verdicts of these sessions away (undo of a first verdict). */
  clearAll(sessionIds: readonly number[]): void;
} {
  // WHERE true: without it SQLite would read ON CONFLICT as part of a join.
  const putAll = db.prepare(
    `INSERT INTO verdicts (session_id, verdict, analyst, note, at, kind, action_id)
     SELECT value, @verdict, @analyst, @note, @at, @kind, @actionId FROM json_each(@ids) WHERE true
     ON CONFLICT (session_id) DO UPDATE SET verdict = excluded.verdict, analyst = excluded.analyst,
       note = excluded.note, at = excluded.at, kind = excluded.kind, action_id = excluded.action_id`,
  );
  const clearAll = db.prepare('DELETE FROM verdicts WHERE session_id IN (SELECT value FROM json_each(?))');
  return {
    putAll: (ids, r, actionId) =>
      void putAll.run({
        ids: JSON.stringify(ids),
        verdict: r.verdict,
        analyst: r.analyst,
        note: r.note,
        at: r.at,
        kind: r.kind ?? null,
        actionId,
      }),
    clearAll: (ids) => void clearAll.run(JSON.stringify(ids)),
  };
}

/**
 * Every stored session id from one source IP, of finished imports (the "all sessions from this IP"
 * action): from the address in every text form a log wrote it in (`2001:DB8::3` is `2001:db8::3`,
 * `::ffff:10.1.2.3` is `10.1.2.3`), as `ip:`, the graph and a case's IPs take it (anyAddressSql).
 */
export function sessionIdsFromIp(db: Db, srcIp: string): number[] {
  const finished = finishedOnlySql(unfinishedImports(db));
  return db
    .prepare(
      `SELECT id FROM sessions WHERE ${anyAddressSql('src_ip', 'srcIp')} ${finished ? `AND ${finished}` : ''} ORDER BY id`,
    )
    .pluck()
    .all({ srcIp: addressKeysParam([srcIp]) }) as number[];
}

/** Which of these ids are stored sessions (verdicts on unknown ids are refused). */
export function existingSessionIds(db: Db, ids: readonly number[]): number[] {
  return db
    .prepare('SELECT id FROM sessions WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
    .pluck()
    .all(JSON.stringify(ids)) as number[];
}

/**
 * Analyst verdicts as training labels: malicious = 1, benign = 0; "needs review" is no label.
 * Only sessions still stored are returned.
 */
export function verdictLabels(db: Db): Map<number, 0 | 1> {
  const rows = db
    .prepare(
      `SELECT v.session_id AS id, v.verdict = 'malicious' AS label FROM verdicts v
       JOIN sessions s ON s.id = v.session_id WHERE v.verdict IN ('malicious', 'benign')`,
    )
    .all() as { id: number; label: 0 | 1 }[];
  return new Map(rows.map((row) => [row.id, row.label]));
}
