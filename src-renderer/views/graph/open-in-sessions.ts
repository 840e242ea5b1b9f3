// Click-through to the Sessions view: the filter is global, so narrowing it to an IP (or a pair, or
// a rule's hits) and switching view shows exactly those sessions, within whatever else the analyst
// filtered on.
import type { FilterClause } from '../../../src-shared/filter/index.js';
import { hostOfNode } from '../../../src-shared/graph.js';
import { addFilterTerm } from '../../state/filter.js';

/** The Sessions view, with these terms added to the filter in force. */
export function openSessionsWith(...clauses: FilterClause[]): void {
  for (const clause of clauses) addFilterTerm(clause);
  window.location.hash = '#/sessions';
}

export const ipTerm = (field: 'ip' | 'src' | 'dst', ip: string) => ({
  field,
  negate: false,
  values: [{ kind: 'ip' as const, value: ip }],
});

export function openIpInSessions(ip: string): void {
  openSessionsWith(ipTerm('ip', ip));
}

/**
 * An IP pair's sessions (`src:` `dst:`), or a client's requests to a host node (`src:` `host:`; a
 * "server of FILE" node has no host to name, so its client's sessions).
 */
export function openEdgeInSessions(src: string, dst: string, toHost = false): void {
  const to: FilterClause[] = !toHost
    ? [ipTerm('dst', dst)]
    : dst.startsWith('server of ')
      ? []
      : [{ field: 'host', negate: false, values: [{ kind: 'text', value: hostOfNode(dst) }] }];
  openSessionsWith(ipTerm('src', src), ...to);
}
