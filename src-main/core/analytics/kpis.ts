import type { KpiSummary } from '../../../src-shared/analytics.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { must } from '../../../src-shared/must.js';
import { flaggingSet } from '../db/analytics-flagged.js';
import {
  countOnly,
  distinctSources,
  reviewedCount,
  sourcesOverlapping,
  totals,
  verdictsTableExists,
} from '../db/analytics-queries.js';
import { rollupSource, sessionSource } from '../db/analytics-source.js';
import type { Db } from '../db/open.js';
import { pickGranularity, storedSpan } from '../db/rollups.js';
import { flaggedSource } from './flagged-source.js';
import { type Plan, planFor } from './plan.js';
import { sessionDigest } from './session-digest-read.js';

/** The Overview's tiles: volume, sources, countries, flagged and reviewed counts. */
export function kpiSummary(db: Db, filter: SessionFilter): KpiSummary {
  const plan = planFor(filter);
  const granularity = pickGranularity(filter.from, filter.to);
  const digest = plan.kind === 'sessions' ? sessionDigest(db, filter) : null;
  const sums =
    plan.kind === 'rollup'
      ? totals(db, rollupSource('rollup_time', granularity, plan, plan.clauses))
      : must(digest, 'the digest of a sessions plan').totals();
  const runs = flaggingSet(db);
  const unranged = filter.from === undefined && filter.to === undefined;
  let flagged: number | null = null;
  if (runs.flags)
    flagged = digest?.flagged ?? countOnly(db, flaggedSource(db, runs, plan, filter, granularity));
  const reviewed = verdictsTableExists(db) ? reviewedCount(db, sessionSource(filter)) : null;
  const span = unranged ? storedSpan(db) : { firstTs: filter.from ?? null, lastTs: filter.to ?? null };
  return {
    ...sums,
    ...sourceCount(db, plan, filter, sums.sessions),
    flagged,
    reviewed,
    ...span,
    source: plan.kind,
  };
}

/**
 * Up to this many sessions in a time range, its distinct sources are counted from the sessions
 * (through the start-time index: about 0.3 s for 200 000 on 2 cores); above it the per-source
 * rollup gives an upper bound, which for a range in the middle of a long log can be twice the truth.
 */
export const EXACT_SOURCES_MAX_SESSIONS = 200_000;

/**
 * Distinct sources: exact from sessions when the filter reads them anyway or selects few enough;
 * from the per-source rollup (which knows each source's country and active span) otherwise, exact
 * without a range and an upper bound within one. It has no detection type: a type filter over more
 * sessions than that leaves the count unknown.
 */
function sourceCount(
  db: Db,
  plan: Plan,
  filter: SessionFilter,
  sessions: number,
): Pick<KpiSummary, 'sourceIps' | 'sourceIpsExact'> {
  if (plan.kind === 'sessions')
    return { sourceIps: sessionDigest(db, filter).sourceIps, sourceIpsExact: true };
  // A source counts under its first-seen country, so a country filter makes the count approximate too.
  const exact = plan.from === undefined && plan.to === undefined && plan.clauses.length === 0;
  if (!exact && sessions <= EXACT_SOURCES_MAX_SESSIONS)
    return { sourceIps: distinctSources(db, sessionSource(filter)), sourceIpsExact: true };
  if (plan.clauses.some((c) => c.field !== 'country')) return { sourceIps: null, sourceIpsExact: false };
  return { sourceIps: sourcesOverlapping(db, plan, plan.clauses), sourceIpsExact: exact };
}
