// Offline country and ASN lookups from databases shipped in npm packages (licences in README):
// country: @ip-location-db/geo-whois-asn-country-mmdb (CC0), ASN: @ip-location-db/asn (CC BY 4.0,
// RouteViews and DB-IP). Nothing here touches the network.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Reader } from 'maxmind';
import { ipv4ToNumber } from '../../../src-shared/filter/ipv4.js';
import { ipv6ToBigInt, isIPv6, mappedIpv4 } from '../../../src-shared/ip.js';
import { must } from '../../../src-shared/must.js';
import { detach } from '../text/detach.js';
import { loadAsn6Table, lookupAsn6 } from './asn-ipv6.js';
import { isDocumentationAddress } from './documentation-addresses.js';
import { cachedTable } from './table-cache.js';

const require = createRequire(import.meta.url);

export interface GeoIp {
  country(ip: string): string | null;
  asn(ip: string): number | null;
}

// ip-location-db records are `{ country_code }`, not MaxMind's own response shapes.
type CountryRecord = { country_code?: string };
let countryReader: Reader<never> | null = null;

function countryDb(): { get(ip: string): CountryRecord | null } {
  if (!countryReader) {
    const file = require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb');
    // maxmind is loaded here, on the first lookup: only the thread that enriches needs it.
    const { Reader: MmdbReader } = require('maxmind') as typeof import('maxmind');
    countryReader = new MmdbReader<never>(fs.readFileSync(file));
  }
  return countryReader as unknown as { get(ip: string): CountryRecord | null };
}

/** IPv4 ASN ranges as parallel typed arrays, sorted by range start, for binary search. */
interface AsnTable {
  starts: Uint32Array;
  ends: Uint32Array;
  asns: Uint32Array;
}

let asnTable: AsnTable | null = null;

function asnCsvPath(): string {
  return require.resolve('@ip-location-db/asn/asn-ipv4-num.csv');
}

/** The table, parsed from the 21 MB CSV (about a second) once, then cached in `cacheDir` (table-cache.ts). */
export function loadAsnTable(cacheDir: string | null): AsnTable {
  if (asnTable) return asnTable;
  const version = (require('@ip-location-db/asn/package.json') as { version: string }).version;
  const all = new Uint32Array(cachedTable(cacheDir, 'asn-ipv4', version, parseAsnCsv));
  const n = all.length / 3;
  asnTable = { starts: all.subarray(0, n), ends: all.subarray(n, 2 * n), asns: all.subarray(2 * n) };
  return asnTable;
}

/** The ranges' starts, then their ends, then their ASNs, each as 32-bit numbers. */
function parseAsnCsv(): ArrayBuffer {
  const lines = fs.readFileSync(asnCsvPath(), 'utf8').split('\n');
  const all = new Uint32Array(lines.length * 3);
  const n = lines.length;
  let count = 0;
  for (const line of lines) {
    const a = line.indexOf(',');
    const b = line.indexOf(',', a + 1);
    const c = line.indexOf(',', b + 1);
    if (a < 0 || b < 0) continue;
    all[count] = Number(line.slice(0, a));
    all[n + count] = Number(line.slice(a + 1, b));
    all[2 * n + count] = Number(line.slice(b + 1, c < 0 ? undefined : c));
    count++;
  }
  const packed = new Uint32Array(count * 3);
  packed.set(all.subarray(0, count), 0);
  packed.set(all.subarray(n, n + count), count);
  packed.set(all.subarray(2 * n, 2 * n + count), 2 * count);
  return packed.buffer;
}

// The table's columns have one value per range; the search stays inside them.
const ASN_ROW = 'a row of the ASN table';

function lookupAsn(table: AsnTable, value: number): number | null {
  let lo = 0;
  let hi = table.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (must(table.starts[mid], ASN_ROW) <= value) lo = mid + 1;
    else hi = mid - 1;
  }
  if (hi < 0 || value > must(table.ends[hi], ASN_ROW)) return null;
  return must(table.asns[hi], ASN_ROW);
}

/**
 * A lookup with a per-IP memo: logs repeat the same addresses many times. A dual-stack server
 * (listening on [::] for both) logs its IPv4 clients IPv4-mapped: they are looked up by their IPv4
 * address (the stored client stays as written). IPv6 clients get their ASN from the IPv6 table.
 * Documentation addresses (redacted logs, examples) get neither.
 */
export function createGeoIp(cacheDir: string | null): GeoIp {
  const countries = new Map<string, string | null>();
  const asns = new Map<string, number | null>();
  return {
    country(ip) {
      let value = countries.get(ip);
      if (value === undefined) {
        const address = mappedIpv4(ip) ?? ip;
        value = isDocumentationAddress(address) ? null : (countryDb().get(address)?.country_code ?? null);
        if (countries.size > 50_000) countries.clear();
        countries.set(detach(ip), value);
      }
      return value;
    },
    asn(ip) {
      let value = asns.get(ip);
      if (value === undefined) {
        const address = mappedIpv4(ip) ?? ip;
        const n = ipv4ToNumber(address);
        if (isDocumentationAddress(address)) value = null;
        else if (n !== null) value = lookupAsn(loadAsnTable(cacheDir), n);
        else value = isIPv6(address) ? lookupAsn6(loadAsn6Table(cacheDir), ipv6ToBigInt(address)) : null;
        if (asns.size > 50_000) asns.clear();
        asns.set(detach(ip), value);
      }
      return value;
    },
  };
}
