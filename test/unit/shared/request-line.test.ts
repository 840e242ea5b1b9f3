import { describe, expect, it } from 'vitest';
import { decodedRequestLine, percentDecode, rawRequestLine } from '../../../src-shared/request-line.js';

const request = (over: Partial<Parameters<typeof rawRequestLine>[0]> = {}) => ({
  method: 'GET',
  path: '/search%20page/%C3%A9t%C3%A9',
  query: "q=1'+OR+1%3D1--&next=%2Fadmin",
  httpVersion: 'HTTP/1.1',
  requestLine: null,
  ...over,
});

describe('request line', () => {
  it('is shown as logged and decoded', () => {
    expect(rawRequestLine(request())).toBe(
      "GET /search%20page/%C3%A9t%C3%A9?q=1'+OR+1%3D1--&next=%2Fadmin HTTP/1.1",
    );
    expect(decodedRequestLine(request())).toBe("GET /search page/été?q=1' OR 1=1--&next=/admin HTTP/1.1");
  });

  it('decodes a payload encoded twice as the rules read it, and a plus sent as %2B stays a plus', () => {
    expect(decodedRequestLine(request({ path: '/p', query: 'id=1%2527%2520OR%25201%253D1' }))).toBe(
      "GET /p?id=1' OR 1=1 HTTP/1.1",
    );
    expect(decodedRequestLine(request({ path: '/search', query: 'q=C%2B%2B+tips' }))).toBe(
      'GET /search?q=C++ tips HTTP/1.1',
    );
  });

  it('keeps a plus in a path, and escapes that are not UTF-8', () => {
    expect(percentDecode('/a+b%ff%41')).toBe('/a+b%ffA');
    expect(percentDecode('/lone%c3x')).toBe('/lone%c3x');
    expect(percentDecode('a+b', true)).toBe('a b');
  });

  it('shows control characters a decoded escape would hide', () => {
    expect(decodedRequestLine(request({ path: '/x%0d%0aSet-Cookie:%00', query: null }))).toBe(
      'GET /x\\x0d\\x0aSet-Cookie:\\x00 HTTP/1.1',
    );
  });

  it('shows the marks that reorder text, so a file name reads as it was logged', () => {
    // U+202E turns '/rtl\u202egnp.exe' into '/rtlexe.png' on screen; C1 controls are invisible.
    expect(rawRequestLine(request({ path: '/rtl\u202egnp.exe', query: null }))).toBe(
      'GET /rtl\\u202egnp.exe HTTP/1.1',
    );
    expect(
      decodedRequestLine(request({ path: '/a%E2%80%AEb%E2%81%A6c%E2%80%8Fd%C2%85e', query: null })),
    ).toBe('GET /a\\u202eb\\u2066c\\u200fd\\x85e HTTP/1.1');
  });

  it('shows a line that was no request as it was, and nothing without a request', () => {
    const handshake = request({
      method: null,
      path: null,
      query: null,
      httpVersion: null,
      requestLine: '\u0016\u0003\u0001',
    });
    expect(rawRequestLine(handshake)).toBe('\\x16\\x03\\x01');
    expect(decodedRequestLine(handshake)).toBe('\\x16\\x03\\x01');
    expect(rawRequestLine(request({ method: null, path: null, query: null }))).toBeNull();
  });
});
