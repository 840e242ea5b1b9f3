// `vigil stats --filter TEXT`: the totals of the sessions a filter selects, read as the app's
// filter bar reads it — their count, sources, volumes, first and last start and detection types —
// and a text that does not parse refused with the parser's reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/service.js';
import { callOperation } from '../../../src-shared/call.js';
import { buildCliIfStale, ingestedWith, runBuiltCli } from '../../helpers/built-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
beforeAll(buildCliIfStale);
const vigil = runBuiltCli;

const LOG = [
  '192.0.2.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '192.0.2.2 - - [12/Feb/2024:10:05:00 +0000] "GET /login HTTP/1.1" 500 100 "-" "curl/8.5.0"',
  '192.0.2.2 - - [12/Feb/2024:11:00:00 +0000] "GET /login.php HTTP/1.1" 503 20 "-" "curl/8.5.0"',
  '192.0.2.3 - - [13/Feb/2024:09:00:00 +0000] "GET /login HTTP/1.1" 404 0 "-" "curl/8.5.0 (x)"',
];

describe('vigil stats --filter', () => {
  it('counts only the sessions the filter selects, with their own first and last start', async () => {
    const db = await ingestedWith(tempDir(), 'access.log', `${LOG.join('\n')}\n`);
    const result = await vigil('stats', '--db', db, '--filter', 'ua:curl status:5xx', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      filter: 'ua:curl status:5xx',
      sessions: 2,
      sourceIps: 1,
      bytesOut: 120,
      bytesInRecorded: false,
      bytesOutRecorded: true,
      firstTs: Date.UTC(2024, 1, 12, 10, 5),
      lastTs: Date.UTC(2024, 1, 12, 11, 0),
      byDetectionType: [{ detectionType: '', sessions: 2 }],
    });
    // The whole value: one of the three curl sessions.
    const exact = JSON.parse(
      (await vigil('stats', '--db', db, '--filter', 'ua:="curl/8.5.0 (x)"', '--json')).stdout,
    );
    expect(exact).toMatchObject({ sessions: 1, sourceIps: 1, firstTs: Date.UTC(2024, 1, 13, 9) });
    const text = await vigil('stats', '--db', db, '--filter', 'path:=/login');
    expect(text.stdout).toMatch(/^sessions matching path:=\/login$/m);
    expect(text.stdout).toMatch(/^sessions +2$/m);
    expect(text.stdout).toMatch(/^bytes in +— \(not in these logs\) *$/m);
  });

  it('says nothing matched with no first or last start, and refuses text that does not parse', async () => {
    const db = await ingestedWith(tempDir(), 'access.log', `${LOG.join('\n')}\n`);
    const none = JSON.parse((await vigil('stats', '--db', db, '--filter', 'status:3xx', '--json')).stdout);
    expect(none).toMatchObject({ sessions: 0, firstTs: null, lastTs: null, byDetectionType: [] });
    const bad = await vigil('stats', '--db', db, '--filter', 'status:');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--filter: status: needs a value after the colon');
    expect(bad.stdout).toBe('');
  });

  it('refuses a term that can never match instead of answering 0, saying what is expected', async () => {
    const db = await ingestedWith(tempDir(), 'access.log', `${LOG.join('\n')}\n`);
    for (const [filter, reason] of [
      ['status:6xx', 'status: 6xx is not an HTTP status class (1xx to 5xx)'],
      ['country:USA', 'country: "USA" is not a two-letter country code (ISO 3166, like US or DE)'],
      ['flagged', '"flagged" alone searches the text "flagged": did you mean flagged:yes?'],
    ]) {
      const refused = await vigil('stats', '--db', db, '--filter', filter as string);
      expect(refused.code, filter).toBe(1);
      expect(refused.stderr).toContain(`vigil: --filter: ${reason}`);
      expect(refused.stdout).toBe('');
    }
  });

  it('refuses a summary filter it cannot answer instead of ignoring it (the rollups know a range only)', async () => {
    const db = await ingestedWith(tempDir(), 'access.log', `${LOG.join('\n')}\n`);
    const core = createCore({ dbPath: db, enrich: false });
    try {
      const clauses = [{ field: 'ua', negate: false, values: [{ kind: 'text', value: 'curl' }] }];
      const refused = await callOperation(core.service, 'dashboardSummary', { filter: { clauses } });
      expect(refused).toMatchObject({ ok: false, invalid: true });
      expect(refused.ok ? '' : refused.error).toMatch(/clauses/);
      const summary = await callOperation(core.service, 'dashboardSummary', { filter: {} });
      expect(summary).toMatchObject({ ok: true, value: { sessions: 4 } });
    } finally {
      await core.close();
    }
  });
});
