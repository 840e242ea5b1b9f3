// The HTTP request in the natural key: a row without one keeps the key it had before the request
// fields existed (no stored flow or alert needs a new key), and requests that differ are told apart.
import { describe, expect, it } from 'vitest';
import {
  eventKey,
  type KeyFields,
  naturalKeyOf,
  occurrenceKey,
  rekeyed,
} from '../../../src-main/core/session-key.js';

const FLOW: KeyFields = {
  srcIp: '198.51.100.7',
  dstIp: '10.0.0.1',
  srcPort: 51000,
  dstPort: 443,
  protocol: 'HTTPS',
  startTs: 1_714_000_000_000,
  endTs: 1_714_000_000_250,
  bytesIn: 512,
  bytesOut: 2048,
  packets: null,
  ruleName: null,
  detectionType: 'web',
  action: null,
  attrs: null,
};
const REQUEST: KeyFields = {
  ...FLOW,
  method: 'GET',
  host: 'shop.example.com',
  path: '/index.html',
  query: null,
  httpVersion: 'HTTP/1.1',
  userAgent: 'curl/8.4.0',
};

describe('the natural key and the request', () => {
  it('is the key it was for a row without a request, whether its fields are null or left out', () => {
    // The key this row had before the request fields existed (computed by that version).
    expect(naturalKeyOf(FLOW)).toBe(7_842_069_280_355_981);
    const nulls = {
      ...FLOW,
      method: null,
      host: null,
      path: null,
      query: null,
      userAgent: null,
      requestTimeMs: null,
    };
    expect(naturalKeyOf(nulls)).toBe(naturalKeyOf(FLOW));
  });

  it('tells apart requests that differ in any request field but the referrer and the request id', () => {
    const key = naturalKeyOf(REQUEST);
    expect(key).not.toBe(naturalKeyOf(FLOW));
    for (const change of [
      { method: 'POST' },
      { host: 'www.example.com' },
      { path: '/index.htm' },
      { query: 'a=1' },
      { httpVersion: 'HTTP/2.0' },
      { userAgent: 'curl/8.4.1' },
      { requestTimeMs: 12.5 },
      { tlsProtocol: 'TLSv1.3' },
      { tlsCipher: 'TLS_AES_128_GCM_SHA256' },
      { requestLine: '\\x16\\x03\\x01' },
      // The same text in another field is another request.
      { path: null, query: '/index.html' },
    ])
      expect(naturalKeyOf({ ...REQUEST, ...change }), JSON.stringify(change)).not.toBe(key);
    // A request time alone makes a row a request.
    expect(naturalKeyOf({ ...FLOW, requestTimeMs: 0 })).not.toBe(naturalKeyOf(FLOW));
    const unkeyed = { ...REQUEST, referrer: 'https://www.google.com/', requestId: 'r-1' } as KeyFields;
    expect(naturalKeyOf(unkeyed)).toBe(key);
  });

  it('re-keys a stored key from one natural key to another, keeping its discriminator', () => {
    const before = naturalKeyOf(FLOW);
    const after = naturalKeyOf(REQUEST);
    for (const [was, is] of [
      [before, after],
      [occurrenceKey(before, 7), occurrenceKey(after, 7)],
      [eventKey(before, 'req-1'), eventKey(after, 'req-1')],
    ] as const) {
      expect(rekeyed(was, before, after)).toBe(is);
      expect(rekeyed(is, after, before)).toBe(was);
      expect(Number.isSafeInteger(rekeyed(was, before, after))).toBe(true);
    }
    // A key kept apart by migration 009 (negative) is no natural key's.
    expect(rekeyed(-42, before, after)).toBe(-42);
  });
});
