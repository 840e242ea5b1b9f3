// Address blocks reserved for documentation (RFC 5737: 192.0.2.0/24, 198.51.100.0/24,
// 203.0.113.0/24; RFC 3849: 2001:db8::/32; RFC 9637: 3fff::/20). No host on the Internet has one,
// so they have no country or ASN, yet the whois-derived country table places them with the
// registry that holds them (Australia, Japan). They do reach Vigil: logs redacted for sharing
// swap real clients for them, and examples and test data use them.
import { ipv6ToBigInt, isIPv6 } from '../../../src-shared/ip.js';

// A dotted quad is written one way (no leading zeros), so its /24 is a text prefix: a lookup per
// distinct client (240 000 in a public server's million lines) stays a few string compares.
const IPV4_PREFIXES = ['192.0.2.', '198.51.100.', '203.0.113.'];
const IPV6_BLOCKS = [
  { top: ipv6ToBigInt('2001:db8::') >> 96n, shift: 96n },
  { top: ipv6ToBigInt('3fff::') >> 108n, shift: 108n },
];

/** Whether `ip` (a dotted quad or an IPv6 text; IPv4-mapped ones unmapped first) is a documentation address. */
export function isDocumentationAddress(ip: string): boolean {
  if (!ip.includes(':')) return IPV4_PREFIXES.some((prefix) => ip.startsWith(prefix));
  if (!isIPv6(ip)) return false;
  const value = ipv6ToBigInt(ip);
  return IPV6_BLOCKS.some(({ top, shift }) => value >> shift === top);
}
