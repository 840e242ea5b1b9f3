// "Any case" beyond ASCII: SQLite's LIKE, NOCASE and lower() fold A-Z only, so a typed É found
// neither é nor, through free text, the very É typed. A value with a letter beyond ASCII is
// compared with both sides lowered as JavaScript lowers them; an ASCII one is asked as before.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suggestValues } from '../../../src-main/core/db/analytics-suggest.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { whereClause } from '../../../src-main/core/db/sessions.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { insertSessions, type TestSession } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

/** One session per row; the source IP's last octet names it in the expectations. */
const ROWS: TestSession[] = [
  { srcIp: '10.0.0.1', method: 'GET', path: '/Über/a', userAgent: 'Éclair/1.0' },
  { srcIp: '10.0.0.2', method: 'GET', path: '/über/b', userAgent: 'ÉCLAIR/2.0', ruleName: 'ÉTÉ Rule' },
  { srcIp: '10.0.0.3', method: 'GET', path: '/uber/c', userAgent: 'éclair/3.0', ruleName: 'été rule' },
  { srcIp: '10.0.0.4', method: 'GET', path: '/x', userAgent: 'eclair/4.0', referrer: 'https://ex.com/ÄÖ' },
].map((row, i) => ({ ...row, startTs: 1000 * (i + 1) }));

beforeEach(() => {
  db = openDatabase(path.join(tempDir(), 'unicode.db'));
  insertSessions(db, ROWS);
});
afterEach(() => db.close());

const matching = (text: string) => {
  const { sql, params } = whereClause({ clauses: parseFilterOrThrow(text) });
  return db.prepare(`SELECT src_ip FROM sessions ${sql} ORDER BY start_ts`).pluck().all(params);
};
const rows = (...n: number[]) => n.map((i) => `10.0.0.${i}`);

describe('any case beyond ASCII', () => {
  it.each([
    ['ua:ÉCLAIR', rows(1, 2, 3)],
    ['ua:éclair', rows(1, 2, 3)],
    ['ua:Écl*/2', rows(2)],
    ['-ua:ÉCLAIR', rows(4)],
    ['ua:="éclair/2.0"', rows(2)],
    ['path:/ÜBER', rows(1, 2)],
    ['path:=/über/a', rows(1)],
    ['referrer:äö', rows(4)],
    // Free text finds the text as typed, and in any other case.
    ['ÉCLAIR', rows(1, 2, 3)],
    ['éclair/2', rows(2)],
    ['"été rule"', rows(2, 3)],
    ['ÉTÉ', rows(2, 3)],
    // ASCII text is asked as it always was: E is not É.
    ['ua:eclair', rows(4)],
    ['eclair', rows(4)],
  ])('%s', (text, expected) => {
    expect(matching(text)).toEqual(expected);
  });
});

describe('the filter bar offers the values a term beyond ASCII matches', () => {
  it.each([
    ['ua', 'ÉCL', ['Éclair/1.0', 'ÉCLAIR/2.0', 'éclair/3.0']],
    ['ua', 'écl', ['Éclair/1.0', 'ÉCLAIR/2.0', 'éclair/3.0']],
    ['path', '/ÜB', ['/Über/a', '/über/b']],
    ['referrer', 'äö', ['https://ex.com/ÄÖ']],
    ['ua', 'ecl', ['eclair/4.0']],
  ])('%s:%s', (term, typed, expected) => {
    const offered = suggestValues(db, term, typed, 10).map((v) => v.value);
    expect(offered.sort()).toEqual([...expected].sort());
  });
});
