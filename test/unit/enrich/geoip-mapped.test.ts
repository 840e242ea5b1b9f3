// A dual-stack server (nginx listening on [::] with ipv6only off) logs its IPv4 clients as
// IPv4-mapped IPv6 addresses (::ffff:203.0.113.9). The stored client stays as the log wrote it,
// but its country and ASN are the IPv4 address's: a log of a dual-stack server otherwise has no
// country or ASN at all (an empty world map, country filters that select nothing).
import { describe, expect, it } from 'vitest';
import { createGeoIp } from '../../../src-main/core/enrich/geoip.js';
import { mappedIpv4 } from '../../../src-shared/ip.js';

describe('country and ASN of an IPv4-mapped client', () => {
  const geo = createGeoIp(null);

  it.each(['99.249.105.159', '8.8.8.8', '81.2.69.142'])(
    '::ffff:%s is looked up as its IPv4 address',
    (ipv4) => {
      expect(geo.country(ipv4)).not.toBeNull();
      expect(geo.asn(ipv4)).not.toBeNull();
      for (const mapped of [`::ffff:${ipv4}`, `::FFFF:${ipv4}`, `0:0:0:0:0:ffff:${ipv4}`]) {
        expect(geo.country(mapped)).toBe(geo.country(ipv4));
        expect(geo.asn(mapped)).toBe(geo.asn(ipv4));
      }
    },
  );

  it('reads only the mapped form: other IPv6 addresses and texts are their own', () => {
    expect(mappedIpv4('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(mappedIpv4('::FFFF:10.1.2.3')).toBe('10.1.2.3');
    expect(mappedIpv4('0:0:0:0:0:ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(mappedIpv4('::10.1.2.3')).toBeNull(); // IPv4-compatible, deprecated: not a mapping
    expect(mappedIpv4('64:ff9b::10.1.2.3')).toBeNull(); // NAT64: another host's address
    expect(mappedIpv4('::ffff:10.1.2.300')).toBeNull();
    expect(mappedIpv4('2001:db8::1')).toBeNull();
    expect(mappedIpv4('10.1.2.3')).toBeNull();
  });
});
