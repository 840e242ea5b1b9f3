// The tab-separated rows a ClickHouse pull spools (ingest/formats/session-tsv.ts): read by the
// header's field names, ClickHouse's escapes undone, `\N` as none but an escaped `\\N` as text.
import { describe, expect, it } from 'vitest';
import { unescapeTsv } from '../../../src-main/core/ingest/formats/session-tsv.js';
import { parseText } from './parse-text.js';

const HEADER = 'startTs\tendTs\tsrcIp\tdstPort\tpath\tuserAgent\trequestTimeMs';

describe('session TSV', () => {
  it('reads the columns the header names, in any order, and leaves the others empty', () => {
    const text = `srcIp\tstartTs\tpath\n203.0.113.9\t1767571200000\t/admin\n`;
    const { rows, bads } = parseText('session-tsv', text);
    expect(bads).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      startTs: 1767571200000,
      endTs: 1767571200000,
      srcIp: '203.0.113.9',
      path: '/admin',
      dstIp: null,
      userAgent: null,
    });
  });

  it("undoes ClickHouse's escapes; \\N is none, an escaped \\\\N is the text \\N", () => {
    const row = ['1767571200000', '1767571200500', '10.0.0.1', '443', "a\\tb\\nc\\\\d\\'e", '\\\\N', '\\N'];
    const { rows, bads } = parseText('session-tsv', `${HEADER}\n${row.join('\t')}\n`, { chunk: 7 });
    expect(bads).toEqual([]);
    expect(rows[0]).toMatchObject({
      endTs: 1767571200500,
      dstPort: 443,
      path: "a\tb\nc\\d'e",
      userAgent: '\\N',
      requestTimeMs: null,
    });
    expect(unescapeTsv('\\b\\f\\r\\0\\x')).toBe('\b\f\r\0x');
    // A float the engine has no value for (nan, inf) is none, as JSON output makes it null.
    const nan = parseText('session-tsv', `${HEADER}\n${row.slice(0, 6).join('\t')}\tnan\n`);
    expect(nan.rows[0]?.requestTimeMs).toBeNull();
  });

  it('quarantines a row with the wrong number of values or a bad value, and keeps its neighbours', () => {
    const good = '1767571200000\t\\N\t10.0.0.1\t80\t/\t\\N\t\\N';
    const text = `${HEADER}\n${good}\n1767571200000\t10.0.0.1\n${good.replace('\t80\t', '\t99999\t')}\n${good.replace('10.0.0.1', '\\N')}\n${good}\n`;
    const { rows, bads } = parseText('session-tsv', text);
    expect(rows.map((r) => r.line)).toEqual([2, 6]);
    expect(bads.map((b) => [b.line, b.reason])).toEqual([
      [3, 'expected 7 tab-separated values, found 2'],
      [4, 'dstPort: port out of range (99999)'],
      [5, 'srcIp: missing'],
    ]);
  });

  it('gives the session the same row gives as JSON lines (session-jsonl), by the same rules', () => {
    const tsv = `${HEADER}\n1767571200000\t\\N\t10.0.0.1\t8080\t/a\\tb\tcurl/8.0\t12.5\n`;
    const json = JSON.stringify({
      startTs: '1767571200000',
      srcIp: '10.0.0.1',
      dstPort: 8080,
      path: '/a\tb',
      userAgent: 'curl/8.0',
      requestTimeMs: 12.5,
    });
    const fromTsv = parseText('session-tsv', tsv);
    const fromJson = parseText('session-jsonl', `${json}\n`);
    expect(fromTsv.bads).toEqual([]);
    expect(fromJson.bads).toEqual([]);
    expect({ ...fromTsv.rows[0], line: 0 }).toEqual({ ...fromJson.rows[0], line: 0 });
    expect(fromTsv.rows[0]).toMatchObject({ path: '/a\tb', requestTimeMs: 12.5, endTs: 1767571200000 });
  });

  it('refuses a header that names something other than session fields', () => {
    expect(() => parseText('session-tsv', 'startTs\tvigil__srcIp\n1\t10.0.0.1\n')).toThrow(
      /Not a session TSV: "vigil__srcIp" is not a session field/,
    );
  });
});
