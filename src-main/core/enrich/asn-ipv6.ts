// IPv6 ASN ranges from @ip-location-db/asn (asn-ipv6-num.csv: first and last address as decimal
// 128-bit numbers, the ASN, the organisation; sorted, no overlaps), for clients a web server logs
// in IPv6. Loaded on the first IPv6 lookup only: an IPv4 log never pays for it.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { must } from '../../../src-shared/must.js';
import { cachedTable } from './table-cache.js';

const require = createRequire(import.meta.url);
const LOW_64 = (1n << 64n) - 1n;

/**
 * Each range's first and last address split into their high and low 64 bits (BigInt compares on
 * two words are cheaper than on one 128-bit BigInt built per probe), and its ASN.
 */
export interface Asn6Table {
  startHi: BigUint64Array;
  startLo: BigUint64Array;
  endHi: BigUint64Array;
  endLo: BigUint64Array;
  asns: Uint32Array;
}

let table: Asn6Table | null = null;

/** Bytes per range in the cache file: four 64-bit words and a 32-bit ASN. */
const ROW_BYTES = 4 * 8 + 4;

/** The table, parsed from the package's CSV (about 0.15 s) once, then cached in `cacheDir` (table-cache.ts). */
export function loadAsn6Table(cacheDir: string | null): Asn6Table {
  if (table) return table;
  const version = (require('@ip-location-db/asn/package.json') as { version: string }).version;
  const buffer = cachedTable(cacheDir, 'asn-ipv6', version, parseCsv);
  table = split(buffer, buffer.byteLength / ROW_BYTES);
  return table;
}

function parseCsv(): ArrayBuffer {
  const lines = fs.readFileSync(require.resolve('@ip-location-db/asn/asn-ipv6-num.csv'), 'utf8').split('\n');
  const rows = lines.filter((line) => line.includes(','));
  const buffer = new ArrayBuffer(rows.length * ROW_BYTES);
  const columns = split(buffer, rows.length);
  for (const [i, line] of rows.entries()) {
    const [first = '', last = '', asn = ''] = line.split(',', 3);
    const start = BigInt(first);
    const end = BigInt(last);
    columns.startHi[i] = start >> 64n;
    columns.startLo[i] = start & LOW_64;
    columns.endHi[i] = end >> 64n;
    columns.endLo[i] = end & LOW_64;
    columns.asns[i] = Number(asn);
  }
  return buffer;
}

function split(buffer: ArrayBuffer, n: number): Asn6Table {
  return {
    startHi: new BigUint64Array(buffer, 0, n),
    startLo: new BigUint64Array(buffer, 8 * n, n),
    endHi: new BigUint64Array(buffer, 16 * n, n),
    endLo: new BigUint64Array(buffer, 24 * n, n),
    asns: new Uint32Array(buffer, 32 * n, n),
  };
}

const ROW = 'a row of the IPv6 ASN table';

/** The ASN of the range holding the 128-bit `address`, or null outside every range. */
export function lookupAsn6(t: Asn6Table, address: bigint): number | null {
  const hi = address >> 64n;
  const lo = address & LOW_64;
  // The last range whose first address is ≤ address.
  let low = 0;
  let high = t.asns.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const startHi = must(t.startHi[mid], ROW);
    if (startHi < hi || (startHi === hi && must(t.startLo[mid], ROW) <= lo)) low = mid + 1;
    else high = mid - 1;
  }
  if (high < 0) return null;
  const endHi = must(t.endHi[high], ROW);
  if (endHi < hi || (endHi === hi && must(t.endLo[high], ROW) < lo)) return null;
  return must(t.asns[high], ROW);
}
