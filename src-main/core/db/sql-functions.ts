// Functions of Vigil's own that its SQL calls, registered on every connection openDatabase makes.
import type Database from 'better-sqlite3';
import { foldCase } from '../../../src-shared/filter/case-fold.js';
import { ipv6Hex, ipv6ToBigInt, isIPv6 } from '../../../src-shared/ip.js';

// Clients repeat: each distinct text is parsed once (a check and a BigInt, about 3 µs) while the
// memo holds under this many texts; past it the memo starts over.
const IPV6_MEMO_TEXTS = 50_000;

export function registerSqlFunctions(db: Database.Database): void {
  const memo = new Map<string, string | null>();
  // An IPv6 address as 32 hex digits (NULL for any other text), whichever form the log wrote it
  // in: an IPv6 block of the filter (`src:2001:db8::/32`) is a range of these (db/filter-sql.ts).
  db.function('vigil_ipv6_hex', { deterministic: true }, (text: unknown) => {
    if (typeof text !== 'string') return null;
    let hex = memo.get(text);
    if (hex === undefined) {
      hex = isIPv6(text) ? ipv6Hex(ipv6ToBigInt(text)) : null;
      if (memo.size >= IPV6_MEMO_TEXTS) memo.clear();
      memo.set(text, hex);
    }
    return hex;
  });
  // A text lowered beyond ASCII (foldCase), where SQLite's lower() and NOCASE fold A-Z only: the
  // filter's text terms ask it for a value with such a letter (src-shared/case-fold.ts).
  db.function('vigil_lower', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? foldCase(text) : null,
  );
}
