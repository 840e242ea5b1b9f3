// SQL that finds an exact address in a TEXT column of addresses stored as logs wrote them, in any
// text form: what `ip:`/`src:`/`dst:` terms, a graph edge's ends, an IP's neighbours and its
// drill-down all match with, so that they find the sessions the graph draws as that address's node
// (analytics/canonical-ends.ts merges every form). The forms logs usually write (addressTexts) are
// one index lookup each. An IPv6 address may also be written with leading zeros on some groups
// only (`2001:0db8:0:0:0:0:0:1`), too many spellings to list: every form starts with its first
// group's text, so each of those few prefixes is an index range, checked by the address's number.
import { addressTexts, ipv6Hex, ipv6LeadTexts, ipv6ToBigInt } from '../../../src-shared/ip.js';
import { must } from '../../../src-shared/must.js';
import { ADDRESS_SORT_KEYS, addressSortKey } from './address-sort-key.js';

/** `bind` binds a value and gives its SQL placeholder. */
export function exactAddressSql(column: string, address: string, bind: (value: unknown) => string): string {
  const texts = addressTexts(address);
  const listed =
    texts.length === 1 ? `${column} = ${bind(texts[0])}` : `${column} IN (${texts.map(bind).join(', ')})`;
  const leads = ipv6LeadTexts(address);
  if (leads.length === 0) return listed;
  const value = ipv6ToBigInt(address);
  const hex = bind(ipv6Hex(value));
  // Every text of the range (one network's clients can be all of it) is read from the index, but
  // only those that end as the address can are parsed: calling the parse on each cost 3.6 s for a
  // lookup among a million IPv6 sessions under one first group, the ending test a fraction of it.
  const ends = lastGroupEndings(value)
    .map((ending) => `${column} LIKE ${bind(ending)}`)
    .join(' OR ');
  // ';' follows ':': the range is every text that starts with the lead.
  const ranges = leads.map(
    (lead) =>
      `(${column} >= ${bind(lead)} AND ${column} < ${bind(`${lead.slice(0, -1)};`)} AND (${ends}) AND vigil_ipv6_hex(${column}) = ${hex})`,
  );
  return `(${[listed, ...ranges].join(' OR ')})`;
}

/**
 * LIKE patterns (any case, as LIKE compares ASCII) that every text of an IPv6 address ends with:
 * its last group after a colon with any number of leading zeros, `::` when that group is zero, or the
 * last byte of an IPv4 tail (`1:2:3:4:5:6:10.1.2.3`). A group's hex digits hold no LIKE wildcard.
 */
function lastGroupEndings(value: bigint): string[] {
  const last = Number(value & 0xffffn);
  const digits = last.toString(16);
  const endings = [`%.${last & 0xff}`];
  // `c`, `0c`, `00c`, `000c`: a group may carry any number of leading zeros up to four digits.
  for (let width = digits.length; width <= 4; width++) endings.push(`%:${digits.padStart(width, '0')}`);
  if (last === 0) endings.push('%::');
  return [...new Set(endings)];
}

/**
 * exactAddressSql with its own named parameters (`prefix` and a number), for queries written
 * by hand: `match(column)` for each column the address is looked for in.
 */
export function addressMatch(
  address: string,
  prefix: string,
): { match: (column: string) => string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  // One parameter per value, shared by every column the address is matched in.
  const names = new Map<unknown, string>();
  const bind = (value: unknown) => {
    let name = names.get(value);
    if (name === undefined) {
      name = `${prefix}${names.size}`;
      names.set(value, name);
      params[name] = value;
    }
    return `@${name}`;
  };
  return { match: (column) => exactAddressSql(column, address, bind), params };
}

/**
 * SQL that holds when the address in `column` (src_ip or dst_ip) is one of a list of addresses,
 * whichever text form a log wrote it in, with the list bound as `param` (addressKeysParam). For a
 * list an analyst made, which may hold thousands (a case's IPs): each address is one lookup in the
 * column's sort-key index (address-sort-key.ts), where every text form of one address has one key:
 * the forms exactAddressSql finds (and the rarer ones the graph also draws as that address's node),
 * without an SQL term per address, which SQLite caps at a depth of 1 000.
 */
export function anyAddressSql(column: (typeof ADDRESS_SORT_KEYS)[number]['column'], param: string): string {
  const { key } = must(
    ADDRESS_SORT_KEYS.find((address) => address.column === column),
    `the sort key of ${column}`,
  );
  return `sessions.${key} IN (SELECT unhex(value) FROM json_each(@${param}))`;
}

/** The value anyAddressSql binds: the addresses' keys (no key for no address: an empty text names none). */
export function addressKeysParam(addresses: Iterable<string>): string {
  const keys = new Set<string>();
  for (const address of addresses) if (address !== '') keys.add(addressSortKey(address).toString('hex'));
  return JSON.stringify([...keys]);
}
