// Documentation addresses (what redacted logs and examples use) have no country or ASN, though the
// country table places 198.51.100.0/24 and 203.0.113.0/24 in Australia and 2001:db8::/32 in Japan.
import { describe, expect, it } from 'vitest';
import { isDocumentationAddress } from '../../../src-main/core/enrich/documentation-addresses.js';
import { createGeoIp } from '../../../src-main/core/enrich/geoip.js';

describe('documentation addresses', () => {
  const geo = createGeoIp(null);

  it.each([
    '192.0.2.1',
    '198.51.100.7',
    '203.0.113.255',
    '::ffff:203.0.113.9',
    '2001:db8::1',
    '2001:0DB8:ffff::1',
    '3fff:fff::1',
  ])('%s has no country and no ASN', (ip) => {
    expect([geo.country(ip), geo.asn(ip)]).toEqual([null, null]);
  });

  it('are the reserved blocks only: their neighbours are real addresses', () => {
    for (const ip of ['192.0.2.1', '198.51.100.0', '203.0.113.77', '2001:db8:abcd::', '3fff:0fff:ffff::9'])
      expect(isDocumentationAddress(ip)).toBe(true);
    for (const ip of [
      '192.0.3.1',
      '198.51.101.7',
      '203.0.112.255',
      '2001:db9::1',
      '3fff:1000::1',
      '1.2.3.4',
      '-',
    ])
      expect(isDocumentationAddress(ip)).toBe(false);
    expect(geo.country('1.1.1.1')).not.toBeNull();
  });
});
