// The request features of one request and of its source's window: what each column says about a
// plain request and about the attacks it is meant to show.
import { describe, expect, it } from 'vitest';
import {
  isLoginAttempt,
  REQUEST_COUNT,
  REQUEST_FEATURES,
  RequestFeatureWriter,
  type RequestValues,
} from '../../../src-main/core/features/request-columns.js';
import { RequestWindows } from '../../../src-main/core/features/request-window.js';
import { plainSet, shannonEntropy, textShape } from '../../../src-main/core/features/text-shape.js';

function features(r: Partial<RequestValues>): Record<string, number> {
  const out = new Float32Array(REQUEST_COUNT);
  new RequestFeatureWriter().write(
    { method: 'GET', path: null, query: null, userAgent: null, responseCode: null, ...r },
    out,
    0,
  );
  return Object.fromEntries(REQUEST_FEATURES.map((name, i) => [name, out[i] ?? Number.NaN]));
}

describe('text shape', () => {
  const plain = plainSet('abc/');
  it('counts characters outside the plain set and %hh escapes as shares of the length', () => {
    expect(textShape('', plain)).toEqual({ specialShare: 0, percentShare: 0 });
    expect(textShape('abc/', plain)).toEqual({ specialShare: 0, percentShare: 0 });
    expect(textShape('a\'b"', plain)).toEqual({ specialShare: 0.5, percentShare: 0 });
    expect(textShape('a%2Fb', plain)).toEqual({ specialShare: 0, percentShare: 0.6 });
    // A `%` without two hex digits is not an escape: it is special.
    expect(textShape('a%zz', plain).specialShare).toBe(0.75);
    expect(textShape('aé', plain).specialShare).toBe(0.5);
  });

  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBe(1);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});

describe('request features', () => {
  it('describe a plain request as plain', () => {
    const f = features({
      path: '/shop/item-12/index.html',
      query: 'page=2&sort=price',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0',
      responseCode: 200,
    });
    expect(f.path_depth).toBe(3);
    expect(f.log_path_length).toBeCloseTo(Math.log1p(24), 5);
    expect(f.path_special_share).toBe(0);
    expect(f.path_percent_share).toBe(0);
    expect(f.query_special_share).toBe(0);
    expect([f.ua_browser, f.ua_bot, f.ua_tool, f.ua_empty]).toEqual([1, 0, 0, 0]);
    expect([f.status_2xx, f.status_3xx, f.status_4xx, f.status_5xx]).toEqual([1, 0, 0, 0]);
  });

  it('show an injection in the query and a scanner in the user agent', () => {
    const f = features({
      path: '/product.php',
      query: "id=1'+UNION+SELECT+1,2,3--%20",
      userAgent: 'sqlmap/1.8.3#stable (https://sqlmap.org)',
      responseCode: 500,
    });
    expect(f.query_special_share).toBeGreaterThan(0.05);
    expect(f.query_percent_share).toBeGreaterThan(0.05);
    expect(f.query_entropy).toBeGreaterThan(3);
    expect(f.ua_tool).toBe(1);
    expect(f.status_5xx).toBe(1);
  });

  it('leave the status class empty without a status, and mark a missing user agent as empty', () => {
    const f = features({ path: '/', responseCode: null, userAgent: '-' });
    expect([f.status_2xx, f.status_3xx, f.status_4xx, f.status_5xx]).toEqual([0, 0, 0, 0]);
    expect(f.ua_empty).toBe(1);
    expect(f.path_depth).toBe(0);
  });

  it('count login attempts: something sent to a login path, not a page view of it', () => {
    expect(isLoginAttempt('POST', '/login')).toBe(true);
    expect(isLoginAttempt('POST', '/api/v1/auth/login')).toBe(true);
    expect(isLoginAttempt('POST', '/wp-login.php')).toBe(true);
    expect(isLoginAttempt('GET', '/login')).toBe(false);
    expect(isLoginAttempt('POST', '/blog/logins-explained')).toBe(false);
    expect(isLoginAttempt('POST', '/cart')).toBe(false);
  });
});

describe('request windows', () => {
  it('track 4xx share, distinct paths and login attempts per source over the window only', () => {
    const w = new RequestWindows(60_000);
    w.push('a', 0, '/login', true, true);
    w.push('a', 10_000, '/login', true, true);
    w.push('b', 10_000, '/', false, false);
    const third = w.push('a', 20_000, '/account', false, false);
    expect(third.clientErrorShare).toBeCloseTo(2 / 3, 6);
    expect(third.distinctPaths).toBe(2);
    expect(third.loginAttempts).toBe(2);
    // At 65 s the first request (at 0) has left the window; the one at 10 s has not.
    const later = w.push('a', 65_000, '/account', false, false);
    expect(later.loginAttempts).toBe(1);
    expect(later.clientErrorShare).toBeCloseTo(1 / 3, 6);
    expect(later.distinctPaths).toBe(2);
    // Source b is its own window.
    expect(w.push('b', 65_000, '/x', true, false)).toEqual({
      clientErrorShare: 0.5,
      distinctPaths: 2,
      loginAttempts: 0,
    });
  });
});
