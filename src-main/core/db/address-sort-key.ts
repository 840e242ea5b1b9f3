// The stored sort key of an address column (sessions.src_ip_sort_key, dst_ip_sort_key: migration
// 027): a BLOB whose byte order (SQLite compares BLOBs with memcmp) is the order an analyst sorts
// addresses in, so the Sessions table's address sorts walk an index on (key, start_ts) instead of
// ordering the texts (where 10.0.0.10 came before 10.0.0.9). Computed in JS when a session is
// written (sessions.ts, ingest/session-fill.ts) and by migration 027's backfill, never by a SQL
// function: the database stays readable and writable by the stock sqlite3 shell.
//
//   0x04 + 4 bytes    an IPv4 address, big-endian
//   0x06 + 16 bytes   an IPv6 address, big-endian (its 128-bit number)
//   0xfe + UTF-8      any other text (a host name a log wrote), by its bytes
//   0xff              no address (NULL or empty text); also the column's default
//
// So ascending: every IPv4 address numerically, then every IPv6 address, then other texts, then
// sessions with none. An IPv4-mapped IPv6 address (::ffff:10.0.0.9, in any of its forms) is keyed
// as the IPv4 address it carries: canonicalIp shows it as that dotted quad, the graph draws both as
// one node and an exact filter (address-sql.ts) finds both, so every text form of one address has
// one key and one place in the sort. UTF-8 never holds 0xfe or 0xff bytes, so the tags decide
// between the kinds before any content does.
import { ipv6ToBigInt, isIPv4, isIPv6 } from '../../../src-shared/ip.js';

const IPV4_TAG = 0x04;
const IPV6_TAG = 0x06;
const TEXT_TAG = 0xfe;
const NONE_TAG = 0xff;

/** The key of a missing or empty address; SQL's X'FF', the key columns' default. */
export const NO_ADDRESS_KEY: Buffer = Buffer.of(NONE_TAG);
export const NO_ADDRESS_KEY_SQL = "X'FF'";

/** The sessions columns keyed, each with the column of its key (and the index walking it: session-indexes.ts). */
export const ADDRESS_SORT_KEYS = [
  { field: 'srcIp', column: 'src_ip', key: 'src_ip_sort_key' },
  { field: 'dstIp', column: 'dst_ip', key: 'dst_ip_sort_key' },
] as const;

/** The sort key of an address as a log wrote it (see above). */
export function addressSortKey(text: string | null | undefined): Buffer {
  if (text === null || text === undefined || text === '') return NO_ADDRESS_KEY;
  if (isIPv4(text)) return ipv4Key(dottedQuadNumber(text));
  if (isIPv6(text)) {
    const value = ipv6ToBigInt(text);
    // ::ffff:0:0/96, however written: the IPv4 address it carries (see above).
    if (value >> 32n === 0xffffn) return ipv4Key(Number(value & 0xffffffffn));
    const key = Buffer.allocUnsafe(17);
    key[0] = IPV6_TAG;
    key.writeBigUInt64BE(value >> 64n, 1);
    key.writeBigUInt64BE(value & 0xffffffffffffffffn, 9);
    return key;
  }
  const bytes = Buffer.from(text, 'utf8');
  const key = Buffer.allocUnsafe(bytes.length + 1);
  key[0] = TEXT_TAG;
  bytes.copy(key, 1);
  return key;
}

function ipv4Key(value: number): Buffer {
  const key = Buffer.allocUnsafe(5);
  key[0] = IPV4_TAG;
  key.writeUInt32BE(value, 1);
  return key;
}

/** A dotted quad's number (isIPv4 checked it), without a BigInt: this is the import's common case. */
function dottedQuadNumber(text: string): number {
  let value = 0;
  let octet = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      value = value * 256 + octet;
      octet = 0;
    } else octet = octet * 10 + (code - 48);
  }
  return value * 256 + octet;
}

// Past this many texts a memo starts over: memory stays flat on addresses that never repeat.
const MEMO_TEXTS = 50_000;

/**
 * addressSortKey with a memo by text: clients repeat, so each distinct address is parsed once
 * (the writer first memoizes per string code of a batch, session-fill.ts; this serves the codes
 * each new batch brings).
 */
export function memoAddressSortKey(): (text: string | null | undefined) => Buffer {
  const memo = new Map<string, Buffer>();
  return (text) => {
    if (text === null || text === undefined || text === '') return NO_ADDRESS_KEY;
    let key = memo.get(text);
    if (key === undefined) {
      key = addressSortKey(text);
      if (memo.size >= MEMO_TEXTS) memo.clear();
      memo.set(text, key);
    }
    return key;
  };
}
