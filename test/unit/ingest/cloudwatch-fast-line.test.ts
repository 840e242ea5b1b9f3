// The CloudWatch parser reads plain lines in a fast lane (cloudwatch-fast-line.ts) and everything
// else the general way. Quoting every field sends a line down the general lane without changing
// its values, so parsing a file both ways must give the same rows and the same quarantine reasons.
import { describe, expect, it } from 'vitest';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { parseText } from './parse-text.js';

const HEADER = `${CLOUDWATCH_HEADER},label`;

/** Row i with field `column` (0-based in HEADER) replaced by `value`. */
function withField(i: number, column: number, value: string): string {
  const fields = `${cloudwatchRow(i)},benign`.split(',');
  fields[column] = value;
  return fields.join(',');
}

const quoteAll = (line: string) =>
  line === ''
    ? line
    : line
        .split(',')
        .map((field) => `"${field}"`)
        .join(',');

// Plain rows (many addresses, so the caches grow) and, between them, lines the fast lane must
// hand over: each breaks one rule, or looks unusual but is valid.
function lines(): string[] {
  const out: string[] = [];
  const odd = [
    withField(1, 4, '999.1.1.1'), // invalid source IP
    withField(2, 4, ''), // missing source IP
    withField(3, 4, ' 10.1.2.3 '), // padded: trimmed by the general lane
    withField(4, 4, '2001:db8::1'), // IPv6
    withField(5, 9, '-'), // missing destination
    withField(6, 5, 'us'), // lower-case country
    withField(7, 5, 'USA'), // not a country code
    withField(8, 5, ''), // no country
    withField(9, 0, '-5'), // negative bytes
    withField(10, 0, ''), // empty bytes
    withField(11, 1, '99999999999999999999'), // more digits than the fast lane reads (too large)
    withField(11, 0, '1234567890123456'), // 16 digits, still exact
    withField(12, 1, '12.5'), // not whole
    withField(13, 8, '70000'), // port out of range
    withField(14, 8, '0443'), // leading zero
    withField(15, 2, '2024-04-25T00:00:00.250Z'), // fractional seconds
    withField(16, 2, '1714003200'), // epoch seconds
    withField(17, 2, '2024-02-31T00:00:00Z'), // no such day
    withField(18, 3, '2024-04-24T00:00:00Z'), // end before start
    withField(19, 14, '2024-04-25T09:09:09Z'), // `time` differs from creation_time: kept
    withField(20, 11, 'Ünïcödé observation'), // non-ASCII extra
    withField(21, 10, 'x'.repeat(70_000)), // over-long rule name
    withField(22, 16, '-'), // missing label
    withField(23, 12, '\uFFFD'), // invalid UTF-8 (as decoded)
    withField(24, 7, 'abc'), // response code not a number
    `${cloudwatchRow(25)}`, // one field short
    `${cloudwatchRow(26)},benign,extra`, // one field over
    '', // blank line
  ];
  for (let i = 0; i < 3000; i++) {
    out.push(`${cloudwatchRow(i * 37)},${i % 5 === 0 ? 'port_scan' : 'benign'}`);
    if (i % 100 === 0) out.push(odd[(i / 100) % odd.length]!);
  }
  out.push(...odd);
  return out;
}

describe('cloudwatch-csv fast lane', () => {
  it('stores the same rows and quarantines the same lines for the same reasons as the general lane', () => {
    const body = lines();
    const fast = parseText('cloudwatch-csv', `${HEADER}\n${body.join('\n')}\n`, { chunk: 4096 });
    const general = parseText('cloudwatch-csv', `${HEADER}\n${body.map(quoteAll).join('\n')}\n`);
    expect(fast.rows.length).toBeGreaterThan(3000);
    expect(fast.bads.length).toBeGreaterThan(20);
    expect(fast.rows).toEqual(general.rows);
    expect(fast.bads.map(({ line, reason }) => ({ line, reason }))).toEqual(
      general.bads.map(({ line, reason }) => ({ line, reason })),
    );
    // The quarantine keeps the line as it was written.
    expect(fast.bads.every((bad) => !bad.raw.startsWith('"'))).toBe(true);
  });

  it('gives each row its own values when consecutive rows differ only in a repeated column', () => {
    const body = ['HTTPS', 'HTTP', 'HTTPS', '', 'HTTPS'].map((protocol, i) => withField(i, 6, protocol));
    const { rows } = parseText('cloudwatch-csv', `${HEADER}\n${body.join('\n')}\n`);
    expect(rows.map((row) => row.protocol)).toEqual(['HTTPS', 'HTTP', 'HTTPS', null, 'HTTPS']);
  });
});
