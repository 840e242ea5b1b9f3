// Click-through to the Sessions view: the filter is global, so narrowing it to an IP (or a pair)
// and switching view shows exactly those sessions, within whatever else the analyst filtered on.
import { addFilterTerm } from '../../state/filter.js';

export const ipTerm = (field: 'ip' | 'src' | 'dst', ip: string) => ({
  field,
  negate: false,
  values: [{ kind: 'ip' as const, value: ip }],
});

export function openIpInSessions(ip: string): void {
  addFilterTerm(ipTerm('ip', ip));
  window.location.hash = '#/sessions';
}

/**
 * An IP pair's sessions (`src:` `dst:`), or a client's requests to a host node (`src:` `host:`; a
 * "server of FILE" node has no host to name, so its client's sessions).
 */
export function openEdgeInSessions(src: string, dst: string, toHost = false): void {
  addFilterTerm(ipTerm('src', src));
  if (!toHost) addFilterTerm(ipTerm('dst', dst));
  else if (!dst.startsWith('server of '))
    addFilterTerm({ field: 'host', negate: false, values: [{ kind: 'text', value: dst }] });
  window.location.hash = '#/sessions';
}
