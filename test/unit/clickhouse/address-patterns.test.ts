// The engine's address patterns accept exactly the texts the local side reads as addresses (isIPv4,
// isIPv6), so a block selects the same rows on a source as in the workspace, and no text reaches
// IPv4StringToNum or IPv6StringToNum that a current engine would refuse.
import { describe, expect, it } from 'vitest';
import { DOTTED_QUAD, IPV6_PATTERN } from '../../../src-main/core/connectors/clickhouse/address-patterns.js';
import { isIPv4, isIPv6 } from '../../../src-shared/ip.js';

const pattern = new RegExp(IPV6_PATTERN);

/** A fixed-seed generator: the same texts in every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('the dotted-quad pattern sent to the engine', () => {
  it.each([
    ['10.1.2.3', true],
    ['0.0.0.0', true],
    ['255.255.255.255', true],
    ['256.1.1.1', false],
    ['010.1.2.3', false],
    ['10.1.2', false],
    ['10.1.2.3.4', false],
    ['', false],
    ['-', false],
    ['::ffff:10.1.2.3', false],
    [' 10.1.2.3', false],
  ])('%s → %s, as isIPv4 says', (text, expected) => {
    expect(isIPv4(text)).toBe(expected);
    expect(new RegExp(DOTTED_QUAD).test(text)).toBe(expected);
  });
});

describe('the IPv6 pattern sent to the engine', () => {
  it.each([
    ['2001:db8::1', true],
    ['::', true],
    ['::1', true],
    ['1::', true],
    ['1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7::', true],
    ['::2:3:4:5:6:7:8', true],
    ['2001:0DB8:0000:0000:0000:0000:0000:00FF', true],
    ['::ffff:10.1.2.3', true],
    ['1:2:3:4:5:6:10.1.2.3', true],
    ['1::10.1.2.3', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1:2:3:4:5:6:7', false],
    ['1::2::3', false],
    [':::', false],
    ['12345::1', false],
    ['::ffff:10.1.2.300', false],
    ['::ffff:010.1.2.3', false],
    ['1:2:3:4:5:6:7:10.1.2.3', false],
    ['fe80::1%eth0', false],
    ['10.1.2.3', false],
    ['', false],
  ])('%s → %s, as isIPv6 says', (text, expected) => {
    expect(isIPv6(text)).toBe(expected);
    expect(pattern.test(text)).toBe(expected);
  });

  it('agrees with isIPv6 on 200 000 generated texts, valid and not', () => {
    const r = random(20261206);
    const alphabet = '0123456789abcdefABCDEF::::....';
    const disagree: string[] = [];
    let valid = 0;
    const check = (text: string) => {
      const expected = isIPv6(text);
      if (expected) valid++;
      if (pattern.test(text) !== expected) disagree.push(text);
    };
    for (let i = 0; i < 100_000; i++) {
      let text = '';
      for (let n = 2 + Math.floor(r() * 30); n > 0; n--) text += alphabet[Math.floor(r() * alphabet.length)];
      check(text);
    }
    // Addresses in every compressed form, some with an IPv4 tail, some with a group too many or few.
    for (let i = 0; i < 100_000; i++) {
      const withIpv4 = r() < 0.3;
      const count = (withIpv4 ? 6 : 8) + Math.floor(r() * 3) - 1;
      const groups = Array.from({ length: count }, () => Math.floor(r() * 65536).toString(16));
      const tail = withIpv4 ? ['10.20.30.40'] : [];
      const from = Math.floor(r() * (groups.length + 1));
      const to = Math.min(groups.length, from + Math.floor(r() * 4));
      check(
        r() < 0.6
          ? `${groups.slice(0, from).join(':')}::${[...groups.slice(to), ...tail].join(':')}`
          : [...groups, ...tail].join(':'),
      );
    }
    expect(disagree.slice(0, 10)).toEqual([]);
    expect(valid).toBeGreaterThan(50_000);
  });
});
