// Addresses and CIDR blocks as numeric ranges, so containment is two comparisons.
import { blockBounds, ipv4ToBigInt, ipv6Hex, ipv6ToBigInt, isIPv4, isIPv6 } from '../../../src-shared/ip.js';

export interface IpRange {
  family: 4 | 6;
  lo: bigint;
  hi: bigint;
}

/** One address as a range of one, or undefined when it is not an address. */
export function addressKey(text: string): { family: 4 | 6; value: bigint } | undefined {
  if (isIPv4(text)) return { family: 4, value: ipv4ToBigInt(text) };
  if (isIPv6(text)) return { family: 6, value: ipv6ToBigInt(text) };
  return undefined;
}

/**
 * The IPv4 address an IPv6 number carries when it is IPv4-mapped (::ffff:0:0/96: a dual-stack
 * server's `::ffff:198.51.100.9`, in any text form), else null: the one address canonicalIp shows
 * as the dotted quad and the sort key (db/address-sort-key.ts) keys as the IPv4 address.
 */
export function mappedIpv4Value(value: bigint): bigint | null {
  return value >> 32n === 0xffffn ? value & 0xffffffffn : null;
}

/** Parses "a.b.c.d", "a.b.c.d/n", IPv6 and IPv6/n; returns a reason when it is neither. */
export function parseIpOrCidr(text: string): IpRange | { error: string } {
  const [address = '', prefixText, ...rest] = text.split('/');
  if (rest.length) return { error: 'more than one "/"' };
  const key = addressKey(address);
  if (!key) return { error: 'not an IPv4 or IPv6 address' };
  const bits = key.family === 4 ? 32 : 128;
  if (prefixText === undefined) return { family: key.family, lo: key.value, hi: key.value };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits)
    return { error: `prefix length must be 0 to ${bits}` };
  return { family: key.family, ...blockBounds(key.value, bits, Number(prefixText)) };
}

/** Storage form: IPv4 fits a SQLite integer; IPv6 is fixed-width hex so text order is numeric order. */
export function storedBound(family: 4 | 6, value: bigint): number | string {
  return family === 4 ? Number(value) : ipv6Hex(value);
}

export function boundFromStored(value: number | string): bigint {
  return typeof value === 'number' ? BigInt(value) : BigInt(`0x${value}`);
}
