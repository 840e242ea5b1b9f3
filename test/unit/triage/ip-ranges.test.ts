import { describe, expect, it } from 'vitest';
import { addressKey, parseIpOrCidr } from '../../../src-main/core/triage/ip-ranges.js';
import { RangeSet } from '../../../src-main/core/triage/range-set.js';
import { isIP } from '../../../src-shared/ip.js';

describe('IP ranges', () => {
  it('parse IPv4 and IPv6 addresses and CIDR blocks into numeric ranges', () => {
    expect(parseIpOrCidr('10.1.2.3/8')).toEqual({ family: 4, lo: 0x0a000000n, hi: 0x0affffffn });
    expect(parseIpOrCidr('0.0.0.0/0')).toEqual({ family: 4, lo: 0n, hi: 0xffffffffn });
    expect(parseIpOrCidr('2001:db8::/32')).toEqual({
      family: 6,
      lo: 0x20010db8n << 96n,
      hi: (0x20010db8n << 96n) | ((1n << 96n) - 1n),
    });
    expect(addressKey('::ffff:192.0.2.1')).toEqual({ family: 6, value: 0xffffc0000201n });
    expect(addressKey('::1')).toEqual({ family: 6, value: 1n });
    expect(parseIpOrCidr('1.2.3.4/')).toEqual({ error: 'prefix length must be 0 to 32' });
    expect(parseIpOrCidr('::1/129')).toEqual({ error: 'prefix length must be 0 to 128' });
    expect(parseIpOrCidr('1.2.3.4/8/8')).toEqual({ error: 'more than one "/"' });
    for (const bad of ['01.2.3.4', '1.2.3', '256.1.1.1', '1::2::3', 'fe80::1%eth0', ':::', '1.2.3.4 '])
      expect(isIP(bad)).toBe(false);
    for (const good of ['0.0.0.0', '255.255.255.255', '::', '1:2:3:4:5:6:7:8', 'fe80::1', '64:ff9b::1.2.3.4'])
      expect(isIP(good)).toBe(true);
  });

  it('merge overlapping ranges and find addresses by binary search', () => {
    const set = new RangeSet([
      { lo: 10n, hi: 20n },
      { lo: 15n, hi: 30n },
      { lo: 31n, hi: 31n },
      { lo: 50n, hi: 60n },
    ]);
    expect(set.size).toBe(2);
    expect([9n, 10n, 25n, 31n, 32n, 49n, 50n, 60n, 61n].map((v) => set.has(v))).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
    expect(new RangeSet([]).has(1n)).toBe(false);
  });
});
