// Presence terms on a real SQLite workspace: `FIELD:*` keeps the sessions where the field has a
// value, `-FIELD:*` the others, for each way a field is stored (a text column, an interned id, a
// number, an address, a country) and for a text stored empty as well as NULL, which the Overview
// draws as the same "(unknown)" / "(no type)".
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { whereClause } from '../../../src-main/core/db/sessions.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

beforeAll(() => {
  db = openDatabase(path.join(tempDir(), 'presence.db'));
  insertSessions(db, [
    // a: a web request with every field
    {
      startTs: 1000,
      srcIp: '10.0.0.1',
      dstIp: '10.9.9.9',
      country: 'US',
      detectionType: 'scan',
      responseCode: 404,
      asn: 1,
      method: 'GET',
      path: '/x',
      userAgent: 'curl/8',
    },
    // b: a request with a path alone (no method, no agent), type and country stored empty
    { startTs: 2000, srcIp: '10.0.0.2', dstIp: '', country: '', detectionType: '', path: '/y' },
    // c: a CloudWatch-like row: a status, no request, nothing else
    { startTs: 3000, srcIp: '10.0.0.3', responseCode: 403, country: 'DE' },
    // d: a request with a method alone
    { startTs: 4000, srcIp: '10.0.0.4', method: 'POST', detectionType: 'waf_rule' },
  ]);
});
afterAll(() => db.close());

const letters = ['a', 'b', 'c', 'd'];
function matching(text: string): string {
  const { sql, params } = whereClause({ clauses: parseFilterOrThrow(text) });
  const rows = db.prepare(`SELECT src_ip FROM sessions ${sql} ORDER BY start_ts`).all(params) as {
    src_ip: string;
  }[];
  return rows.map((r) => letters[Number(r.src_ip.split('.')[3]) - 1]).join('');
}

describe('presence terms in SQLite', () => {
  it.each([
    ['type:*', 'ad'],
    ['-type:*', 'bc'],
    ['country:*', 'ac'],
    ['-country:*', 'bd'],
    ['code:*', 'ac'],
    ['-code:*', 'bd'],
    ['asn:*', 'a'],
    ['dst:*', 'a'],
    ['-dst:*', 'bcd'],
    ['method:*', 'ad'],
    ['-method:*', 'bc'],
    ['path:*', 'ab'],
    ['ua:*', 'a'],
    ['-ua:*', 'bcd'],
    // every web request (a method or a path) and nothing else: the status-class bars' own count
    ['uaclass:*', 'abd'],
    ['-uaclass:*', 'c'],
    ['code:400..499 uaclass:*', 'a'],
    ['-type:* -country:*', 'b'],
  ])('%s', (text, expected) => {
    expect(matching(text)).toBe(expected);
  });
});
