import type { CountryTotals, TypeByCountry } from '../../../src-shared/analytics.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { activeRuns } from '../db/analytics-flagged.js';
import { countBy } from '../db/analytics-queries.js';
import { rollupSource, type Source, sessionSource } from '../db/analytics-source.js';
import type { Db } from '../db/open.js';
import { pickGranularity } from '../db/rollups.js';
import { flaggedSource } from './flagged-source.js';
import { planFor } from './plan.js';

function sessionsSource(filter: SessionFilter): {
  source: Source;
  plan: ReturnType<typeof planFor>;
  g: number;
} {
  const plan = planFor(filter);
  const g = pickGranularity(filter.from, filter.to);
  const source =
    plan.kind === 'rollup' ? rollupSource('rollup_time', g, plan, plan.clauses) : sessionSource(filter);
  return { source, plan, g };
}

/** Detection type × country (the seeds' stacked bar chart), busiest cells first. */
export function typeByCountry(db: Db, filter: SessionFilter): TypeByCountry {
  const { source, plan } = sessionsSource(filter);
  const rows = countBy(db, source, { country: source.country, detectionType: source.detectionType });
  return {
    cells: rows
      .map((r) => ({ country: r.country, detectionType: r.detectionType, sessions: r.n }))
      .sort((a, b) => b.sessions - a.sessions),
    source: plan.kind,
  };
}

/** Sessions and flagged sessions per source country (stacked bars and the world map). */
export function countryTotals(db: Db, filter: SessionFilter): CountryTotals {
  const { source, plan, g } = sessionsSource(filter);
  const runs = activeRuns(db);
  const flagged = new Map<string, number>();
  if (runs.ids.length) {
    const flaggedRows = flaggedSource(db, runs, plan, filter, g);
    for (const r of countBy(db, flaggedRows, { country: flaggedRows.country })) flagged.set(r.country, r.n);
  }
  return {
    hasModel: runs.ids.length > 0,
    rows: countBy(db, source, { country: source.country })
      .map((r) => ({ country: r.country, sessions: r.n, flagged: flagged.get(r.country) ?? 0 }))
      .sort((a, b) => b.sessions - a.sessions),
    source: plan.kind,
  };
}
