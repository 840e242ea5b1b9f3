// Which table answers a filter: the rollups (time × country × detection type) when the filter
// only narrows those, else the sessions table itself.
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { FilterClause } from '../../../src-shared/filter/clauses.js';

const ROLLUP_FIELDS = new Set<FilterClause['field']>(['country', 'type']);

export type Plan =
  | { kind: 'rollup'; from?: number; to?: number; clauses: FilterClause[] }
  | { kind: 'sessions'; filter: SessionFilter };

export function planFor(filter: SessionFilter): Plan {
  const { from, to, clauses = [], ...rest } = filter;
  // Checked by what is left, so a field added to SessionFilter later goes to sessions by default.
  const rollupable =
    Object.values(rest).every((value) => value === undefined) &&
    clauses.every((clause) => ROLLUP_FIELDS.has(clause.field));
  return rollupable ? { kind: 'rollup', from, to, clauses } : { kind: 'sessions', filter };
}

/** Rounds a range outwards to whole buckets of `size`; says whether that changed it. */
export function widen(from: number | undefined, to: number | undefined, size: number) {
  const lo = from === undefined ? undefined : Math.floor(from / size) * size;
  const hi = to === undefined ? undefined : Math.ceil(to / size) * size;
  return { from: lo, to: hi, widened: lo !== from || hi !== to };
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
// No 30-minute step: from a few hours up, hour buckets let the hour rollup answer (far fewer rows).
const LADDER = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY];
export const MAX_POINTS = 240;

/** The time-series bucket: the smallest step of the ladder that keeps the chart under MAX_POINTS. */
export function bucketFor(span: number): number {
  return LADDER.find((size) => span / size <= MAX_POINTS) ?? LADDER.at(-1)!;
}
