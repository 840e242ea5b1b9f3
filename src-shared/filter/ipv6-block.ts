// IPv6 blocks of the filter language (`src:2001:db8::/32`) as ranges of 32-hex-digit texts. Logs
// write an IPv6 address in any of its text forms (compressed or not, any case, an IPv4 tail) and
// Vigil stores it as written, so a block is matched on each address's number, never on its text.
import { blockBounds, ipv6Hex, ipv6ToBigInt, isIPv6 } from '../ip.js';
import type { Cidr } from './ipv4.js';

/** Whether a block is written with an IPv6 base (its prefix may then go up to 128). */
export const isIpv6Block = (cidr: Cidr): boolean => cidr.base.includes(':');

/** First and last address of an IPv6 block as hex (the base's host bits are ignored, as for IPv4). */
export function ipv6BlockRange(cidr: Cidr): { first: string; last: string } | null {
  if (!isIPv6(cidr.base) || !Number.isInteger(cidr.prefix) || cidr.prefix < 0 || cidr.prefix > 128)
    return null;
  const { lo, hi } = blockBounds(ipv6ToBigInt(cidr.base), 128, cidr.prefix);
  return { first: ipv6Hex(lo), last: ipv6Hex(hi) };
}
