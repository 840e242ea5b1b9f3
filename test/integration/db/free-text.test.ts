// Free text is rewritten as one field's clause where only that field can match it: the rewrite
// must select exactly the sessions the free-text scan selects, negated or not, and the Overview
// must then answer it from the rollups.
import { describe, expect, it } from 'vitest';
import { planFor } from '../../../src-main/core/analytics/plan.js';
import { resolveFreeText } from '../../../src-main/core/db/free-text.js';
import type { Db } from '../../../src-main/core/db/open.js';
import { whereClause } from '../../../src-main/core/db/sessions.js';
import { createCore } from '../../../src-main/core/service.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { FilterClause } from '../../../src-shared/filter/clauses.js';
import { cloudwatchLine, importLines, workspace } from '../triage/harness.js';

const LINES = [
  { srcIp: '203.0.113.9', detection: 'waf_rule', rule: 'Suspicious Web Traffic', country: 'US' },
  { srcIp: '203.0.113.9', detection: 'flow_log', rule: 'Large Outbound Transfer', protocol: 'TCP' },
  { srcIp: '198.51.100.4', detection: 'auth_log', rule: 'Repeated Authentication Failures', country: 'NL' },
  { srcIp: '198.51.100.5', detection: 'waf_rule', rule: 'Known Bad Reputation', dstIp: '192.0.2.80' },
  { srcIp: '198.51.100.6', detection: 'Waf_Rule', rule: 'Bot Control Signal', country: 'CA' },
  { srcIp: '198.51.100.7', detection: 'threat_intel', rule: 'Café Rule', country: 'DE', protocol: 'HTTP' },
].map((values, i) => cloudwatchLine({ ...values, start: `2024-04-26T0${i}:00:00Z` }));

const text = (word: string, negate = false): FilterClause => ({
  field: 'text',
  negate,
  values: [{ kind: 'text', value: word }],
});
const idsOf = (db: Db, filter: SessionFilter) => {
  const where = whereClause(filter);
  return db.prepare(`SELECT id FROM sessions ${where.sql} ORDER BY id`).pluck().all(where.params);
};

describe('free text resolved against the stored values', () => {
  it('selects exactly the sessions the scan selects, for every kind of word', async () => {
    const ws = workspace();
    await importLines(ws, LINES);
    const words = [
      'waf', // detection types only, in two cases
      'WAF_RULE',
      'Reputation', // rule names only
      'tcp', // a protocol
      'us', // a country, and rule names ("Suspicious"): stays free text
      'rule', // detection types and rule names: stays free text
      '203.0.113.9', // a source
      '192.0.2.80', // a destination only
      '192.0.2.1', // an address nobody used
      'nothing-stored',
      'Web Traffic', // two words may span two columns: stays free text
      'café', // matched as SQLite's lower() matches it (ASCII only)
      'CAFÉ',
      'ÉTÉ', // matches nothing, but is not ASCII: stays free text
    ];
    let nonEmpty = 0;
    for (const word of words)
      for (const negate of [false, true]) {
        const filter = { from: Date.UTC(2024, 3, 26, 1), clauses: [text(word, negate)] };
        const resolved = resolveFreeText(ws.db, filter);
        const expected = idsOf(ws.db, filter);
        expect(idsOf(ws.db, resolved), `${negate ? '-' : ''}${word}`).toEqual(expected);
        if (expected.length > 0) nonEmpty++;
      }
    expect(nonEmpty).toBeGreaterThan(words.length);
  });

  it('keeps every case of a word beyond ASCII when it asks the word as a field', async () => {
    // The stored values were compared with SQLite's lower() (A-Z only): `été` was asked as
    // rule:"Big été" alone and lost the session of "ÉTÉ Rule", which the scan finds.
    const ws = workspace();
    await importLines(
      ws,
      ['ÉTÉ Rule', 'Big été', 'Ete rule'].map((rule, i) =>
        cloudwatchLine({ srcIp: `198.51.100.${i + 1}`, rule, start: `2024-04-26T0${i}:00:00Z` }),
      ),
    );
    for (const word of ['été', 'ÉTÉ', 'Été rule', 'big ÉTÉ', 'ete'])
      for (const negate of [false, true]) {
        const filter = { clauses: [text(word, negate)] };
        const expected = idsOf(ws.db, filter);
        expect(idsOf(ws.db, resolveFreeText(ws.db, filter)), `${negate ? '-' : ''}${word}`).toEqual(expected);
      }
    expect(idsOf(ws.db, { clauses: [text('été')] })).toHaveLength(2);
  });

  it('finds an address in every text form the ip: term finds, scanned or rewritten', async () => {
    // The scan compared the text as typed: `203.0.113.50` missed its IPv4-mapped form, and
    // `2001:DB8::1` the stored `2001:db8::1`, which the rewrite (ip:) and the remote engine found.
    const ws = workspace();
    await importLines(
      ws,
      ['::ffff:203.0.113.50', '2001:db8::1', '203.0.113.51'].map((srcIp, i) =>
        cloudwatchLine({ srcIp, start: `2024-04-26T0${i}:00:00Z` }),
      ),
    );
    for (const word of ['203.0.113.50', '2001:DB8::1', '2001:0db8:0:0:0:0:0:1', '203.0.113.51'])
      for (const negate of [false, true]) {
        const ip: FilterClause = { field: 'ip', negate, values: [{ kind: 'ip', value: word }] };
        expect(idsOf(ws.db, { clauses: [text(word, negate)] }), `${negate ? '-' : ''}${word}`).toEqual(
          idsOf(ws.db, { clauses: [ip] }),
        );
      }
    expect(idsOf(ws.db, { clauses: [text('203.0.113.50')] })).toHaveLength(1);
  });

  it('rewrites a word one field answers as that field, and leaves the rest as written', async () => {
    const ws = workspace();
    await importLines(ws, LINES);
    const resolve = (word: string, negate = false) =>
      resolveFreeText(ws.db, { clauses: [text(word, negate)] }).clauses![0];
    const values = (...words: string[]) => words.map((value) => ({ kind: 'text', value }));
    expect(resolve('waf')).toEqual({ field: 'type', negate: false, values: values('Waf_Rule', 'waf_rule') });
    expect(resolve('Reputation', true)).toEqual({
      field: 'rule',
      negate: true,
      values: values('Known Bad Reputation'),
    });
    expect(resolve('tcp')).toEqual({ field: 'proto', negate: false, values: values('TCP') });
    expect(resolve('192.0.2.80')).toEqual({
      field: 'ip',
      negate: false,
      values: [{ kind: 'ip', value: '192.0.2.80' }],
    });
    expect(resolve('nothing-stored')).toEqual({
      field: 'type',
      negate: false,
      values: values('nothing-stored'),
    });
    expect(resolve('CAFÉ')).toEqual({ field: 'rule', negate: false, values: values('Café Rule') });
    for (const word of ['us', 'rule', 'Web Traffic', 'ÉTÉ']) expect(resolve(word)).toEqual(text(word));
    // Only free text changes; a filter without any comes back as it was.
    const plain: SessionFilter = { country: 'US', clauses: [{ field: 'port', negate: false, values: [] }] };
    expect(resolveFreeText(ws.db, plain)).toBe(plain);
    expect(planFor(resolveFreeText(ws.db, { clauses: [text('waf')] })).kind).toBe('rollup');
    expect(planFor({ clauses: [text('waf')] }).kind).toBe('sessions');
  });

  it('lets the Overview answer a word from the rollups, with the scan’s totals', async () => {
    const ws = workspace();
    await importLines(ws, LINES);
    const core = createCore({ dbPath: ws.dbPath });
    try {
      const { kpis } = await core.service.analyticsOverview({ filter: { clauses: [text('waf')] } });
      expect(kpis).toMatchObject({ source: 'rollup', sessions: 3 });
      expect(kpis.sessions).toBe(idsOf(ws.db, { clauses: [text('waf')] }).length);
      const spanning = (await core.service.analyticsOverview({ filter: { clauses: [text('Web Traffic')] } }))
        .kpis;
      expect(spanning).toMatchObject({ source: 'sessions', sessions: 1 });
      const page = await core.service.sessionPage({
        filter: { clauses: [text('waf', true)] },
        offset: 0,
        limit: 50,
        sort: 'startTs',
        direction: 'asc',
      });
      expect(page.total).toBe(LINES.length - 3);
    } finally {
      await core.close();
    }
  });
});
