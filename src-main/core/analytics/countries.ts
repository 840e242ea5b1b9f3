import type { CountryTotals, TypeByCountry } from '../../../src-shared/analytics.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { type FlaggingSet, flaggingSet } from '../db/analytics-flagged.js';
import { countBy } from '../db/analytics-queries.js';
import { rollupSource } from '../db/analytics-source.js';
import type { Db } from '../db/open.js';
import { pickGranularity } from '../db/rollups.js';
import { flaggedSource } from './flagged-source.js';
import { type Plan, planFor } from './plan.js';
import { sessionDigest } from './session-digest-read.js';

/** The time rollup at the filter's granularity (the plan must be a rollup plan). */
function timeRollup(filter: SessionFilter, plan: Extract<Plan, { kind: 'rollup' }>) {
  return rollupSource('rollup_time', pickGranularity(filter.from, filter.to), plan, plan.clauses);
}

/** Detection type × country (the seeds' stacked bar chart), busiest cells first. */
export function typeByCountry(db: Db, filter: SessionFilter): TypeByCountry {
  const plan = planFor(filter);
  let cells: TypeByCountry['cells'];
  if (plan.kind === 'sessions')
    cells = sessionDigest(db, filter)
      .byCountryAndType()
      .map(({ country, detectionType, sessions }) => ({ country, detectionType, sessions }));
  else {
    const source = timeRollup(filter, plan);
    cells = countBy(db, source, { country: source.country, detectionType: source.detectionType }).map(
      (r) => ({ country: r.country, detectionType: r.detectionType, sessions: r.n }),
    );
  }
  return { cells: cells.sort((a, b) => b.sessions - a.sessions), source: plan.kind };
}

/** Sessions and flagged sessions per source country (stacked bars and the world map). */
export function countryTotals(db: Db, filter: SessionFilter): CountryTotals {
  const plan = planFor(filter);
  const runs = flaggingSet(db);
  const rows =
    plan.kind === 'sessions'
      ? sessionDigest(db, filter).byCountry()
      : rollupCountries(db, filter, plan, runs);
  return {
    hasModel: runs.flags,
    rows: rows.sort((a, b) => b.sessions - a.sessions),
    source: plan.kind,
  };
}

function rollupCountries(
  db: Db,
  filter: SessionFilter,
  plan: Extract<Plan, { kind: 'rollup' }>,
  runs: FlaggingSet,
): CountryTotals['rows'] {
  const flagged = new Map<string, number>();
  if (runs.flags) {
    const flaggedRows = flaggedSource(db, runs, plan, filter, pickGranularity(filter.from, filter.to));
    for (const r of countBy(db, flaggedRows, { country: flaggedRows.country })) flagged.set(r.country, r.n);
  }
  const source = timeRollup(filter, plan);
  return countBy(db, source, { country: source.country }).map((r) => ({
    country: r.country,
    sessions: r.n,
    flagged: flagged.get(r.country) ?? 0,
  }));
}
