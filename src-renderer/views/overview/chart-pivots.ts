// The clauses a click on an Overview chart element adds: together they select exactly the sessions
// the element counted (test/integration/filter/overview-pivots.test.ts counts both). A missing
// value, which the charts draw as "(unknown)" or "(no type)", is a presence term (`-country:*`).
import { type FilterClause, presenceClause, valueClause } from '../../../src-shared/filter/index.js';
import { type StatusClass, statusClassRange } from '../../../src-shared/web-requests.js';

/** A stacked country segment: its country ("(unknown)": no country) and its stack's own term. */
export function segmentClauses(country: string, term: FilterClause | undefined): FilterClause[] {
  const where = country === '' ? presenceClause('country', true) : valueClause('country', country, false);
  return [where, ...(term ? [term] : [])];
}

/**
 * A status-class bar: its range of codes, of web requests only. The bars count requests (a method
 * or a path, db/analytics-web.ts REQUEST_SQL), and a CloudWatch or flow row may carry a status
 * too; `uaclass:*` is that same definition (every request has a user-agent class, `empty` if none).
 */
export function statusClassClauses(statusClass: StatusClass): FilterClause[] {
  const { min, max } = statusClassRange(statusClass);
  return [
    { field: 'code', negate: false, values: [{ kind: 'range', min, max }] },
    presenceClause('uaclass', false),
  ];
}
