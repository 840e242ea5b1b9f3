// A rule-hit value matched only percent-decoded becomes a STIX MATCHES pattern of the decoded value
// in any of its encodings: it must find every spelling the rules decode to the value, as logged,
// and nothing that decodes to another value.
import { describe, expect, it } from 'vitest';
import { encodedAnyWay } from '../../../src-main/core/reports/stix-rule-hits.js';
import { decodedSpellings } from '../../../src-main/core/rules/decode.js';

const finds = (value: string, logged: string, plusIsSpace = false) =>
  new RegExp(encodedAnyWay(value, plusIsSpace)).test(logged);

describe('encodedAnyWay', () => {
  it('finds the value encoded once, twice, mixed, in either hex case', () => {
    for (const logged of ['/a/%2e%2e%2fetc', '/a/%252E%252E%252Fetc', '/a/.%2E%252fetc', '/a/../etc'])
      expect(finds('../etc', logged)).toBe(true);
  });

  it('agrees with the rules: every spelling found decodes to the value', () => {
    for (const logged of ['id=1%27%20OR%201%3D1', 'id=1%2527+OR+1%253D1', "id=1'+OR+1=1"]) {
      expect(finds("1' OR 1=1", logged, true)).toBe(true);
      expect(decodedSpellings(logged, true).some((s) => s.includes("1' OR 1=1"))).toBe(true);
    }
  });

  it('reads + as a space only where the rules do (a query, not a path)', () => {
    expect(finds('a b', '/x?q=a+b', true)).toBe(true);
    expect(finds('a b', '/x/a+b', false)).toBe(false);
  });

  it('encodes a character of several UTF-8 bytes byte by byte', () => {
    expect(finds('é<', '/%C3%A9%3c')).toBe(true);
    expect(finds('é<', '/%C3%A8%3c')).toBe(false);
  });

  it('escapes what the value holds of regular-expression syntax', () => {
    expect(finds('a.b', '/a%2eb')).toBe(true);
    expect(finds('a.b', '/axb')).toBe(false);
  });
});
