// `uaclass:` on a ClickHouse source: a remote table has no dictionary holding the class, so the
// engine computes it with the classifier's own patterns (userAgentClassExpr). Checked on a real
// server against src-shared/user-agent-class.ts for user agents of every class and the awkward
// ones (no value, `-`, blanks, a Shellshock probe, scanners behind a browser prefix), and the
// compiled term selects the rows the local workspace would (a row that is no request has no class,
// whatever agent it holds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  filterConditions,
  userAgentClassExpr,
} from '../../../src-main/core/connectors/clickhouse/filter-sql.js';
import { sqlString } from '../../../src-main/core/connectors/clickhouse/literal.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { USER_AGENT_CLASSES, userAgentClass } from '../../../src-shared/user-agent-class.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';

let server: ClickHouseServer;
beforeAll(async () => {
  server = await startClickHouse();
});
afterAll(async () => {
  await server?.stop();
});

const AGENTS: (string | null)[] = [
  // A Cubot phone's browser: the bot pattern's "not after cu" must read alike in RE2.
  'Mozilla/5.0 (Linux; Android 9; CUBOT P30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'facebookexternalhit/1.1',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36',
  'curl/8.5.0',
  'python-requests/2.31.0',
  'sqlmap/1.8#stable (https://sqlmap.org)',
  'Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:Port Check)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/91.0 Safari/537.36 Nuclei',
  '() { :; }; /bin/bash -c "id"',
  'UptimeRobot/2.0',
  'Go-http-client/1.1',
  'Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)',
  '-',
  '',
  '   ',
  ' - ',
  null,
];

describe('uaclass: on ClickHouse', () => {
  it('computes the class the local classifier gives, for every user agent', async () => {
    const rows = AGENTS.map(
      (agent, i) =>
        `SELECT ${i} AS i, ${agent === null ? 'CAST(NULL AS Nullable(String))' : `CAST(${sqlString(agent)} AS Nullable(String))`} AS ua`,
    ).join(' UNION ALL ');
    const out = await server.sql(
      `SELECT i, ${userAgentClassExpr('ua')} AS c FROM (${rows}) ORDER BY i FORMAT JSONEachRow`,
    );
    const remote = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).c as string);
    expect(remote).toEqual(AGENTS.map((agent) => userAgentClass(agent)));
    // Every class is among them, so each pattern was asked.
    expect(new Set(remote)).toEqual(new Set(USER_AGENT_CLASSES));
  });

  it('selects the rows of the classes: requests only, `empty` for a request without a user agent', async () => {
    // Row i: AGENTS[i] on a request (a path), and the same without method or path (no request).
    const rows = AGENTS.flatMap((agent, i) => {
      const ua =
        agent === null ? 'CAST(NULL AS Nullable(String))' : `CAST(${sqlString(agent)} AS Nullable(String))`;
      return [
        `SELECT ${2 * i} AS id, ${ua} AS ua, CAST('/x' AS Nullable(String)) AS p`,
        `SELECT ${2 * i + 1} AS id, ${ua} AS ua, CAST(NULL AS Nullable(String)) AS p`,
      ];
    }).join(' UNION ALL ');
    const mapping = { userAgent: 'ua', path: 'p' };
    for (const c of USER_AGENT_CLASSES) {
      const where = filterConditions(mapping, { clauses: parseFilterOrThrow(`uaclass:${c}`) }).join(' AND ');
      const out = await server.sql(`SELECT id FROM (${rows}) WHERE ${where} ORDER BY id FORMAT JSONEachRow`);
      const ids = out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).id as number);
      // A row that is no request is in no class, whatever agent it holds (as the bars count).
      const expected = AGENTS.flatMap((agent, i) => (userAgentClass(agent) !== c ? [] : [2 * i]));
      expect(ids, c).toEqual(expected);
    }
  });
});
