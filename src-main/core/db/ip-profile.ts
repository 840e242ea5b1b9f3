// One IP's sessions summarised for the graph drill-down. Every query goes through the src and dst
// indexes (an OR of two indexed equalities), so its cost follows that IP's sessions, not the table.
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { IpProfile } from '../../../src-shared/graph.js';
import { activeScoreRun, filterAnd } from './graph.js';
import type { Db } from './open.js';
import { SESSION_COLUMNS, type SessionRowOut, sessionFromRow } from './sessions.js';

const TOUCHES = 'src_ip = @ip OR dst_ip = @ip';
// Bucket sizes for the time series: the smallest giving at most MAX_BUCKETS over the IP's span.
const BUCKETS = [60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000, 604_800_000];
const MAX_BUCKETS = 120;
const TOP = 15;

export function bucketFor(spanMs: number): number {
  return BUCKETS.find((size) => spanMs / size <= MAX_BUCKETS) ?? BUCKETS[BUCKETS.length - 1]!;
}

type Totals = Pick<
  IpProfile,
  'sessions' | 'asSource' | 'asDestination' | 'bytesIn' | 'bytesOut' | 'firstTs' | 'lastTs'
>;

export function ipProfile(db: Db, ip: string, filter: SessionFilter, recentLimit: number): IpProfile {
  const { sql, params } = filterAnd(filter, TOUCHES);
  const args = { ...params, ip };
  const all = <T>(query: string, extra: Record<string, unknown> = {}) =>
    db.prepare(query).all({ ...args, ...extra }) as T[];

  const [totals] = all<Totals>(
    `SELECT count(*) AS sessions, coalesce(sum(src_ip = @ip), 0) AS asSource,
       coalesce(sum(dst_ip = @ip), 0) AS asDestination, coalesce(sum(bytes_in), 0) AS bytesIn,
       coalesce(sum(bytes_out), 0) AS bytesOut, min(start_ts) AS firstTs, max(start_ts) AS lastTs
     FROM sessions ${sql}`,
  );
  const bucketMs = bucketFor((totals!.lastTs ?? 0) - (totals!.firstTs ?? 0));
  const series = all<IpProfile['series'][number]>(
    // Parameters bind as REAL: cast, or the division would not floor.
    `SELECT (start_ts / CAST(@bucketMs AS INTEGER)) * @bucketMs AS bucket, count(*) AS sessions,
       coalesce(sum(bytes_in), 0) + coalesce(sum(bytes_out), 0) AS bytes
     FROM sessions ${sql} GROUP BY 1 ORDER BY 1`,
    { bucketMs },
  );
  const countries = all<IpProfile['countries'][number]>(
    `SELECT coalesce(country, '') AS key, count(*) AS sessions FROM sessions ${sql}
     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP}`,
  );
  const ports = all<IpProfile['ports'][number]>(
    `SELECT dst_port AS port, count(*) AS sessions FROM sessions ${sql}
     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP}`,
  );
  const peers = all<IpProfile['peers'][number]>(
    `SELECT CASE WHEN src_ip = @ip THEN dst_ip ELSE src_ip END AS ip,
       CASE WHEN src_ip = @ip THEN 'out' ELSE 'in' END AS direction, count(*) AS sessions,
       coalesce(sum(bytes_in), 0) + coalesce(sum(bytes_out), 0) AS bytes
     FROM sessions ${sql} AND dst_ip IS NOT NULL AND dst_ip != '' AND src_ip != dst_ip
     GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT ${TOP}`,
  );
  const recent = all<SessionRowOut>(
    `SELECT ${SESSION_COLUMNS} FROM sessions ${sql} ORDER BY start_ts DESC, id DESC LIMIT @recentLimit`,
    { recentLimit },
  ).map(sessionFromRow);
  const verdicts = all<IpProfile['verdicts'][number]>(
    `SELECT verdicts.session_id AS sessionId, verdicts.verdict, verdicts.note, verdicts.at
     FROM verdicts JOIN sessions ON sessions.id = verdicts.session_id ${sql}
     ORDER BY verdicts.at DESC, verdicts.session_id DESC LIMIT ${TOP}`,
  );
  return {
    ip,
    ...totals!,
    bucketMs,
    series,
    countries,
    ports,
    peers,
    recent,
    verdicts,
    ...scoreSummary(db, ip, filter),
  };
}

/** Flagged count and highest score of the IP's sessions in the active run; nulls without one. */
function scoreSummary(db: Db, ip: string, filter: SessionFilter) {
  const run = activeScoreRun(db);
  if (!run) return { flagged: null, maxScore: null };
  const { sql, params } = filterAnd(filter, TOUCHES);
  return db
    .prepare(
      `SELECT coalesce(sum(scores.flagged), 0) AS flagged, max(scores.score) AS maxScore
       FROM sessions JOIN scores ON scores.run_id = @runId AND scores.session_id = sessions.id ${sql}`,
    )
    .get({ ...params, ip, runId: run.runId }) as { flagged: number; maxScore: number | null };
}
