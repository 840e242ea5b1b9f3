// The Combined parser reads plain lines in a fast lane (combined-fast-line.ts) and everything else
// the general way. Given no bytes, the parser reads every line the general way, so parsing a file
// both ways must give the same rows and the same quarantine reasons; the fast lane must also take
// the plain lines, or the test would prove nothing.
import { describe, expect, it } from 'vitest';
import { CombinedFastLine } from '../../../src-main/core/ingest/formats/combined-fast-line.js';
import { ClfAttrs } from '../../../src-main/core/ingest/formats/combined-row.js';
import { formatById } from '../../../src-main/core/ingest/formats/index.js';
import type { RecordSink, SessionRow } from '../../../src-main/core/ingest/types.js';

// Every 11th client is IPv6, as a quarter of a real server's may be: the fast lane reads those too.
const client = (i: number) =>
  i % 11 === 0
    ? `2001:db8:${(i >> 8).toString(16)}::${(i & 255).toString(16)}`
    : `10.${(i >> 8) & 255}.${i & 255}.${i % 7}`;
const plain = (i: number) =>
  `${client(i)} - ${i % 5 === 0 ? 'bob' : '-'} [12/Feb/2024:10:${String(i % 60).padStart(2, '0')}:00 +0100] "${i % 3 === 0 ? 'POST' : 'GET'} /shop/item-${i % 300}${i % 4 === 0 ? `?page=${i}` : ''} HTTP/1.1" ${[200, 304, 404][i % 3]} ${i % 9 === 0 ? '-' : i * 7} "${i % 2 ? '-' : `https://example.com/${i % 40}`}" "agent-${i % 50}"`;

// Lines the fast lane must hand over: each breaks one of its rules, or looks odd but is valid.
const ODD = [
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET /a\\"b HTTP/1.1" 200 1 "-" "x"', // an escape
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET /a HTTP/1.1" 200 1 "-" "x" 0.123', // request time
  '999.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "-" "x"', // not an address
  '2001:db8::1::2 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "-" "x"', // two ::
  'fe80::1%eth0 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "-" "x"', // a zone
  '10.0.0.1 ident - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "-" "x"', // an ident
  '10.0.0.1 - [u] [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "-" "x"', // a bracketed user
  '10.0.0.1 - - [31/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "-" "x"', // no such day
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "CONNECT a:443 HTTP/1.1" 200 1 "-" "x"',
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "get /lower HTTP/1.1" 200 1 "-" "x"',
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET http://h/p HTTP/1.1" 200 1 "-" "x"', // absolute form
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET /a b HTTP/1.1" 200 1 "-" "x"', // space in target
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET /" 200 1 "-" "x"', // HTTP/0.9
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/9.99" 200 1 "-" "x"', // not a version
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "-" 400 0 "-" "-"',
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 2000 1 "-" "x"', // bad status
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" +20 1 "-" "x"', // status read as a number
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 12a "-" "x"', // bad bytes
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1', // Common
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "" ""', // empty texts
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET /? HTTP/1.1" 200 1 "-" "x"', // empty query
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET /?a?b HTTP/1.1" 200 1 "-" "x"',
  `10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "-" "${'u'.repeat(70_000)}"`, // too long
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "-" "a "quoted" agent"', // stray quotes
  '10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET /\u0000 HTTP/1.1" 200 1 "-" "x"', // NUL
  'www.example.com:443 10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "-" "x"', // vhost
  ' 10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "-" "x"', // leading space
  '10.0.0.1  - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "-" "x"', // two spaces
  'garbage',
  '',
];

function lines(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 4000; i++) {
    out.push(plain(i));
    if (i % 100 === 0) out.push(ODD[(i / 100) % ODD.length] ?? '');
  }
  return out.concat(ODD);
}

function parse(text: string, lane: 'fast' | 'general', chunk: number) {
  const rows: SessionRow[] = [];
  const bads: { line: number; reason: string; raw: string }[] = [];
  const sink: RecordSink = {
    row: (row) => rows.push(row),
    bad: (line, raw, reason) => bads.push({ line, raw, reason }),
  };
  const parser = formatById('combined').createParser({});
  for (let at = 0; at < text.length; at += chunk) {
    const piece = text.slice(at, at + chunk);
    const ascii = Buffer.from(piece, 'latin1');
    parser.push(piece, sink, lane === 'fast' && /^[\x00-\x7f]*$/.test(piece) ? ascii : null);
  }
  parser.end(sink);
  return { rows, bads };
}

describe('combined fast lane', () => {
  it('stores the same rows and quarantines the same lines for the same reasons as the general lane', () => {
    const text = `${lines().join('\n')}\n`;
    const fast = parse(text, 'fast', 64 * 1024);
    const general = parse(text, 'general', 64 * 1024);
    expect(fast.rows.length).toBeGreaterThan(4000);
    expect(fast.bads.length).toBeGreaterThan(10);
    expect(fast.rows).toEqual(general.rows);
    expect(fast.bads).toEqual(general.bads);
  });

  it('takes the plain lines itself', () => {
    const lane = new CombinedFastLine(new ClfAttrs());
    let taken = 0;
    for (let i = 0; i < 1000; i++) {
      const line = plain(i);
      if (lane.read(line, Buffer.from(line, 'latin1'), 0, i + 1) !== null) taken++;
    }
    expect(taken).toBe(1000);
    for (const line of ODD.slice(0, 5)) expect(lane.read(line, Buffer.from(line, 'latin1'), 0, 1)).toBeNull();
  });

  it('gives each row its own values when consecutive rows differ only in a repeated column', () => {
    const agents = ['a', 'b', 'a', '-', 'a'];
    const text = agents
      .map((agent) => `10.0.0.1 - - [12/Feb/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1 "-" "${agent}"`)
      .join('\n');
    expect(parse(`${text}\n`, 'fast', 1 << 20).rows.map((row) => row.userAgent)).toEqual([
      'a',
      'b',
      'a',
      null,
      'a',
    ]);
  });
});
