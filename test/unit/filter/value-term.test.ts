import { describe, expect, it } from 'vitest';
import { parseFilterOrThrow, serializeClause, valueClause } from '../../../src-shared/filter/index.js';

const term = (...args: Parameters<typeof valueClause>) => serializeClause(valueClause(...args));

describe('filter language: a term for one value', () => {
  it('writes field:value, and -field:value to filter the value out', () => {
    expect(term('src', '10.0.0.1', false)).toBe('src:10.0.0.1');
    expect(term('src', '10.0.0.1', true)).toBe('-src:10.0.0.1');
    expect(term('port', 443, true)).toBe('-port:443');
    expect(term('country', 'US', false)).toBe('country:US');
  });

  it('quotes a value with spaces, commas or quotes, and it parses back to the same clause', () => {
    const values = ['Suspicious Web Traffic', 'a,b', 'say "hi" \\ back'];
    for (const value of values) {
      const clause = valueClause('rule', value, true);
      const text = serializeClause(clause);
      expect(text.startsWith('-rule:"')).toBe(true);
      expect(parseFilterOrThrow(text)).toEqual([clause]);
    }
  });

  it('selects the whole value of a pattern term (a path, a user agent, a rule title)', () => {
    expect(term('path', '/admin', false)).toBe('path:=/admin');
    expect(term('ua', 'curl/8.5.0 (x)', true)).toBe('-ua:="curl/8.5.0 (x)"');
    expect(term('sigma', 'SQL injection', false)).toBe('sigma:="SQL injection"');
    expect(term('method', 'POST', false)).toBe('method:POST');
    for (const clause of [valueClause('path', '=odd', false), valueClause('query', 'a "b", c', true)])
      expect(parseFilterOrThrow(serializeClause(clause))).toEqual([clause]);
  });

  it('gives numbers and IPs the kinds the parser gives them', () => {
    for (const clause of [valueClause('bytes_in', 1200, false), valueClause('dst', '192.0.2.9', true)])
      expect(parseFilterOrThrow(serializeClause(clause))).toEqual([clause]);
  });
});
