// The Cases view's place in the hash: `#/cases` (the newest case), `#/cases/12`, or
// `#/cases/new?ip=1.2.3.4&session=7` (the form, filled from a graph node, an IP or a selection;
// `filter=1`: with every session of the filter in force, from the Sessions view).
import { useEffect, useState } from 'react';

export type CaseRoute =
  | { kind: 'list' }
  | { kind: 'case'; id: number }
  | { kind: 'new'; ips: string[]; sessionIds: number[]; withFilter: boolean };

export function parseCaseRoute(hash: string): CaseRoute {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const part = path.split('/')[1] ?? '';
  if (part === 'new') {
    const params = new URLSearchParams(query);
    const sessionIds = params
      .getAll('session')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    return {
      kind: 'new',
      ips: params.getAll('ip').filter(Boolean),
      sessionIds,
      withFilter: params.get('filter') === '1',
    };
  }
  return /^\d+$/.test(part) ? { kind: 'case', id: Number(part) } : { kind: 'list' };
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

export const caseHash = (id: number) => `#/cases/${id}`;
