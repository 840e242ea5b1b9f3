// Which table answers a filter: the rollups (time × country × detection type) when the filter
// only narrows those, else the sessions table itself.
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { FilterClause } from '../../../src-shared/filter/clauses.js';
import { filterOnlyUses } from '../../../src-shared/filter/shape.js';
import { bucketFor, OVERVIEW_POINTS } from '../../../src-shared/time-buckets.js';
import { GRANULARITIES } from '../db/rollups.js';

const ROLLUP_FIELDS: FilterClause['field'][] = ['country', 'type'];

export type Plan =
  | { kind: 'rollup'; from?: number; to?: number; clauses: FilterClause[] }
  | { kind: 'sessions'; filter: SessionFilter };

// The rollups hold finished imports only (db/staged-rollups.ts): the scope to them is already met.
const ROLLUP_FILTER = ['from', 'to', 'unfinishedImports'];

/** The finest rollup bucket: a range the rollups answer starts and ends on one. */
const FINEST_BUCKET = GRANULARITIES[0];
const onBucket = (at: number | undefined) => at === undefined || at % FINEST_BUCKET === 0;

/**
 * Rollups only for ranges on whole minutes: a bucket either lies in the range or not, so a range
 * that starts or ends inside a minute (typed by hand, or a pull's own span) would drop or add that
 * minute's sessions. Such a range reads the sessions, which is exact.
 */
export function planFor(filter: SessionFilter): Plan {
  const { from, to, clauses = [] } = filter;
  return filterOnlyUses(filter, ROLLUP_FILTER, ROLLUP_FIELDS) && onBucket(from) && onBucket(to)
    ? { kind: 'rollup', from, to, clauses }
    : { kind: 'sessions', filter };
}

/** Rounds a range outwards to whole buckets of `size`; says whether that changed it. */
export function widen(from: number | undefined, to: number | undefined, size: number) {
  const lo = from === undefined ? undefined : Math.floor(from / size) * size;
  const hi = to === undefined ? undefined : Math.ceil(to / size) * size;
  return { from: lo, to: hi, widened: lo !== from || hi !== to };
}

/** The time-series bucket: the smallest step that keeps the chart under OVERVIEW_POINTS. */
export const seriesBucket = (span: number): number => bucketFor(span, OVERVIEW_POINTS);
