import type { TimeSeries } from '../../../src-shared/analytics.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { must } from '../../../src-shared/must.js';
import { bucketStart } from '../../../src-shared/time-buckets.js';
import { flaggingSet } from '../db/analytics-flagged.js';
import { type SeriesRow, series } from '../db/analytics-queries.js';
import { rollupSource } from '../db/analytics-source.js';
import type { Db } from '../db/open.js';
import { chartSpan, GRANULARITIES } from '../db/rollups.js';
import { flaggedSource } from './flagged-source.js';
import { planFor, seriesBucket } from './plan.js';
import { sessionDigest } from './session-digest-read.js';

/** Sessions, bytes and flagged sessions per bucket; the bucket size follows the range. */
export function timeSeries(db: Db, filter: SessionFilter): TimeSeries {
  const span = chartSpan(db, filter);
  const plan = planFor(filter);
  const runs = flaggingSet(db);
  const empty = {
    from: span?.from ?? null,
    to: span?.to ?? null,
    hasModel: runs.flags,
    points: [],
    source: plan.kind,
  };
  if (span === null) return { ...empty, bucketMs: 60_000 };
  const { from, to } = span;
  const size = seriesBucket(to - from);
  // The coarsest rollup whose buckets nest in ours (a week is whole days, an hour whole minutes).
  const granularity = must(
    [...GRANULARITIES].reverse().find((g) => size % g === 0),
    `a rollup granularity that divides ${size} ms`,
  );
  let rows: SeriesRow[];
  let flagged: SeriesRow[] = [];
  if (plan.kind === 'sessions') {
    const digestRows = sessionDigest(db, filter).series(size);
    rows = digestRows;
    if (runs.flags)
      flagged = digestRows.map(({ t, flagged }) => ({ t, sessions: flagged, bytesIn: 0, bytesOut: 0 }));
  } else {
    rows = series(db, rollupSource('rollup_time', granularity, plan, plan.clauses), size);
    if (runs.flags) flagged = series(db, flaggedSource(db, runs, plan, filter, granularity), size, false);
  }
  return { ...empty, bucketMs: size, points: fill(from, to, size, rows, flagged) };
}

/** Every bucket from `from` to `to`, zero where nothing happened, so gaps show as gaps. */
function fill(from: number, to: number, size: number, rows: SeriesRow[], flagged: SeriesRow[]) {
  const byT = new Map(rows.map((r) => [r.t, r]));
  const flaggedByT = new Map(flagged.map((r) => [r.t, r.sessions]));
  const points = [];
  for (let t = bucketStart(from, size); t < to; t += size) {
    const row = byT.get(t);
    points.push({
      t,
      sessions: row?.sessions ?? 0,
      bytesIn: row?.bytesIn ?? 0,
      bytesOut: row?.bytesOut ?? 0,
      flagged: flaggedByT.get(t) ?? 0,
    });
  }
  return points;
}
