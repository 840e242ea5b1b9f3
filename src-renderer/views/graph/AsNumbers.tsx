import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import type { IpProfile } from '../../../src-shared/graph.js';
import { formatCount } from '../../format.js';
import { openSessionsWith } from './open-in-sessions.js';

/**
 * The AS numbers the IP's sessions as source give (one, nearly always), each a way into the
 * Sessions view of every session from that AS (`asn:N`).
 */
export function AsNumbers({ asns }: { asns: IpProfile['asns'] }) {
  const known = asns.flatMap(({ asn, sessions }) => (asn === null ? [] : [{ asn, sessions }]));
  if (known.length === 0) return asns.length === 0 ? '–' : 'not recorded';
  return known.map(({ asn, sessions }, i) => (
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
    </span>
  ));
}
