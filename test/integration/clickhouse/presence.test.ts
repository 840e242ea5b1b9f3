// Presence terms (`type:*`, `-country:*`, `uaclass:*`) on a real ClickHouse server: a source may
// leave a value out as NULL or as an empty string (a plain String column has no NULL), and the term
// must read both as "none", as the local workspace does ('-' too: missing-values.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterConditions } from '../../../src-main/core/connectors/clickhouse/filter-sql.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';

let server: ClickHouseServer;
beforeAll(async () => {
  server = await startClickHouse();
});
afterAll(async () => {
  await server?.stop();
});

const S = (v: string | null) =>
  v === null ? 'CAST(NULL AS Nullable(String))' : `CAST('${v}' AS Nullable(String))`;
const N = (v: number | null) =>
  v === null ? 'CAST(NULL AS Nullable(UInt16))' : `CAST(${v} AS Nullable(UInt16))`;
// id, detection type, country (a plain String: '' for none), status, method, path
const ROWS: [string, string | null, string, number | null, string | null, string | null][] = [
  ['a', 'scan', 'US', 404, 'GET', '/x'],
  ['b', '', '', null, null, '/y'],
  ['c', null, 'DE', 403, null, null],
  ['d', 'waf_rule', '', null, 'POST', null],
];
const TABLE = ROWS.map(
  ([id, type, country, code, method, path]) =>
    `SELECT '${id}' AS id, ${S(type)} AS t, '${country}' AS c, ${N(code)} AS s, ${S(method)} AS m, ${S(path)} AS p`,
).join(' UNION ALL ');
const MAPPING = { detectionType: 't', country: 'c', responseCode: 's', method: 'm', path: 'p' };

async function matching(text: string): Promise<string> {
  const where = filterConditions(MAPPING, { clauses: parseFilterOrThrow(text) }).join(' AND ');
  const out = await server.sql(`SELECT id FROM (${TABLE}) WHERE ${where} ORDER BY id FORMAT TSV`);
  return out.trim().split('\n').join('');
}

describe('presence terms on ClickHouse', () => {
  it('select the rows the local workspace would', async () => {
    const cases: [string, string][] = [
      ['type:*', 'ad'],
      ['-type:*', 'bc'],
      ['country:*', 'ac'],
      ['-country:*', 'bd'],
      ['code:*', 'ac'],
      ['-code:*', 'bd'],
      ['method:*', 'ad'],
      ['path:*', 'ab'],
      ['-ua:*', 'abcd'],
      ['uaclass:*', 'abd'],
      ['-uaclass:*', 'c'],
      ['code:400..499 uaclass:*', 'a'],
      ['-type:* -country:*', 'b'],
    ];
    for (const [text, expected] of cases)
      expect({ text, ids: await matching(text) }).toEqual({ text, ids: expected });
  });
});
