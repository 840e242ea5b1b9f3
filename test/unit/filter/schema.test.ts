import { describe, expect, it } from 'vitest';
import { operations } from '../../../src-shared/api.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';

const overviewArgs = operations.analyticsOverview.args;

describe('filter clauses crossing a process boundary', () => {
  it('accept what the parser produces', () => {
    const clauses = parseFilterOrThrow(
      'src:10.0.0.0/8 ip:2001:db8::1 dst:2001:db8::/32 port:1..9 score:>=0.5 verdict:none "free text"',
    );
    expect(overviewArgs.safeParse({ filter: { clauses } }).success).toBe(true);
  });

  it.each([
    [
      'a bad CIDR base',
      { field: 'src', negate: false, values: [{ kind: 'cidr', base: "1' OR 1=1", prefix: 8 }] },
    ],
    [
      'a prefix over 32',
      { field: 'src', negate: false, values: [{ kind: 'cidr', base: '10.0.0.0', prefix: 40 }] },
    ],
    [
      'an IPv6 prefix over 128',
      { field: 'src', negate: false, values: [{ kind: 'cidr', base: '2001:db8::', prefix: 129 }] },
    ],
    [
      'a bad IPv6 base',
      { field: 'src', negate: false, values: [{ kind: 'cidr', base: '2001:db8:::1', prefix: 32 }] },
    ],
    ['a non-IP address', { field: 'dst', negate: false, values: [{ kind: 'ip', value: 'example.com' }] }],
    ['an unknown field', { field: 'sql', negate: false, values: [{ kind: 'text', value: 'x' }] }],
    ['an unknown operator', { field: 'port', negate: false, values: [{ kind: 'cmp', op: '!=', value: 1 }] }],
    ['a reversed range', { field: 'port', negate: false, values: [{ kind: 'range', min: 9, max: 1 }] }],
    ['no values', { field: 'port', negate: false, values: [] }],
  ])('refuse %s', (_name, clause) => {
    expect(overviewArgs.safeParse({ filter: { clauses: [clause] } }).success).toBe(false);
  });

  it('refuse more than 50 clauses', () => {
    const clause = { field: 'text', negate: false, values: [{ kind: 'text', value: 'x' }] };
    expect(overviewArgs.safeParse({ filter: { clauses: Array(51).fill(clause) } }).success).toBe(false);
  });
});
