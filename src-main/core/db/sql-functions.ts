// Functions of Vigil's own that its SQL calls, registered on every connection openDatabase makes.
import type Database from 'better-sqlite3';
import { ipv6Hex, ipv6ToBigInt, isIPv6 } from '../../../src-shared/ip.js';

export function registerSqlFunctions(db: Database.Database): void {
  // An IPv6 address as 32 hex digits (NULL for any other text), whichever form the log wrote it
  // in: an IPv6 block of the filter (`src:2001:db8::/32`) is a range of these (db/filter-sql.ts).
  db.function('vigil_ipv6_hex', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' && isIPv6(text) ? ipv6Hex(ipv6ToBigInt(text)) : null,
  );
}
