import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { whereClause } from '../../../src-main/core/db/sessions.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { insertSessions, type TestSession } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

const ROWS: TestSession[] = [
  {
    startTs: 1000,
    srcIp: '10.0.0.1',
    dstIp: '192.168.1.1',
    dstPort: 443,
    protocol: 'HTTPS',
    country: 'US',
    asn: 15169,
    ruleName: 'Suspicious Web Traffic',
    detectionType: 'waf_rule',
    bytesIn: 100,
    bytesOut: 50,
    responseCode: 200,
  },
  {
    startTs: 2000,
    srcIp: '10.255.255.254',
    dstIp: '192.168.1.2',
    dstPort: 80,
    protocol: 'HTTP',
    country: 'CA',
    ruleName: 'Other',
    detectionType: 'scan',
    bytesIn: 5000,
    bytesOut: 10,
    responseCode: 404,
  },
  {
    startTs: 3000,
    srcIp: '11.0.0.1',
    dstIp: '172.16.5.4',
    dstPort: 22,
    protocol: 'ssh',
    country: 'DE',
    asn: 16509,
    detectionType: 'scan',
    bytesIn: 0,
    responseCode: 500,
  },
  {
    startTs: 4000,
    srcIp: '172.31.255.1',
    dstIp: '172.32.0.1',
    dstPort: 443,
    protocol: 'TCP',
    country: null,
    bytesIn: 70,
  },
  {
    startTs: 5000,
    srcIp: '100.64.0.9',
    dstIp: null,
    srcPort: 51000,
    protocol: 'UDP',
    country: 'US',
    label: 'attack',
    ruleName: '<img src=x onerror=alert(1)>',
  },
  { startTs: 6000, srcIp: '2001:db8::5', dstIp: '10.1.2.3', dstPort: 8443, country: 'NL', action: 'BLOCK' },
];

beforeEach(() => {
  db = openDatabase(path.join(tempDir(), 'filter.db'));
  insertSessions(db, ROWS);
});
afterEach(() => db.close());

/** Source IPs of the sessions matching filter text, in time order. */
function matching(text: string): string[] {
  const { sql, params } = whereClause({ clauses: parseFilterOrThrow(text) });
  return (
    db.prepare(`SELECT src_ip FROM sessions ${sql} ORDER BY start_ts`).all(params) as { src_ip: string }[]
  ).map((r) => r.src_ip);
}

describe('filter clauses in SQL', () => {
  it.each([
    ['src:10.0.0.1', ['10.0.0.1']],
    ['src:10.0.0.0/8', ['10.0.0.1', '10.255.255.254']],
    ['src:10.0.0.0/7', ['10.0.0.1', '10.255.255.254', '11.0.0.1']],
    ['src:172.16.0.0/12', ['172.31.255.1']],
    ['dst:172.16.0.0/12', ['11.0.0.1']],
    ['src:100.64.0.0/10', ['100.64.0.9']],
    ['src:0.0.0.0/0', ['10.0.0.1', '10.255.255.254', '11.0.0.1', '172.31.255.1', '100.64.0.9']],
    ['src:8.0.0.0/5', ['10.0.0.1', '10.255.255.254', '11.0.0.1']],
    ['ip:10.0.0.0/8', ['10.0.0.1', '10.255.255.254', '2001:db8::5']],
    ['src:2001:db8::5', ['2001:db8::5']],
    ['src:10.0.0.1,11.0.0.1', ['10.0.0.1', '11.0.0.1']],
    ['country:us,ca', ['10.0.0.1', '10.255.255.254', '100.64.0.9']],
    ['-country:US', ['10.255.255.254', '11.0.0.1', '172.31.255.1', '2001:db8::5']],
    ['asn:15169', ['10.0.0.1']],
    ['asn:15169,16509', ['10.0.0.1', '11.0.0.1']],
    ['asn:>16000', ['11.0.0.1']],
    ['-asn:15169', ['10.255.255.254', '11.0.0.1', '172.31.255.1', '100.64.0.9', '2001:db8::5']],
    ['port:443', ['10.0.0.1', '172.31.255.1']],
    ['port:>=443', ['10.0.0.1', '172.31.255.1', '2001:db8::5']],
    ['port:20..100', ['10.255.255.254', '11.0.0.1']],
    ['sport:>50000', ['100.64.0.9']],
    ['proto:tcp,SSH', ['11.0.0.1', '172.31.255.1']],
    ['rule:"suspicious web traffic"', ['10.0.0.1']],
    ['type:scan code:>=400', ['10.255.255.254', '11.0.0.1']],
    ['bytes_in:<100', ['11.0.0.1', '172.31.255.1']],
    ['action:block', ['2001:db8::5']],
    ['label:attack', ['100.64.0.9']],
    ['suspicious', ['10.0.0.1']],
    ['onerror', ['100.64.0.9']],
    ['-scan', ['10.0.0.1', '172.31.255.1', '100.64.0.9', '2001:db8::5']],
    ['192.168.1.2', ['10.255.255.254']],
    ['country:US port:443', ['10.0.0.1']],
  ])('%s', (text, expected) => {
    expect(matching(text)).toEqual(expected);
  });

  it('keeps hostile values as parameters, never as SQL', () => {
    expect(matching(`rule:"x' OR 1=1 --"`)).toEqual([]);
    expect(matching(`"') OR 1=1 --"`)).toEqual([]);
  });

  it('matches score against the active runs only', () => {
    const run = db.prepare(
      `INSERT INTO model_runs (kind, status, created_at, params, backend, data_snapshot, active) VALUES (?, 'done', 0, '{}', 'cpu', '[]', ?)`,
    );
    const active = Number(run.run('iforest', 1).lastInsertRowid);
    const old = Number(run.run('rf', 0).lastInsertRowid);
    const score = db.prepare('INSERT INTO scores (run_id, session_id, score, flagged) VALUES (?, ?, ?, ?)');
    score.run(active, 1, 0.9, 1);
    score.run(active, 2, 0.2, 0);
    score.run(old, 3, 0.95, 1);
    expect(matching('score:>=0.8')).toEqual(['10.0.0.1']);
    expect(matching('score:<0.5')).toEqual(['10.255.255.254']);
    expect(matching('-score:>=0.8')).toHaveLength(ROWS.length - 1);
  });

  it('matches verdicts, with none for sessions nobody has judged', () => {
    const action = Number(
      db
        .prepare(
          `INSERT INTO audit_actions (at, analyst, kind, summary) VALUES (0, 'ana', 'verdict', 'test')`,
        )
        .run().lastInsertRowid,
    );
    const verdict = db.prepare(
      'INSERT INTO verdicts (session_id, verdict, analyst, at, action_id) VALUES (?, ?, ?, 0, ?)',
    );
    verdict.run(1, 'malicious', 'ana', action);
    verdict.run(2, 'benign', 'ana', action);
    expect(matching('verdict:malicious')).toEqual(['10.0.0.1']);
    expect(matching('verdict:malicious,benign')).toEqual(['10.0.0.1', '10.255.255.254']);
    expect(matching('verdict:none')).toEqual(['11.0.0.1', '172.31.255.1', '100.64.0.9', '2001:db8::5']);
    expect(matching('verdict:none,benign')).toHaveLength(5);
    expect(matching('-verdict:none')).toEqual(['10.0.0.1', '10.255.255.254']);
  });

  it('lets the IP index serve exact addresses and CIDR blocks (EXPLAIN QUERY PLAN)', () => {
    const plan = (text: string) => {
      const { sql, params } = whereClause({ clauses: parseFilterOrThrow(text) });
      return (
        db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM sessions ${sql}`).all(params) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join(' | ');
    };
    expect(plan('src:10.0.0.1')).toMatch(/INDEX sessions_src \(src_ip=\?\)/);
    expect(plan('src:2001:db8::1')).toMatch(/INDEX sessions_src \(src_ip=\?\)/);
    expect(plan('src:10.0.0.0/8')).toMatch(/INDEX sessions_src \(src_ip>\? AND src_ip<\?\)/);
    expect(plan('dst:172.16.0.0/12')).toMatch(/INDEX sessions_dst/);
  });
});

describe('IPv6 blocks in SQL', () => {
  // The same addresses in the forms logs write them: compressed or not, upper case, leading zeros,
  // an IPv4 tail; and texts that only look like IPv6.
  const V6_ROWS: TestSession[] = [
    { startTs: 11_000, srcIp: '2001:db8::1', dstIp: '2001:db8:0:1::443', dstPort: 443 },
    { startTs: 12_000, srcIp: '2001:0DB8:0000:0000:0000:0000:0000:00ff', dstIp: '10.0.0.5', dstPort: 443 },
    { startTs: 13_000, srcIp: '2001:db9::1', dstIp: '2001:0db8:0000:0000:0000:0000:0000:0abc', dstPort: 443 },
    { startTs: 14_000, srcIp: '::ffff:10.1.2.3', dstIp: '10.0.0.5', dstPort: 443 },
    { startTs: 15_000, srcIp: 'fe80::abcd', dstIp: '2001:DB8::9', dstPort: 443 },
  ];
  beforeEach(() => insertSessions(db, V6_ROWS));

  it.each([
    ['src:2001:db8::/32', ['2001:db8::5', '2001:db8::1', '2001:0DB8:0000:0000:0000:0000:0000:00ff']],
    ['src:2001:DB8::/33', ['2001:db8::5', '2001:db8::1', '2001:0DB8:0000:0000:0000:0000:0000:00ff']],
    ['src:2001:db8::ff/128', ['2001:0DB8:0000:0000:0000:0000:0000:00ff']],
    [
      'src:2001:db8::/31',
      ['2001:db8::5', '2001:db8::1', '2001:0DB8:0000:0000:0000:0000:0000:00ff', '2001:db9::1'],
    ],
    ['src:::ffff:10.1.0.0/112', ['::ffff:10.1.2.3']],
    ['src:fe80::/10', ['fe80::abcd']],
    ['dst:2001:db8::/32', ['2001:db8::1', '2001:db9::1', 'fe80::abcd']],
    ['ip:2001:db8:0:1::/64', ['2001:db8::1']],
    // IPv6 blocks take no IPv4 text; IPv4 blocks take no IPv6 text but the IPv4-mapped form in
    // which a dual-stack server writes an IPv4 client.
    [
      'src:::/0',
      [
        '2001:db8::5',
        '2001:db8::1',
        '2001:0DB8:0000:0000:0000:0000:0000:00ff',
        '2001:db9::1',
        '::ffff:10.1.2.3',
        'fe80::abcd',
      ],
    ],
    ['src:10.0.0.0/8', ['10.0.0.1', '10.255.255.254', '::ffff:10.1.2.3']],
    ['src:10.1.2.0/24', ['::ffff:10.1.2.3']],
    ['src:10.1.2.0/30', ['::ffff:10.1.2.3']],
    ['src:10.1.2.0/31', []],
    // An exact IPv4 address is its mapped form too.
    ['src:10.1.2.3', ['::ffff:10.1.2.3']],
    ['src:10.0.0.1,10.1.2.3', ['10.0.0.1', '::ffff:10.1.2.3']],
    ['src:::ffff:10.1.2.3', ['::ffff:10.1.2.3']],
    // An exact IPv6 address matches the forms logs write it in, whichever form was typed.
    ['dst:2001:db8::abc', ['2001:db9::1']],
    ['dst:2001:DB8::ABC', ['2001:db9::1']],
    // A text in mixed case is the address too (the graph draws it as one node): its first group's
    // index range, checked by the address's number, finds it.
    ['src:2001:db8::ff', ['2001:0DB8:0000:0000:0000:0000:0000:00ff']],
    ['src:2001:0db8::1', ['2001:db8::1']],
    ['src:2001:DB8:0:0:0:0:0:1', ['2001:db8::1']],
    ['dst:2001:db8::9', ['fe80::abcd']],
    ['ip:2001:db8:0:1:0:0:0:443', ['2001:db8::1']],
    ['src:0:0:0:0:0:ffff:a01:203', ['::ffff:10.1.2.3']],
    ['src:2001:db8::2', []],
    ['src:0.0.0.0/0 -src:0.0.0.0/1', ['172.31.255.1']],
    [
      'src:2001:db8::/32,10.0.0.0/8',
      [
        '10.0.0.1',
        '10.255.255.254',
        '2001:db8::5',
        '2001:db8::1',
        '2001:0DB8:0000:0000:0000:0000:0000:00ff',
        '::ffff:10.1.2.3',
      ],
    ],
    [
      '-src:2001:db8::/32 port:443',
      ['10.0.0.1', '172.31.255.1', '2001:db9::1', '::ffff:10.1.2.3', 'fe80::abcd'],
    ],
  ])('%s', (text, expected) => {
    expect(matching(text)).toEqual(expected);
  });

  it('finds an address whose last group carries some leading zeros, or ends in an IPv4 tail', () => {
    // The first-group range is narrowed by how the text ends before each text is parsed: each
    // ending an address's texts can have must be among those tried.
    insertSessions(db, [
      {
        startTs: 16_000,
        srcIp: '2001:0db8:0:3:0000::00c',
        dstIp: '2001:0DB8:0:0:0:0:1.2.3.4',
        dstPort: 8443,
      },
      { startTs: 17_000, srcIp: '2001:db8:0:3::0', dstIp: '2001:db8:0:3::', dstPort: 8443 },
    ]);
    expect(matching('src:2001:db8:0:3::c port:8443')).toEqual(['2001:0db8:0:3:0000::00c']);
    expect(matching('dst:2001:db8::102:304 port:8443')).toEqual(['2001:0db8:0:3:0000::00c']);
    expect(matching('src:2001:db8:0:3:: port:8443')).toEqual(['2001:db8:0:3::0']);
    expect(matching('dst:2001:0db8:0:3:0:0:0:0000 port:8443')).toEqual(['2001:db8:0:3::0']);
    expect(matching('src:2001:db8:0:3::d port:8443')).toEqual([]);
  });
});
