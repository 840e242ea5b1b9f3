// The HTTP request's filter terms over stored sessions: what each matches and does not (any case,
// the path's `*`, LIKE's `%` and `_` taken literally), `status:` as `code:`, free text over the
// path, query and user agent, and the plans that keep interned texts out of the session scan.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suggestValues } from '../../../src-main/core/db/analytics-suggest.js';
import { ANY_UNLISTED_SQL, resolveFreeText } from '../../../src-main/core/db/free-text.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { whereClause } from '../../../src-main/core/db/sessions.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { insertSessions, type TestSession } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0';
/** One session per request; the source IP names it in the expectations. */
const ROWS: TestSession[] = [
  {
    srcIp: '10.0.0.1',
    method: 'GET',
    host: 'shop.example.com',
    path: '/index.html',
    userAgent: FIREFOX,
    referrer: 'https://www.google.com/',
    responseCode: 200,
  },
  {
    srcIp: '10.0.0.2',
    method: 'POST',
    host: 'Auth.Example.com',
    path: '/login',
    query: 'user=admin&pass=x',
    userAgent: 'python-requests/2.31.0',
    responseCode: 401,
  },
  {
    srcIp: '10.0.0.3',
    method: 'GET',
    host: 'shop.example.com',
    path: '/wp-admin/install.php',
    query: "id=1' UNION SELECT password FROM users--",
    userAgent: 'sqlmap/1.8#stable (https://sqlmap.org)',
    responseCode: 500,
  },
  {
    // Logged in lower case: matched in any case all the same.
    srcIp: '10.0.0.4',
    method: 'get',
    host: 'static.example.com',
    path: '/static/100%_done.js',
    query: 'q=100%25&x_y=1',
    userAgent: 'curl/8.4.0',
    referrer: 'https://shop.example.com/cart',
    responseCode: 503,
  },
  { srcIp: '10.0.0.5', method: 'GET', path: '/a_b', responseCode: 404 },
  {
    srcIp: '10.0.0.6',
    method: 'HEAD',
    path: '/axb',
    query: 'p=1000',
    userAgent: 'curl/7.61.1',
    responseCode: 200,
  },
  // A flow or an alert: no request at all.
  { srcIp: '10.0.0.7', protocol: 'TCP', responseCode: 502 },
].map((row, i) => ({ ...row, startTs: 1000 * (i + 1) }));

beforeEach(() => {
  db = openDatabase(path.join(tempDir(), 'requests.db'));
  insertSessions(db, ROWS);
});
afterEach(() => db.close());

function sourcesOf(filter: SessionFilter): string[] {
  const { sql, params } = whereClause(filter);
  return db.prepare(`SELECT src_ip FROM sessions ${sql} ORDER BY start_ts`).pluck().all(params) as string[];
}
const matching = (text: string) => sourcesOf({ clauses: parseFilterOrThrow(text) });
/** The sources whose rows are named by their last octet. */
const rows = (...n: number[]) => n.map((i) => `10.0.0.${i}`);

describe('the request terms', () => {
  it.each([
    ['method:POST', rows(2)],
    ['method:post', rows(2)],
    ['method:GET', rows(1, 3, 4, 5)],
    ['method:head,post', rows(2, 6)],
    ['-method:get', rows(2, 6, 7)],
    ['host:shop.example.com', rows(1, 3)],
    ['host:AUTH.example.COM', rows(2)],
    ['host:example.com', []],
    // path: its start, in any case; `*` is any run of characters, anywhere.
    ['path:/wp-admin', rows(3)],
    ['path:/WP-ADMIN/', rows(3)],
    ['path:admin', []],
    ['path:*admin', rows(3)],
    ['path:*.php', rows(3)],
    ['path:/static/*.js', rows(4)],
    ['path:/*n*', rows(1, 2, 3, 4)],
    ['path:/', rows(1, 2, 3, 4, 5, 6)],
    // `%` and `_` are themselves, not LIKE's wildcards.
    ['path:/a_b', rows(5)],
    ['path:/static/100%', rows(4)],
    ['path:/static/100', rows(4)],
    ['path:/static/1%0', []],
    // query: any part, in any case.
    ['query:union', rows(3)],
    ['query:"UNION SELECT"', rows(3)],
    ['query:100%', rows(4)],
    ['query:_', rows(4)],
    ['query:x_y', rows(4)],
    ['query:p=1000', rows(6)],
    ['query:%', rows(4)],
    ['-query:union', rows(1, 2, 4, 5, 6, 7)],
    // ua: any part, in any case.
    ['ua:SQLMAP', rows(3)],
    ['ua:firefox', rows(1)],
    ['ua:curl', rows(4, 6)],
    ['ua:curl/8,python', rows(2, 4)],
    ['-ua:curl', rows(1, 2, 3, 5, 7)],
    ['ua:_', rows(1)],
    ['ua:x86?64', []],
    // * any run, as in path: and sigma: (it was taken literally: ua:curl* found nothing).
    ['ua:curl*', rows(4, 6)],
    ['ua:*curl*', rows(4, 6)],
    ['ua:sqlmap*sqlmap.org', rows(3)],
    ['query:union*select', rows(3)],
    ['referrer:google', rows(1)],
    ['referrer:SHOP.example', rows(4)],
    // =value: the whole value, in any case; beside a pattern in one list, either.
    ['path:=/login', rows(2)],
    ['path:=/LOGIN', rows(2)],
    ['path:=/log', []],
    ['path:=/wp-*', []],
    ['path:=/a_b', rows(5)],
    ['path:=/axb', rows(6)],
    ['path:=/static/100%_done.js', rows(4)],
    ['-path:=/login', rows(1, 3, 4, 5, 6, 7)],
    ['path:=/login,/wp-', rows(2, 3)],
    ['ua:=curl/8.4.0', rows(4)],
    ['ua:=curl', []],
    [`ua:="${FIREFOX.toUpperCase()}"`, rows(1)],
    ['query:="user=admin&pass=x"', rows(2)],
    ['query:=user=admin', []],
    ['referrer:=https://www.google.com/', rows(1)],
    ['method:=post', rows(2)],
    // status: is code:.
    ['status:>=500', rows(3, 4, 7)],
    ['status:200,404', rows(1, 5, 6)],
    ['-status:200..499', rows(3, 4, 7)],
    ['method:get path:/static status:503', rows(4)],
  ])('%s', (text, expected) => {
    expect(matching(text)).toEqual(expected);
  });

  it('asks status: exactly as code:', () => {
    for (const [status, code] of [
      ['status:>=500', 'code:>=500'],
      ['-status:404', '-code:404'],
    ] as const) {
      const a = whereClause({ clauses: parseFilterOrThrow(status) });
      expect(a).toEqual(whereClause({ clauses: parseFilterOrThrow(code) }));
    }
  });

  it('keeps hostile values as parameters, never as SQL', () => {
    expect(matching(`query:"' OR 1=1 --"`)).toEqual([]);
    expect(matching(`ua:"') OR 1=1 --"`)).toEqual([]);
    expect(matching(`path:"/') OR ('1'='1"`)).toEqual([]);
  });

  it('searches the path, query and user agent as free text, each on its own', () => {
    expect(matching('sqlmap')).toEqual(rows(3));
    expect(matching('UNION')).toEqual(rows(3));
    expect(matching('wp-admin')).toEqual(rows(3));
    expect(matching('100%')).toEqual(rows(4));
    expect(matching('curl')).toEqual(rows(4, 6));
    expect(matching('-curl')).toEqual(rows(1, 2, 3, 5, 7));
    // The referrer and the host are not free text; nor does a phrase span the path and the query.
    expect(matching('google')).toEqual([]);
    expect(matching('"install.php id=1"')).toEqual([]);
  });

  it('tests interned texts in their dictionary, once each, not per session (EXPLAIN QUERY PLAN)', () => {
    const plan = (text: string) => {
      const { sql, params } = whereClause({ clauses: parseFilterOrThrow(text) });
      return (
        db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM sessions ${sql}`).all(params) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join(' | ');
    };
    for (const [text, dictionary] of [
      ['ua:sqlmap', 'user_agents'],
      ['path:/wp-*', 'http_paths'],
      ['host:shop.example.com', 'http_hosts'],
      ['method:post', 'http_methods'],
      ['referrer:google', 'referrers'],
      ['path:=/login', 'http_paths'],
      ['ua:=curl/8.4.0', 'user_agents'],
    ]) {
      const detail = plan(text as string);
      // The dictionary is read once, into a list; each session compares only its id with it.
      expect(detail, text).toMatch(new RegExp(`LIST SUBQUERY \\d+ \\| (SCAN|SEARCH) ${dictionary}`));
      expect(detail, text).not.toMatch(/CORRELATED/);
    }
    // Free text reads each dictionary once too.
    expect(plan('sqlmap')).toMatch(/LIST SUBQUERY \d+ \| SCAN user_agents/);
    expect(plan('sqlmap')).toMatch(/LIST SUBQUERY \d+ \| SCAN http_paths/);
    expect(plan('sqlmap')).not.toMatch(/CORRELATED/);
  });
});

describe('free text over requests, resolved against the stored values', () => {
  const text = (word: string, negate = false): SessionFilter => ({
    clauses: [{ field: 'text', negate, values: [{ kind: 'text', value: word }] }],
  });

  it('asks a word only the path or the user agent holds as that field, with the rows of the scan', () => {
    // Without queries: a word can be looked up in every searched field's values.
    db.exec('UPDATE sessions SET query = NULL');
    const resolve = (word: string) => resolveFreeText(db, text(word)).clauses?.[0];
    expect(resolve('SQLMAP')).toEqual({
      field: 'ua',
      negate: false,
      values: [{ kind: 'text', value: 'SQLMAP' }],
    });
    expect(resolve('wp-admin')).toEqual({
      field: 'path',
      negate: false,
      values: [{ kind: 'text', value: '*wp-admin' }],
    });
    // Held by the path and the user agent ("python" is not in a path; "curl" neither): one field.
    expect(resolve('100%_')).toEqual({
      field: 'path',
      negate: false,
      values: [{ kind: 'text', value: '*100%_' }],
    });
    // Two fields, a `*` the path would take as a wildcard, or a word that is not ASCII: stays a scan.
    db.exec(`INSERT INTO http_paths (value) VALUES ('/downloads/curl'), ('/x*y');
      UPDATE sessions SET path_id = (SELECT id FROM http_paths WHERE value = '/downloads/curl') WHERE src_ip = '10.0.0.7';
      UPDATE sessions SET path_id = (SELECT id FROM http_paths WHERE value = '/x*y') WHERE src_ip = '10.0.0.6'`);
    // Nor does `ua:` take a `*` as itself (it is any run there too): `bot*1` was asked as ua:bot*1
    // and also found Googlebot/2.1, where the scan finds the text "bot*1" alone.
    db.exec(`INSERT INTO user_agents (value, class) VALUES ('bot*1.0', 'bot'), ('Googlebot/2.1', 'bot');
      UPDATE sessions SET user_agent_id = (SELECT id FROM user_agents WHERE value = 'bot*1.0') WHERE src_ip = '10.0.0.5';
      UPDATE sessions SET user_agent_id = (SELECT id FROM user_agents WHERE value = 'Googlebot/2.1') WHERE src_ip = '10.0.0.7'`);
    for (const word of ['curl', 'x*y', 'fïrefox', 'bot*1'])
      expect(resolve(word)).toEqual(text(word).clauses?.[0]);
    for (const word of [
      'SQLMAP',
      'wp-admin',
      '100%_',
      'a_b',
      'curl',
      'firefox',
      '/a',
      'nothing',
      'x*y',
      '*',
      'bot*1',
    ])
      for (const negate of [false, true]) {
        const filter = text(word, negate);
        expect(sourcesOf(resolveFreeText(db, filter)), `${negate ? '-' : ''}${word}`).toEqual(
          sourcesOf(filter),
        );
      }
  });

  it('leaves every word a scan while any session has a query, which no dictionary lists', () => {
    const filter = text('sqlmap');
    expect(resolveFreeText(db, filter)).toBe(filter);
    // Whether any has one is answered by the partial index, without reading the sessions.
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${ANY_UNLISTED_SQL}`).all() as { detail: string }[]).map(
      (r) => r.detail,
    );
    expect(plan.join(' | ')).toMatch(/SCAN sessions USING (COVERING )?INDEX sessions_with_query/);
  });
});

describe('suggestions for the request terms', () => {
  it('offer the dictionary’s values as each term matches them', () => {
    const values = (term: string, typed: string) => suggestValues(db, term, typed, 10).map((v) => v.value);
    expect(values('method', 'po')).toEqual(['POST']);
    expect(values('method', 'G').sort()).toEqual(['GET', 'get']);
    expect(values('host', 'AUTH')).toEqual(['Auth.Example.com']);
    expect(values('path', '/WP')).toEqual(['/wp-admin/install.php']);
    expect(values('path', 'admin')).toEqual([]);
    expect(values('ua', 'MAP')).toEqual(['sqlmap/1.8#stable (https://sqlmap.org)']);
    expect(values('referrer', 'cart')).toEqual(['https://shop.example.com/cart']);
    // A `%` or `_` typed is itself.
    expect(values('path', '/a_')).toEqual(['/a_b']);
    // No dictionary lists queries: nothing is offered, and no session is read for it.
    expect(values('query', 'u')).toEqual([]);
  });
});
