// The organisation of an AS number, from the offline list the ASN lookups come from.
import { describe, expect, it } from 'vitest';
import { asName } from '../../../src-main/core/enrich/as-names.js';

describe('AS names', () => {
  it.each([
    [15169, 'Google LLC'],
    [13335, 'Cloudflare, Inc.'], // quoted in the list, a comma inside
    [1103, 'SURF B.V.'],
    [32934, 'Facebook, Inc.'],
  ])('AS%s is %s', (asn, name) => {
    expect(asName(asn)).toBe(name);
  });

  it('is null for a number the list does not name', () => {
    expect(asName(4_294_967_294)).toBeNull();
    expect(asName(64_512)).toBeNull(); // private use
  });
});
