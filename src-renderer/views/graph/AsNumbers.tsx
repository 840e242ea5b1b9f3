import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import type { IpProfile } from '../../../src-shared/graph.js';
import { formatCount } from '../../format.js';
import { openSessionsWith } from './open-in-sessions.js';

/**
 * The AS numbers the IP's sessions as source give (one, nearly always), each a way into the
 * Sessions view of every session from that AS (`asn:N`).
 */
export function AsNumbers({ asns }: { asns: IpProfile['asns'] }) {
  const known = asns.flatMap(({ asn, name, sessions }) => (asn === null ? [] : [{ asn, name, sessions }]));
  if (known.length === 0) return asns.length === 0 ? '–' : 'not recorded';
  return known.map(({ asn, name, sessions }, i) => (
    <span key={asn}>
      {i > 0 && ', '}
      <button
        type="button"
        className="link"
        title={`Every session from AS${asn} (${formatCount(sessions)} of this IP's)`}
        onClick={() => openSessionsWith(...parseFilterOrThrow(`asn:${asn}`))}
      >
        AS{asn}
      </button>
      {name && <span className="muted"> {name}</span>}
    </span>
  ));
}
