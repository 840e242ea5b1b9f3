// The filter language over sessions with every field: the vocabulary (names, order, help), what
// each filter parses to, the SQL it becomes and the sessions it matches. The golden file was written
// before the vocabulary and the columns came from the field table (src-shared/fields); a term that
// parses, compiles or matches differently fails here.
import { describe, expect, it } from 'vitest';
import { clausesToSql, FREE_TEXT_FIELDS } from '../../../src-main/core/db/filter-sql.js';
import { resolveFreeText } from '../../../src-main/core/db/free-text.js';
import { whereClause } from '../../../src-main/core/db/sessions.js';
import { FIELD_NAMES, FILTER_FIELDS, parseFilter, suggestionsFor } from '../../../src-shared/filter/index.js';
import { addScoredRun, workspace } from '../triage/harness.js';
import { importEveryField } from './every-field.js';

const FILTERS = [
  'src:8.8.8.8',
  'src:8.8.8.8,1.1.1.1 -dst:10.0.0.0/24',
  'dst:10.0.0.0/23',
  'dst:10.0.2.14/32',
  'ip:2001:db8::7',
  'ip:203.0.113.0/25,9.9.9.9',
  'country:us,de',
  '-country:US',
  'country:Germany',
  'port:443',
  'port:>=1000',
  'port:0..100',
  '-port:22,80',
  'sport:<5000',
  'sport:1024..10000',
  'proto:tcp',
  'proto:TCP,udp',
  'rule:"Rule, with a comma"',
  'rule:"suspicious web traffic"',
  'type:waf_rule',
  'type:WAF_RULE',
  '-type:scan',
  'action:block',
  'action:@count',
  'label:attack',
  '-label:attack',
  'code:>=400',
  'code:200,404',
  'code:0',
  'bytes_in:>1000000',
  'bytes_in:0..1',
  'bytes_out:0',
  'bytes_out:<=2',
  'packets:>10',
  'packets:0',
  '-packets:1..12',
  'packets:1.5',
  'duration:>60000',
  'duration:0',
  'score:>=0.8',
  'verdict:none',
  'verdict:malicious,benign',
  '-verdict:none',
  'waf',
  'tcp',
  'us',
  '"web traffic"',
  '"traffic waf"',
  '-scan',
  '8.8.8.8',
  '2001:db8::7',
  'grüße',
  'hyperlink',
  'nothing-matches-this',
  'country:US port:443 -verdict:none "web"',
  'unknown:1',
  'port:70000',
  'code:1.5',
  'score:2',
  'src:10.0.0.0/33',
  'verdict:maybe',
  'bytes_in:5..1',
];

describe('the filter language over every field', () => {
  it('has the same vocabulary as before', async () => {
    const vocabulary = {
      names: FIELD_NAMES,
      fields: FILTER_FIELDS,
      freeText: FREE_TEXT_FIELDS,
      unknown: parseFilter('nope:1'),
      suggestions: suggestionsFor({ kind: 'field', prefix: '', from: 0, to: 0 }),
    };
    await expect(`${JSON.stringify(vocabulary, null, 1)}\n`).toMatchFileSnapshot(
      './golden/vocabulary.json.golden',
    );
  });

  it('parses, compiles and matches every filter as before', async () => {
    const ws = workspace();
    const { ids } = await importEveryField(ws);
    addScoredRun(
      ws.db,
      'iforest',
      ids.map((id, i) => [id, (i % 10) / 10]),
    );
    const matches = (filter: Parameters<typeof whereClause>[0]) => {
      const { sql, params } = whereClause(filter);
      return ws.db.prepare(`SELECT id FROM sessions ${sql} ORDER BY id`).pluck().all(params);
    };
    const results = FILTERS.map((text) => {
      const parsed = parseFilter(text);
      if (!parsed.ok) return { text, error: parsed.error };
      const params: Record<string, unknown> = {};
      const sql = clausesToSql(parsed.clauses, params);
      const filter = { clauses: parsed.clauses };
      const resolved = resolveFreeText(ws.db, filter);
      return {
        text,
        clauses: parsed.clauses,
        sql,
        params,
        ids: matches(filter),
        resolved: resolved.clauses,
        resolvedIds: matches(resolved),
      };
    });
    await expect(`${JSON.stringify(results, null, 1)}\n`).toMatchFileSnapshot('./golden/filters.json.golden');
  });
});
