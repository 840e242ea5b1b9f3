// The Sessions view's state in its address: `#/sessions?q=FILTER&from=MS&to=MS&sort=FIELD&dir=asc
// &open=ID&at=MS`. Other views link here with q/from/to; the view writes its own state back, so a
// reload (or a link copied to a colleague's serve mode) comes back to the same filter, sort and open
// session. `at` is the open session's start time: the view finds the session again by it (an
// indexed time range holding a handful of rows) without asking the core for a session by id. The
// Overview keeps the filter in its own address the same way (`#/overview?q=…&from=…&to=…`).
import { SESSION_SORT_FIELDS } from '../../../src-shared/domain.js';
import type { TimeRange } from '../../state/filter.js';
import type { SortField } from './columns.js';
import type { SortState } from './SortHeader.js';

export interface SessionsHashState {
  /** The filter text; absent: the link says nothing of the filter (the one in force stays). */
  q?: string;
  range?: TimeRange;
  sort?: SortState;
  open?: { id: number; at: number };
}

const ROUTE = '#/sessions';

const whole = (text: string | null): number | undefined => {
  if (text === null || !/^-?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
};

/** True when the address is the view's (`#/sessions`, with or without a query). */
export const isSessionsAddress = (hash: string, route = ROUTE): boolean =>
  hash === route || hash.startsWith(`${route}?`);

/** What an address asks of the view; null when it is not the view's or asks nothing. */
export function readSessionsHash(hash: string, route = ROUTE): SessionsHashState | null {
  const at = hash.indexOf('?');
  if (at < 0 || hash.slice(0, at) !== route) return null;
  const params = new URLSearchParams(hash.slice(at + 1));
  const state: SessionsHashState = {};
  const q = params.get('q');
  if (q !== null) state.q = q;
  const from = whole(params.get('from'));
  const to = whole(params.get('to'));
  if (from !== undefined || to !== undefined)
    state.range = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  const sort = params.get('sort');
  if (sort !== null && (SESSION_SORT_FIELDS as readonly string[]).includes(sort))
    state.sort = { field: sort as SortField, direction: params.get('dir') === 'asc' ? 'asc' : 'desc' };
  const open = whole(params.get('open'));
  const openAt = whole(params.get('at'));
  if (open !== undefined && open > 0 && openAt !== undefined) state.open = { id: open, at: openAt };
  return state;
}

/** The address of the view's state; the defaults (no filter, newest first, no drawer) are left out. */
export function sessionsHash(
  state: { text: string; range: TimeRange; sort: SortState; open: { id: number; startTs: number } | null },
  defaultSort: SortState,
  route = ROUTE,
): string {
  const params = new URLSearchParams();
  if (state.text.trim()) params.set('q', state.text);
  if (state.range.from !== undefined) params.set('from', String(state.range.from));
  if (state.range.to !== undefined) params.set('to', String(state.range.to));
  if (state.sort.field !== defaultSort.field || state.sort.direction !== defaultSort.direction) {
    params.set('sort', state.sort.field);
    params.set('dir', state.sort.direction);
  }
  if (state.open) {
    params.set('open', String(state.open.id));
    params.set('at', String(state.open.startTs));
  }
  const query = params.toString();
  return query ? `${route}?${query}` : route;
}
