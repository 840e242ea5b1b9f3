// The one literal-escaping function, checked where it matters: the engine reads back exactly the
// text that was escaped, for quotes, backslashes, LIKE's own characters, NUL, newlines and non-ASCII.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asciiLower, prefixPattern } from '../../../src-main/core/connectors/clickhouse/filter-sql.js';
import { sqlNumber, sqlString } from '../../../src-main/core/connectors/clickhouse/literal.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';

let server: ClickHouseServer;
beforeAll(async () => {
  server = await startClickHouse();
});
afterAll(async () => {
  await server?.stop();
});

const HOSTILE = [
  "q=1' OR '1'='1",
  "\\'; DROP TABLE x; --",
  'back\\slash\\',
  'tab\there\nnewline\r\n',
  'nul\0byte',
  '50%_off\\%',
  "ünïcødé ✓ 日本 '",
  '',
  "''''",
  "\\\\'",
];

describe('sqlString', () => {
  it('the engine reads back every hostile text exactly', async () => {
    const sql = HOSTILE.map((text, i) => `SELECT ${i} AS i, ${sqlString(text)} AS v`).join(' UNION ALL ');
    const out = await server.sql(`SELECT * FROM (${sql}) ORDER BY i FORMAT JSONEachRow`);
    const back = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).v);
    expect(back).toEqual(HOSTILE);
  });

  it("a LIKE prefix pattern matches its text literally, '%' and '_' included", async () => {
    const cases: [string, string, number][] = [
      ['/50%_off', '/50%_off/x', 1],
      ['/50%_off', '/50xyoff', 0],
      ['/a*.php', '/a/b/c.php', 1],
      ["/it's", "/it's/here", 1],
      ['\\x', '\\x\\y', 1],
    ];
    for (const [typed, value, expected] of cases) {
      const out = await server.sql(
        `SELECT ${sqlString(value)} LIKE ${sqlString(asciiLower(prefixPattern(typed)))} AS m`,
      );
      expect([typed, value, Number(out.trim())]).toEqual([typed, value, expected]);
    }
  });

  it('numbers: integers exact, fractions kept, no NaN or infinity', () => {
    expect(sqlNumber(1736035200000)).toBe('1736035200000');
    expect(sqlNumber(0.25)).toBe('0.25');
    expect(() => sqlNumber(Number.NaN)).toThrow(/finite/);
    expect(() => sqlNumber(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});
