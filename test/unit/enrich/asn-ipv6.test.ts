// IPv6 clients get their ASN (from @ip-location-db/asn's IPv6 ranges), as IPv4 clients do: before,
// an IPv6 client of a web log had a country and no ASN.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadAsn6Table, lookupAsn6 } from '../../../src-main/core/enrich/asn-ipv6.js';
import { createGeoIp } from '../../../src-main/core/enrich/geoip.js';
import { ipv6ToBigInt } from '../../../src-shared/ip.js';

const require = createRequire(import.meta.url);
/** The package's ranges as written (text form), read apart from the table under test. */
const ranges = fs
  .readFileSync(require.resolve('@ip-location-db/asn/asn-ipv6.csv'), 'utf8')
  .split('\n')
  .filter((line) => line.includes(','))
  .map((line) => {
    const [first = '', last = '', asn = ''] = line.split(',');
    return { first, last, asn: Number(asn) };
  });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-asn6-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ASN of an IPv6 client', () => {
  const geo = createGeoIp(null);

  it.each([
    ['2001:4860:4860::8888', 15169], // Google Public DNS
    ['2001:4860:4860:0:0:0:0:8888', 15169],
    ['2001:0DB8::1', null], // documentation prefix: no one's
    ['::1', null],
  ])('%s is AS%s', (ip, asn) => {
    expect(geo.asn(ip)).toBe(asn);
  });

  it('reads each range from its first to its last address, and nothing just outside it', () => {
    const table = loadAsn6Table(null);
    expect(table.asns.length).toBe(ranges.length);
    // Which range ends just before an address (ranges may touch, or leave a gap). Keyed by text:
    // V8 hashes a BigInt by its low 64 bits, all ones at the end of nearly every range.
    const endingAt = new Map(ranges.map((r) => [String(ipv6ToBigInt(r.last)), r.asn]));
    // A spread of ranges: the first, the last, and every 997th between.
    const picked = ranges.filter((_, i) => i === 0 || i === ranges.length - 1 || i % 997 === 0);
    for (const { first, last, asn } of picked) {
      const start = ipv6ToBigInt(first);
      const end = ipv6ToBigInt(last);
      expect([lookupAsn6(table, start), lookupAsn6(table, end)]).toEqual([asn, asn]);
      if (end - start > 2n) expect(lookupAsn6(table, (start + end) / 2n)).toBe(asn);
      expect(lookupAsn6(table, start - 1n)).toBe(endingAt.get(String(start - 1n)) ?? null);
    }
    expect(lookupAsn6(table, (1n << 128n) - 1n)).toBe(null);
    expect(lookupAsn6(table, 0n)).toBe(null);
  });

  it('caches the parsed table beside the database and reads the same answers back', async () => {
    const parsed = loadAsn6Table(null);
    vi.resetModules();
    const fresh = await import('../../../src-main/core/enrich/asn-ipv6.js');
    fresh.loadAsn6Table(dir);
    const [cached] = fs.readdirSync(dir).filter((f) => f.startsWith('asn-ipv6-'));
    expect(cached).toMatch(/^asn-ipv6-.+\.bin$/);
    vi.resetModules();
    const reread = (await import('../../../src-main/core/enrich/asn-ipv6.js')).loadAsn6Table(dir);
    expect(reread.asns).toEqual(parsed.asns);
    expect(reread.startHi).toEqual(parsed.startHi);
    expect(reread.endLo).toEqual(parsed.endLo);
  });
});
