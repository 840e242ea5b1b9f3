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

/**
 * The stored texts an exact address of the filter matches. A dotted quad: itself and its mapped
 * forms. An IPv6 address: the forms logs write it in (RFC 5952's short form, the eight groups with
 * and without leading zeros, each in lower and upper case, and the text as typed), and for an
 * IPv4-mapped address its dotted quad and the mapped forms with it. A list of texts, not a number compared per row, so that the
 * IP index serves an exact address as one lookup per form; a /128 block takes every form.
 */
export function addressTexts(address: string): string[] {
  // A dotted quad takes the texts its mapped form takes: the graph draws them all as one node.
  if (isIPv4(address)) return mappedTexts(address);
  if (!isIPv6(address)) return [address];
  const groups = ipv6Groups(ipv6ToBigInt(address));
  const quad = isMappedGroups(groups) ? groupsToQuad(groups) : null;
  const lower = [
    shortIpv6(groups),
    groups.map((g) => g.toString(16)).join(':'),
    groups.map((g) => g.toString(16).padStart(4, '0')).join(':'),
  ];
  const mapped = quad === null ? [] : mappedTexts(quad);
  return [...new Set([address, ...mapped, ...lower, ...lower.map((text) => text.toUpperCase())])];
}

/**
 * The one text an address is shown and grouped by, whichever form a log wrote it in: an IPv4
 * address (also one written IPv4-mapped, `::ffff:192.0.2.1`) as its dotted quad, any other IPv6
 * address as RFC 5952 writes it (`2001:0DB8:0:0:0:0:0:1` is `2001:db8::1`), and any other text
 * (a host, "server of FILE") as it is. Imports store each address as the log wrote it (evidence
 * stays as logged) and filters match every form (addressTexts); what counts or draws addresses
 * (the graph's nodes, a drill-down's peers) names each by this, so one address is one node.
 */
export function canonicalIp(text: string): string {
  if (isIPv4(text) || !isIPv6(text)) return text;
  const groups = ipv6Groups(ipv6ToBigInt(text));
  return isMappedGroups(groups) ? groupsToQuad(groups) : shortIpv6(groups);
}

/**
 * The texts every written form of an IPv6 address starts with, whatever it does with its other
 * groups: its first group with and without leading zeros, in either case, then ":" (`2001:`,
 * `db8:`, `0db8:`, `DB8:`, `0DB8:`). Empty for an address whose first group is zero (`::1` may be
 * written starting with "::") and for any other text: addressTexts' forms are all there is.
 */
export function ipv6LeadTexts(address: string): string[] {
  if (isIPv4(address) || !isIPv6(address)) return [];
  const first = ipv6Groups(ipv6ToBigInt(address))[0] ?? 0;
  if (first === 0) return [];
  const spellings = [first.toString(16), first.toString(16).padStart(4, '0')];
  return [...new Set([...spellings, ...spellings.map((text) => text.toUpperCase())])].map(
    (text) => `${text}:`,
  );
}

/** Whether an IPv6 address's groups are ::ffff:a.b.c.d, an IPv4 address a dual-stack server wrote. */
const isMappedGroups = (groups: number[]) => groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;

/** The texts a dual-stack server writes an IPv4 address in, the dotted quad first. */
const mappedTexts = (quad: string) => [
  quad,
  `${IPV4_MAPPED_PREFIX}${quad}`,
  `${IPV4_MAPPED_PREFIX.toUpperCase()}${quad}`,
  `0:0:0:0:0:ffff:${quad}`,
];

/** An IPv6 number's eight 16-bit groups, first to last. */
function ipv6Groups(value: bigint): number[] {
  return Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
}

/** The last two groups as a dotted quad (the IPv4 address a mapped IPv6 address carries). */
const groupsToQuad = (groups: number[]) =>
  [groups[6] ?? 0, groups[7] ?? 0].flatMap((g) => [g >> 8, g & 0xff]).join('.');

/**
 * RFC 5952's text of an address (section 4): lower case, no leading zeros, the longest run of two
 * or more zero groups (the first of equal runs) as "::".
 */
function shortIpv6(groups: number[]): string {
  let best = { at: -1, length: 1 };
  for (let at = 0; at < 8; at++) {
    let length = 0;
    while (at + length < 8 && groups[at + length] === 0) length++;
    if (length > best.length) best = { at, length };
  }
  const text = (list: number[]) => list.map((g) => g.toString(16)).join(':');
  if (best.at < 0) return text(groups);
  return `${text(groups.slice(0, best.at))}::${text(groups.slice(best.at + best.length))}`;
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
