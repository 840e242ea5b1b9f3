// IP address syntax and numbers, usable in the renderer too (no node:net there).
const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const V6_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function isIPv4(text: string): boolean {
  return V4.test(text);
}

/** IPv6 in its text forms: full, "::"-compressed, with an embedded IPv4 tail. No zone ids. */
export function isIPv6(text: string): boolean {
  if (text.length > 45 || !text.includes(':')) return false;
  let body = text;
  let extra = 0;
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.', lastColon)) {
    if (!isIPv4(body.slice(lastColon + 1))) return false;
    body = `${body.slice(0, lastColon + 1)}0`;
    extra = 1;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((list) => list.every((g) => V6_GROUP.test(g)))) return false;
  const count = groups.reduce((n, list) => n + list.length, 0) + extra;
  return halves.length === 2 ? count <= 7 : count === 8;
}

export function isIP(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

/**
 * How a dual-stack server (listening on [::] for IPv4 too) writes an IPv4 client: this, then the
 * dotted quad. An IPv4 address or block of the filter takes these texts too (db/filter-sql.ts and
 * the ClickHouse connector's), as Sigma's cidr and Elastic's ip fields do.
 */
export const IPV4_MAPPED_PREFIX = '::ffff:';

/** The stored texts an exact address of the filter matches: a dotted quad, its mapped form too. */
export function addressTexts(address: string): string[] {
  return isIPv4(address) ? [address, `${IPV4_MAPPED_PREFIX}${address}`] : [address];
}

/** A dotted quad's number (checked by isIPv4 first). */
export function ipv4ToBigInt(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** An IPv6 address's 128-bit number, whichever text form it is in (checked by isIPv6 first). */
export function ipv6ToBigInt(text: string): bigint {
  let body = text;
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.', lastColon)) {
    const v4 = ipv4ToBigInt(body.slice(lastColon + 1));
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = body.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [
    ...headGroups,
    ...Array(8 - headGroups.length - tailGroups.length).fill('0'),
    ...tailGroups,
  ];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

/**
 * An IPv6 number as 32 hex digits: text order is then numeric order, so a block is a range of
 * texts (IOC lists store their IPv6 bounds so; the filter compares addresses so).
 */
export const ipv6Hex = (value: bigint): string => value.toString(16).padStart(32, '0');

/** The first and last number of the block of the `prefix` leading bits of `value` (in `bits` bits). */
export function blockBounds(value: bigint, bits: 32 | 128, prefix: number): { lo: bigint; hi: bigint } {
  const mask = (1n << BigInt(bits - prefix)) - 1n;
  const lo = value & ~mask;
  return { lo, hi: lo | mask };
}

const MAPPED_HEAD = /^(::|(0{1,4}:){5})ffff:$/i;

/**
 * The IPv4 address an IPv4-mapped IPv6 text carries, in any of its forms (any case, the zero
 * groups written out or not; not the deprecated IPv4-compatible form nor NAT64), else null.
 */
export function mappedIpv4(ip: string): string | null {
  const at = ip.lastIndexOf(':');
  if (at < 0 || !ip.includes('.', at) || !MAPPED_HEAD.test(ip.slice(0, at + 1))) return null;
  const ipv4 = ip.slice(at + 1);
  return isIPv4(ipv4) ? ipv4 : null;
}
