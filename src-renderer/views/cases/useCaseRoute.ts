// The Cases view's place in the hash: `#/cases` (the newest case), `#/cases/12`, or
// `#/cases/new?ip=1.2.3.4&session=7` (the form, filled from a graph node, an IP or a selection;
// `filter=1`: with every session of the filter in force, from the Sessions view). Each may carry the
// case list's own filter (`?status=open&tag=phishing`), so choosing a status or a tag is a step Back
// undoes, and a reload or a copied address keeps the list as it was.
import { useEffect, useState } from 'react';
import { CASE_STATUSES, type CaseStatus } from '../../../src-shared/cases.js';

/** Which cases the list shows: every one when neither is set. */
export interface CaseListFilter {
  status?: CaseStatus;
  tag?: string;
}

export type CaseRoute = { list: CaseListFilter } & (
  | { kind: 'list' }
  | { kind: 'case'; id: number }
  | { kind: 'new'; ips: string[]; sessionIds: number[]; withFilter: boolean }
);

const isStatus = (value: string | null): value is CaseStatus =>
  (CASE_STATUSES as readonly (string | null)[]).includes(value);

/** The list filter an address names (a status it does not know is no filter). */
function readListFilter(params: URLSearchParams): CaseListFilter {
  const status = params.get('status');
  const tag = params.get('tag');
  return { ...(isStatus(status) ? { status } : {}), ...(tag ? { tag } : {}) };
}

export function parseCaseRoute(hash: string): CaseRoute {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const part = path.split('/')[1] ?? '';
  const params = new URLSearchParams(query);
  const list = readListFilter(params);
  if (part === 'new') {
    const sessionIds = params
      .getAll('session')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    return {
      kind: 'new',
      ips: params.getAll('ip').filter(Boolean),
      sessionIds,
      withFilter: params.get('filter') === '1',
      list,
    };
  }
  return /^\d+$/.test(part) ? { kind: 'case', id: Number(part), list } : { kind: 'list', list };
}

/** `hash` with the list filter `list` in place of the one it named (the rest of it kept as it is). */
export function withCaseList(hash: string, list: CaseListFilter): string {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  params.delete('status');
  params.delete('tag');
  if (list.status) params.set('status', list.status);
  if (list.tag) params.set('tag', list.tag);
  const rest = params.toString();
  return `#${path}${rest ? `?${rest}` : ''}`;
}

export function useCaseRoute(): CaseRoute {
  const [route, setRoute] = useState(() => parseCaseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseCaseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** A case's address, the list beside it filtered by `list`. */
export const caseHash = (id: number, list: CaseListFilter = {}) => withCaseList(`#/cases/${id}`, list);

/** The list's address (the newest case it shows beside it). */
export const casesHash = (list: CaseListFilter = {}) => withCaseList('#/cases', list);
