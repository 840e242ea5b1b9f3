// readFilterWords: how the core will run each bare word of a filter, the same resolution every
// view's filter goes through (db/free-text.ts), so the filter bar can say it before applying.
import { describe, expect, it } from 'vitest';
import { analyticsService } from '../../../src-main/core/services/analytics.js';
import { cloudwatchLine, importLines, workspace } from '../triage/harness.js';

describe('readFilterWords', () => {
  it('reads a word one field holds as that field, and any other word as free text', async () => {
    const ws = workspace();
    await importLines(ws, [
      cloudwatchLine({ srcIp: '203.0.113.5', rule: 'Beacon to known C2', detection: 'waf_rule' }),
      cloudwatchLine({ srcIp: '198.51.100.9', rule: 'Suspicious Web Traffic', detection: 'waf_rule' }),
    ]);
    const read = await analyticsService({ db: ws.db }).readFilterWords({ words: ['waf', 'beacon', 'web'] });
    expect(read).toEqual([
      {
        word: 'waf',
        readAs: { field: 'type', negate: false, values: [{ kind: 'text', value: 'waf_rule' }] },
      },
      {
        word: 'beacon',
        readAs: { field: 'rule', negate: false, values: [{ kind: 'text', value: 'Beacon to known C2' }] },
      },
      {
        word: 'web',
        readAs: { field: 'rule', negate: false, values: [{ kind: 'text', value: 'Suspicious Web Traffic' }] },
      },
    ]);
  });
});
