// The address sort key's byte order is address order: IPv4 numerically, then IPv6 by number, then
// texts that are no address, then none; every text form of one address has one key.
import { describe, expect, it } from 'vitest';
import {
  addressSortKey,
  memoAddressSortKey,
  NO_ADDRESS_KEY,
} from '../../../src-main/core/db/address-sort-key.js';

const IN_ORDER = [
  '0.0.0.0',
  '9.255.255.255',
  '10.0.0.9',
  '10.0.0.10',
  '100.0.0.1',
  '255.255.255.255',
  '::',
  '::1',
  '::fffe:ffff:ffff',
  '::1:0:0:0',
  '2001:db8::1',
  '2001:db8::9',
  '2001:db8::10',
  'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  '10.0.0.256',
  'gateway.example',
  'ñandú',
];

describe('addressSortKey', () => {
  it('orders addresses as addresses, by their bytes', () => {
    const shuffled = [...IN_ORDER].reverse();
    shuffled.push(shuffled.shift()!);
    const sorted = shuffled.sort((a, b) => Buffer.compare(addressSortKey(a), addressSortKey(b)));
    expect(sorted).toEqual(IN_ORDER);
    for (const text of IN_ORDER) expect(Buffer.compare(addressSortKey(text), NO_ADDRESS_KEY)).toBe(-1);
  });

  it('gives every form of one address its key, an IPv4-mapped one its IPv4 address', () => {
    const same = (texts: string[]) =>
      expect(new Set(texts.map((t) => addressSortKey(t).toString('hex'))).size).toBe(1);
    same(['10.0.0.9', '::ffff:10.0.0.9', '::FFFF:10.0.0.9', '0:0:0:0:0:ffff:10.0.0.9', '::ffff:a00:9']);
    same(['2001:db8::1', '2001:DB8::1', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8:0:0:0:0:0:1']);
    expect(addressSortKey('10.0.0.9').toString('hex')).toBe('040a000009');
    expect(addressSortKey('2001:db8::1').toString('hex')).toBe('0620010db8000000000000000000000001');
  });

  it('keys an empty or missing address as none, and memoizes to the same keys', () => {
    for (const none of ['', null, undefined]) expect(addressSortKey(none)).toEqual(NO_ADDRESS_KEY);
    const memo = memoAddressSortKey();
    for (const text of [...IN_ORDER, ...IN_ORDER, '']) expect(memo(text)).toEqual(addressSortKey(text));
  });
});
