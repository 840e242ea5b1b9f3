// One IP's sessions summarised for the graph drill-down: one read of the IP's rows through the
// src and dst indexes (an OR of two indexed equalities, so its cost follows that IP's sessions,
// not the table) feeds every aggregate; the latest sessions and verdicts are then read by id.
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { IpProfile } from '../../../src-shared/graph.js';
import { asName } from '../enrich/as-names.js';
import { FLAGGED_IDS_SQL } from './detection-set.js';
import { activeScoreRun, addressForms, filterAnd } from './graph.js';
import { IpProfilePass, ipProfilePasses, PASS_ARGUMENTS } from './ip-profile-pass.js';
import type { Db } from './open.js';
import { SESSION_COLUMNS, type SessionRowOut, sessionFromRow } from './sessions.js';

const VERDICTS = 15;

/** The IP's sessions at either end, in each text form a log may have written it (addressForms). */
function touches(ip: string): { sql: string; forms: Record<string, string> } {
  const { list, params } = addressForms(ip);
  return { sql: `src_ip IN ${list} OR dst_ip IN ${list}`, forms: params };
}

export function ipProfile(db: Db, ip: string, filter: SessionFilter, recentLimit: number): IpProfile {
  const ends = touches(ip);
  const { sql, params } = filterAnd(filter, ends.sql);
  const run = activeScoreRun(db);
  const scoreJoin = run
    ? 'LEFT JOIN scores ON scores.run_id = @runId AND scores.session_id = sessions.id'
    : '';
  const pass = ipProfilePasses.read(
    db,
    // Flagged as everywhere else (the detection set: active runs' flags and rule hits at its level);
    // the score is the active run's.
    `SELECT vigil_ip_profile(${PASS_ARGUMENTS}, ${run ? 'scores.score' : 'NULL'}, sessions.id IN (${FLAGGED_IDS_SQL}))
     FROM sessions ${scoreJoin} ${sql}`,
    { ...params, ...ends.forms, ...(run ? { runId: run.runId } : {}) },
    new IpProfilePass(ip),
  );
  const { latestIds, asns, ...aggregates } = pass.finish(run !== null, recentLimit);
  return {
    ip,
    ...aggregates,
    asns: asns.map(({ asn, sessions }) => ({ asn, name: asn === null ? null : asName(asn), sessions })),
    recent: sessionsById(db, latestIds),
    verdicts: latestVerdicts(db, ip, filter),
  };
}

/** Sessions by id, in the order given (one deleted since the pass read it is left out). */
function sessionsById(db: Db, ids: number[]): IpProfile['recent'] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as SessionRowOut[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [sessionFromRow(row)] : [];
  });
}

/**
 * The latest verdicts on the IP's sessions. Verdicts are few next to a busy IP's sessions, so the
 * join starts from them (CROSS JOIN fixes that order in SQLite).
 */
function latestVerdicts(db: Db, ip: string, filter: SessionFilter): IpProfile['verdicts'] {
  const ends = touches(ip);
  const { sql, params } = filterAnd(filter, ends.sql);
  return db
    .prepare(
      `SELECT verdicts.session_id AS sessionId, verdicts.verdict, verdicts.note, verdicts.at
       FROM verdicts CROSS JOIN sessions ON sessions.id = verdicts.session_id ${sql}
       ORDER BY verdicts.at DESC, verdicts.session_id DESC LIMIT ${VERDICTS}`,
    )
    .all({ ...params, ...ends.forms }) as IpProfile['verdicts'];
}
