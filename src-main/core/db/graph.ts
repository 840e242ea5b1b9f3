// IP-pair edges for the graph view, and the per-IP anomaly scores that colour its nodes.

import type { SessionFilter } from '../../../src-shared/domain.js';
import { filterOnlyUses } from '../../../src-shared/filter/shape.js';
import { canonicalIp } from '../../../src-shared/ip.js';
import { must } from '../../../src-shared/must.js';
import { addressMatch } from './address-sql.js';
import { activeRun } from './model-runs.js';
import type { Db } from './open.js';
import { pairSums, pairSumsOf } from './pair-sums.js';
import { filterAnd, whereClause } from './sessions.js';

export interface Pair {
  src: string;
  /** The destination IP, or the host a request asked for when `toHost` (db/host-edges.ts). */
  dst: string;
  sessions: number;
  bytes: number;
  toHost?: true;
}
export type PairSource = 'rollup' | 'sessions';

/**
 * The per-pair rollup has no time, country or port: it answers only filters on the endpoints. It
 * holds finished imports only (db/staged-rollups.ts), so the scope to them is already met.
 */
export function rollupAnswers(filter: SessionFilter): boolean {
  return filterOnlyUses(filter, ['srcIp', 'dstIp', 'unfinishedImports']);
}

const PAIR_COLUMNS = 'src_ip AS src, dst_ip AS dst';
const ROLLUP_WEIGHTS = 'sessions, bytes_in + bytes_out AS bytes';

/**
 * Pairs summed from the sessions within a filter (pair-sums.ts). `+` keeps the destination index
 * out: walking an address index for a filter with terms it lacks reads every row in address order,
 * one random 64 KiB page each (7.1 s at 1 M sessions for country + port, against a scan's 0.4 s).
 */
export function sessionPairsQuery(filter: SessionFilter) {
  const { sql, params } = filterAnd(filter, "+dst_ip IS NOT NULL AND dst_ip != ''");
  return { sql: `SELECT ${pairSumsOf('NULL')} FROM sessions ${sql}`, params };
}

/**
 * Pairs within a filter the rollup cannot answer, with each pair's highest score in the run: one
 * scan where the pairs and maxScoreQuery took one each. Sessions lead the LEFT JOIN and find their
 * score by its primary key, as in maxScoreQuery. Sessions without a destination are kept here:
 * they are no edge, but their score is their source's.
 */
export function scoredPairsQuery(runId: number, filter: SessionFilter) {
  const where = whereClause(filter);
  return {
    sql: `SELECT ${pairSumsOf('scores.score')}
       FROM sessions LEFT JOIN scores ON scores.run_id = @runId AND scores.session_id = sessions.id ${where.sql}`,
    params: { ...where.params, runId },
  };
}

/** What scoredPairsQuery reads: the edges, and the highest score per IP among them. */
export function readScoredPairs(db: Db, runId: number, filter: SessionFilter) {
  const { sql, params } = scoredPairsQuery(runId, filter);
  const sums = pairSums.read(db, sql, params);
  return { pairs: sums.pairs(), scores: sums.scores() };
}

/** Every pair within the filter. Sessions without a destination are not edges. */
export function readPairs(db: Db, filter: SessionFilter): { pairs: Pair[]; source: PairSource } {
  if (rollupAnswers(filter)) {
    // An endpoint in every text form, as whereClause takes it for the sessions.
    const parts = ["dst_ip != ''"];
    const params: Record<string, string> = {};
    for (const [column, address] of [
      ['src_ip', filter.srcIp],
      ['dst_ip', filter.dstIp],
    ] as const) {
      if (address === undefined) continue;
      const forms = addressMatch(address, column);
      parts.push(forms.match(column));
      Object.assign(params, forms.params);
    }
    const pairs = db
      .prepare(`SELECT ${PAIR_COLUMNS}, ${ROLLUP_WEIGHTS} FROM rollup_pairs WHERE ${parts.join(' AND ')}`)
      .all(params) as Pair[];
    return { pairs, source: 'rollup' };
  }
  const { sql, params } = sessionPairsQuery(filter);
  return { pairs: pairSums.read(db, sql, params).pairs(), source: 'sessions' };
}

/** The pairs that have `ip` (in any of its text forms) at either end, within the filter. */
export function readNeighbourPairs(
  db: Db,
  ip: string,
  filter: SessionFilter,
): { pairs: Pair[]; source: PairSource } {
  const forms = addressMatch(ip, 'ipForm');
  if (rollupAnswers(filter)) {
    // The primary key serves the source side; the destination side scans the (small) rollup.
    const pairs = db
      .prepare(
        `SELECT ${PAIR_COLUMNS}, ${ROLLUP_WEIGHTS} FROM rollup_pairs WHERE ${forms.match('src_ip')} AND dst_ip != ''
         UNION ALL
         SELECT ${PAIR_COLUMNS}, ${ROLLUP_WEIGHTS} FROM rollup_pairs
         WHERE ${forms.match('dst_ip')} AND NOT (${forms.match('src_ip')})`,
      )
      .all(forms.params) as Pair[];
    // Endpoint terms compared as whereClause takes them: any text form of the address.
    const same = (term: string | undefined, text: string) =>
      term === undefined || canonicalIp(term) === canonicalIp(text);
    const kept = pairs.filter((p) => same(filter.srcIp, p.src) && same(filter.dstIp, p.dst));
    return { pairs: kept, source: 'rollup' };
  }
  const { sql, params } = filterAnd(filter, `${forms.match('src_ip')} OR ${forms.match('dst_ip')}`);
  const query = `SELECT ${pairSumsOf('NULL')} FROM sessions ${sql} AND dst_ip IS NOT NULL AND dst_ip != ''`;
  return { pairs: pairSums.read(db, query, { ...params, ...forms.params }).pairs(), source: 'sessions' };
}

export interface ScoreRun {
  runId: number;
  kind: string;
  threshold: number | null;
}

/** The active run (db/model-runs.ts): its scores colour the graph. Null until a model is trained. */
export function activeScoreRun(db: Db): ScoreRun | null {
  const run = activeRun(db);
  return run && { runId: run.id, kind: run.kind, threshold: run.threshold };
}

/**
 * The query behind maxScoreByIp: per IP, the highest score of the sessions it originated. Taken
 * over both ends, the servers every attacker talks to were painted with the attackers' scores and
 * the attackers themselves showed as small dots among them; an IP that only received sessions has
 * no score of its own. Sessions lead the join (CROSS JOIN keeps that order) and are read
 * in table order, each finding its score by the scores primary key. Led by scores, SQLite picked
 * the flagged-score index and fetched sessions in score order, one 64 KiB page read per session:
 * 12 s for a million scored sessions, against 1.4 s this way.
 */
export function maxScoreQuery(runId: number, filter: SessionFilter) {
  const where = whereClause(filter);
  return {
    // dst_ip is read though unused: with src_ip alone the source-IP index covers the query, and
    // SQLite walked it, looking each score up in random order, not the sessions in table order.
    sql: `WITH scored AS MATERIALIZED (
         SELECT src_ip, dst_ip, scores.score AS score
         FROM sessions CROSS JOIN scores ON scores.run_id = @runId AND scores.session_id = sessions.id ${where.sql})
       SELECT src_ip AS ip, max(score) AS score FROM scored GROUP BY src_ip`,
    params: { ...where.params, runId },
  };
}

/** Stores the run's highest score per IP (ip_scores), for the graph without a filter. */
export function storeIpScores(db: Db, runId: number): void {
  const { sql, params } = maxScoreQuery(runId, {});
  db.transaction(() => {
    db.prepare('DELETE FROM ip_scores WHERE run_id = ?').run(runId);
    db.prepare(
      `INSERT INTO ip_scores (run_id, ip, score) SELECT @runId, ip, max(score) FROM (${sql}) GROUP BY ip`,
    ).run(params);
  })();
}

/** Drops stored per-IP scores: of one run, or of all runs (sessions were deleted). */
export function clearIpScores(db: Db, runId?: number): void {
  if (runId === undefined) db.prepare('DELETE FROM ip_scores').run();
  else db.prepare('DELETE FROM ip_scores WHERE run_id = ?').run(runId);
}

// Stored per-IP scores come from scoring passes, which read finished imports only.
const isEmpty = (filter: SessionFilter) => filterOnlyUses(filter, ['unfinishedImports']);

/** Highest score per source IP over the run's scored sessions within the filter (see maxScoreQuery). */
export function maxScoreByIp(db: Db, runId: number, filter: SessionFilter): Map<string, number> {
  if (isEmpty(filter)) {
    const stored = db.prepare('SELECT ip, score FROM ip_scores WHERE run_id = ?').all(runId) as {
      ip: string;
      score: number;
    }[];
    if (stored.length > 0) return new Map(stored.map((r) => [r.ip, r.score]));
  }
  const { sql, params } = maxScoreQuery(runId, filter);
  const rows = db.prepare(sql).all(params) as { ip: string; score: number }[];
  const best = new Map<string, number>();
  for (const { ip, score } of rows) best.set(ip, Math.max(score, best.get(ip) ?? -Infinity));
  return best;
}

export type IpVerdict = 'malicious' | 'review' | 'benign';
const SEVERITY: IpVerdict[] = ['benign', 'review', 'malicious'];

/**
 * The most severe verdict per IP over the sessions it originated within the filter (verdicts are
 * few: a join from them), for the same reason as the scores: a verdict on an attack names its source.
 */
export function worstVerdictByIp(db: Db, filter: SessionFilter): Map<string, IpVerdict> {
  const { sql, params } = filterAnd(filter, '1');
  const rows = db
    .prepare(
      `WITH judged AS MATERIALIZED (
         SELECT src_ip, CASE verdicts.verdict WHEN 'malicious' THEN 2 WHEN 'review' THEN 1 ELSE 0 END AS rank
         FROM verdicts JOIN sessions ON sessions.id = verdicts.session_id ${sql})
       SELECT src_ip AS ip, max(rank) AS rank FROM judged GROUP BY src_ip`,
    )
    .all(params) as { ip: string; rank: number }[];
  const worst = new Map<string, IpVerdict>();
  for (const { ip, rank } of rows) {
    const current = worst.get(ip);
    if (current === undefined || SEVERITY.indexOf(current) < rank)
      worst.set(ip, must(SEVERITY[rank], 'the verdict of a severity rank'));
  }
  return worst;
}
