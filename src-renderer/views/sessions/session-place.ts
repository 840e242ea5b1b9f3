// Where a session stands in the Sessions table, asked through the page query the table itself uses
// (no operation of its own). A session is found by its start time: the rows that started in the
// same millisecond are an indexed time range holding a handful of rows. Its row number in time
// order is the count of the filter's sessions on the near side of that millisecond (a count the
// table's own pages already make, narrowed by the time index) plus its place among those rows.
// Another sort would need a count on its own keys, which the API does not offer; the table then
// looks for the session among the rows it has loaded, and says so when it is not there.
import type { Session, SessionFilter } from '../../../src-shared/domain.js';
import { api } from '../../api/index.js';
import type { SessionQuery } from './useSessionBlocks.js';

/** Rows sharing one start time (an access log counts seconds) are read this many at a time… */
const SAME_TIME_PAGE = 1000;
/** …up to this many pages: a session not found by then is not looked for further. */
const SAME_TIME_PAGES = 5;

/**
 * A row number in the table; absent: the filter excludes it (or it is past the first 5 000 rows
 * of its millisecond); unplaced: the sort is not time order.
 */
export type SessionPlace = { kind: 'row'; row: number } | { kind: 'absent' } | { kind: 'unplaced' };

const later = (a: number | undefined, b: number) => (a === undefined ? b : Math.max(a, b));
const earlier = (a: number | undefined, b: number) => (a === undefined ? b : Math.min(a, b));

/**
 * Session `id`, started at `at`, among the sessions of `filter` that started in that millisecond,
 * in `direction` of the time order: its index there and the session, or null when not among them.
 */
export async function findAtTime(
  filter: SessionFilter,
  id: number,
  at: number,
  direction: 'asc' | 'desc' = 'asc',
): Promise<{ index: number; session: Session } | null> {
  const sameTime = { ...filter, from: later(filter.from, at), to: earlier(filter.to, at + 1) };
  for (let page = 0; page < SAME_TIME_PAGES; page++) {
    const answer = await api.sessionPage({
      filter: sameTime,
      sort: 'startTs',
      direction,
      offset: page * SAME_TIME_PAGE,
      limit: SAME_TIME_PAGE,
    });
    const index = answer.items.findIndex((session) => session.id === id);
    const session = answer.items[index];
    if (session) return { index: page * SAME_TIME_PAGE + index, session };
    if ((page + 1) * SAME_TIME_PAGE >= answer.total) return null;
  }
  return null;
}

/** The row of session `id` (started at `at`) in the table of `query`. */
export async function sessionPlace(query: SessionQuery, id: number, at: number): Promise<SessionPlace> {
  if (query.sort !== 'startTs') return { kind: 'unplaced' };
  const { filter, direction } = query;
  const found = await findAtTime(filter, id, at, direction);
  if (!found) return { kind: 'absent' };
  // Newest first, the rows above it started after its millisecond; oldest first, before it.
  const nearSide =
    direction === 'desc'
      ? { ...filter, from: later(filter.from, at + 1) }
      : { ...filter, to: earlier(filter.to, at) };
  const { total } = await api.sessionPage({
    filter: nearSide,
    sort: 'startTs',
    direction,
    offset: 0,
    limit: 1,
  });
  return { kind: 'row', row: total + found.index };
}
