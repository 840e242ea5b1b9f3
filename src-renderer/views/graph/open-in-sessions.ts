// Click-through to the Sessions view: the filter is global, so narrowing it to an IP (or a pair)
// and switching view shows exactly those sessions, within whatever else the analyst filtered on.
import { addFilterTerm } from '../../state/filter.js';

const ipTerm = (field: 'ip' | 'src' | 'dst', ip: string) => ({
  field,
  negate: false,
  values: [{ kind: 'ip' as const, value: ip }],
});

export function openIpInSessions(ip: string): void {
  addFilterTerm(ipTerm('ip', ip));
  window.location.hash = '#/sessions';
}

export function openEdgeInSessions(src: string, dst: string): void {
  addFilterTerm(ipTerm('src', src));
  addFilterTerm(ipTerm('dst', dst));
  window.location.hash = '#/sessions';
}
