// Presence terms (`type:*`, `-country:*`): parsed to one `any` value, written back the same, and
// refused with the term named where "has a value" means nothing (flagged:, verdict:, src:, …).
import { describe, expect, it } from 'vitest';
import {
  FIELD_NAMES,
  FilterClause,
  parseFilter,
  parseFilterOrThrow,
  presenceClause,
  serializeFilter,
} from '../../../src-shared/filter/index.js';

const errorOf = (text: string) => {
  const result = parseFilter(text);
  if (result.ok) throw new Error(`expected an error for ${text}`);
  return result.error;
};

describe('filter language: presence terms', () => {
  it.each(['type', 'country', 'code', 'dst', 'method', 'path', 'ua', 'uaclass', 'asn', 'duration', 'proto'])(
    '%s:* is "has a value" and -%s:* "has none"',
    (field) => {
      expect(parseFilterOrThrow(`${field}:*`)).toEqual([{ field, negate: false, values: [{ kind: 'any' }] }]);
      expect(parseFilterOrThrow(`-${field}:*`)).toEqual([{ field, negate: true, values: [{ kind: 'any' }] }]);
    },
  );

  it('reads an alias as its term (status:* is code:*)', () => {
    expect(serializeFilter(parseFilterOrThrow('-status:*'))).toBe('-code:*');
  });

  it.each(['type:* -country:*', '-type:* country:US', 'code:400..499 uaclass:*', 'path:* -ua:*', 'sigma:*'])(
    'round-trips %s',
    (text) => {
      const clauses = parseFilterOrThrow(text);
      expect(serializeFilter(clauses)).toBe(text);
      expect(parseFilterOrThrow(serializeFilter(clauses))).toEqual(clauses);
    },
  );

  it('keeps a quoted "*" a text value, and writes it back quoted', () => {
    const clauses = parseFilterOrThrow('type:"*"');
    expect(clauses).toEqual([{ field: 'type', negate: false, values: [{ kind: 'text', value: '*' }] }]);
    expect(serializeFilter(clauses)).toBe('type:"*"');
  });

  it('keeps sigma:* the pattern it was (any rule hit)', () => {
    expect(parseFilterOrThrow('sigma:*')).toEqual([
      { field: 'sigma', negate: false, values: [{ kind: 'text', value: '*' }] },
    ]);
  });

  it.each([
    ['flagged:*', 'flagged:* is not a term'],
    ['-verdict:*', 'verdict:* is not a term'],
    ['score:*', 'score:* is not a term'],
    ['level:*', 'level:* is not a term'],
    ['kind:*', 'kind:* is not a term'],
    ['ip:*', 'ip:* is not a term'],
    ['src:*', 'src:* is not a term'],
  ])('refuses %s, naming the term', (text, message) => {
    expect(errorOf(text).message).toContain(message);
  });

  it('refuses * in a list of values, which would make the others mean nothing', () => {
    expect(errorOf('type:scan,*').message).toContain('type: * stands alone');
  });

  it('the clause schema takes a presence value (it crosses to the main process)', () => {
    expect(FilterClause.parse(presenceClause('type', true))).toEqual({
      field: 'type',
      negate: true,
      values: [{ kind: 'any' }],
    });
  });

  it('every term either takes * or refuses it with its name', () => {
    for (const field of FIELD_NAMES) {
      const result = parseFilter(`${field}:*`);
      if (!result.ok) expect(result.error.message).toContain(`${field}:*`);
    }
  });
});
