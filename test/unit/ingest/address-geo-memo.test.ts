import { describe, expect, it } from 'vitest';
import { createGeoIp, type GeoIp } from '../../../src-main/core/enrich/geoip.js';
import { AddressGeoMemo, plainIpv4 } from '../../../src-main/core/ingest/address-geo-memo.js';

/** A GeoIp that answers from the address's text and counts its lookups. */
function fakeGeo(): GeoIp & { calls: number } {
  const geo = {
    calls: 0,
    country: (ip: string) => {
      geo.calls++;
      return ip.endsWith('.7') ? null : `C${ip.length % 5}`;
    },
    // 32-bit ASNs too (4 200 000 000 and up are for private use, RFC 6996).
    asn: (ip: string) =>
      ip.startsWith('10.1.') ? null : (ip.length % 2 ? 4_200_000_000 : 64_500) + (ip.length % 3),
  };
  return geo;
}

const row = () => ({ country: null as string | null, asn: null as number | null });

describe('AddressGeoMemo', () => {
  it('reads only plain dotted quads as numbers', () => {
    expect(plainIpv4('10.0.0.1')).toBe(0x0a000001);
    expect(plainIpv4('255.255.255.255')).toBe(0xffffffff);
    for (const other of ['010.0.0.1', '10.0.0', '10.0.0.1.2', '10..0.1', '256.0.0.1', '::1', '10.0.0.1 ', ''])
      expect(plainIpv4(other)).toBe(-1);
  });

  it('gives what the lookups give, once per address, keeping what the log had', () => {
    const geo = fakeGeo();
    const memo = new AddressGeoMemo(geo);
    const addresses = Array.from({ length: 3000 }, (_, i) => `10.${i % 3}.${(i * 7) % 256}.${i % 11}`);
    for (const ip of [...addresses, ...addresses]) {
      const r = row();
      memo.enrich(r, ip);
      expect(r).toEqual({ country: geo.country(ip), asn: geo.asn(ip) });
      geo.calls--;
    }
    expect(geo.calls).toBe(new Set(addresses).size);
    // A country or ASN the log had is kept; an address not written plainly is looked up as is.
    const given = { country: 'NL', asn: null as number | null };
    memo.enrich(given, '10.0.0.1');
    expect(given).toEqual({ country: 'NL', asn: geo.asn('10.0.0.1') });
    const odd = row();
    memo.enrich(odd, '2001:db8::7');
    expect(odd).toEqual({ country: geo.country('2001:db8::7'), asn: geo.asn('2001:db8::7') });
  });

  it('starts over when full and still answers right', () => {
    const geo = fakeGeo();
    const memo = new AddressGeoMemo(geo);
    // More addresses than it holds (2^18), then the first ones again.
    for (let i = 0; i < 300_000 + 1000; i++) {
      const n = i % 300_000;
      const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      const r = row();
      memo.enrich(r, ip);
      if (i % 97 === 0) expect(r.country).toBe(ip.endsWith('.7') ? null : `C${ip.length % 5}`);
    }
  });

  it('agrees with the shipped GeoIP databases', () => {
    const geo = createGeoIp(null);
    const memo = new AddressGeoMemo(geo);
    for (const ip of ['8.8.8.8', '1.1.1.1', '81.2.69.142', '10.0.0.1', '8.8.8.8', '203.0.113.9']) {
      const r = row();
      memo.enrich(r, ip);
      expect(r).toEqual({ country: geo.country(ip), asn: geo.asn(ip) });
    }
  });
});
