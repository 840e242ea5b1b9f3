// The address texts the connector lets reach ClickHouse's parsing functions. Current engines refuse
// the whole query when IPv4StringToNum or IPv6StringToNum meets one text they cannot read (an
// IPv6 client, an empty or '-' field; 18.16 gives zeros instead), so a text is first tested
// against the forms Vigil's import reads as an address (src-shared/ip.ts), and only those are
// parsed: a block then selects the same rows on every engine as in the workspace.
import { IPV4_MAPPED_PREFIX } from '../../../../src-shared/ip.js';
import { sqlString } from './literal.js';

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = `${OCTET}([.]${OCTET}){3}`;
/** A canonical dotted quad (no leading zero, each part ≤ 255), on which IPv4StringToNum is one-to-one. */
export const DOTTED_QUAD = `^${IPV4}$`;

// IPv6 built from the grammar rather than written out: eight groups, or a "::" standing for at
// least one zero group between a head and a tail of at most seven; an IPv4 tail counts as two.
const GROUP = '[0-9A-Fa-f]{1,4}';

/** `count` groups, each followed by a colon. */
const groupsThenColon = (count: number) => (count === 0 ? '' : `(${GROUP}:){${count}}`);

/** A head of `head` groups, "::", then up to `tail` groups and `end` (an IPv4 address or nothing). */
function compressed(head: number, tail: number, end: string): string {
  const before = head === 0 ? '' : `${groupsThenColon(head - 1)}${GROUP}`;
  if (end !== '') return `${before}::${tail === 0 ? '' : `(${GROUP}:){0,${tail}}`}${end}`;
  return `${before}::${tail === 0 ? '' : `(${GROUP}(:${GROUP}){0,${tail - 1}})?`}`;
}

function ipv6Forms(): string[] {
  const forms = [`${groupsThenColon(7)}${GROUP}`, `${groupsThenColon(6)}${IPV4}`];
  // Hex groups only: head + tail ≤ 7. With an IPv4 tail (two groups): head + hex tail ≤ 5.
  for (let head = 0; head <= 7; head++) forms.push(compressed(head, 7 - head, ''));
  for (let head = 0; head <= 5; head++) forms.push(compressed(head, 5 - head, IPV4));
  return forms;
}

/** The texts isIPv6 accepts (RE2's syntax, and JavaScript's the same for this subset). */
export const IPV6_PATTERN = `^(${ipv6Forms().join('|')})$`;

/**
 * SQL: the dotted quad of an IPv4-mapped text (`::ffff:10.1.2.3`, as a dual-stack server writes an
 * IPv4 client, or `::FFFF:10.1.2.3`: the prefix in any case), or `expr` itself: an IPv4 block
 * reads both, as the workspace's SQL does. Only the prefix's seven characters are lowered.
 */
export const unmappedSql = (expr: string) =>
  `if(lower(substring(${expr}, 1, ${IPV4_MAPPED_PREFIX.length})) = ${sqlString(IPV4_MAPPED_PREFIX)}, substring(${expr}, ${IPV4_MAPPED_PREFIX.length + 1}), ${expr})`;

/** SQL: whether `expr` is a canonical dotted quad. */
export const isDottedQuadSql = (expr: string) => `match(${expr}, ${sqlString(DOTTED_QUAD)})`;

/** SQL: the IPv4 number of `expr`, 0 for a text that is not a dotted quad (test that apart). */
export const ipv4NumberSql = (expr: string) =>
  `IPv4StringToNum(if(${isDottedQuadSql(expr)}, ${expr}, '0.0.0.0'))`;

/** SQL: whether `expr` is an IPv6 address in any of its text forms. */
export const isIpv6Sql = (expr: string) => `match(${expr}, ${sqlString(IPV6_PATTERN)})`;

/** SQL: the 16 bytes of `expr`, those of '::' for a text that is not IPv6 (test that apart). */
export const ipv6BytesSql = (expr: string) => `IPv6StringToNum(if(${isIpv6Sql(expr)}, ${expr}, '::'))`;
