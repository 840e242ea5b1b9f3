// The hits of a rule that writes no level (optional in Sigma) say "no level" wherever a hit's level
// is shown or exported — the drawer, Triage's reasons, the Sessions column, the Overview's and an
// IP's rule lists, `vigil rules list`, the case report (HTML, STIX) and the CSV / JSON exports —
// never "informational", which the rule's author did not write; while ranking, `level:` terms and
// flagging keep treating them as informational (README "Detection rules"). A real SQLite file, the
// rules loaded and run through the CLI, read back through the service as the faces call it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerIngest } from '../../../src-main/cli/commands/ingest.js';
import { registerRules } from '../../../src-main/cli/commands/rules.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { createCore } from '../../../src-main/core/service.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { reasonText } from '../../../src-renderer/views/triage/FlagReasons.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { runCli } from '../../helpers/run-cli.js';
import { parseCsv } from '../reports/csv-parse.js';

const cli = (args: string[]) => runCli([registerIngest, registerRules], args);

const LOG = [
  '198.51.100.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '198.51.100.2 - - [12/Feb/2024:10:00:01 +0000] "GET /backoffice/login HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
  '198.51.100.3 - - [12/Feb/2024:10:00:02 +0000] "GET /brochure.pdf HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
];

// No level written: the hit on 198.51.100.2 must say so.
const NO_LEVEL = `title: Back office login
id: 0b7f3c1e-6a0d-4a59-9f3e-5b2a9d1c7e40
logsource:
  category: webserver
detection:
  selection:
    cs-uri-stem|startswith: /backoffice
  condition: selection
`;
// Written as informational: its hit on 198.51.100.3 says informational, as written.
const INFORMATIONAL = `title: Brochure download
id: 3e1d8f20-7c4b-4d6a-8b0e-1a2c3d4e5f60
level: informational
logsource:
  category: webserver
detection:
  selection:
    cs-uri-stem|endswith: .pdf
  condition: selection
`;

// One workspace for the suite (loading and running the rules takes seconds on a small machine).
let ws: Awaited<ReturnType<typeof prepare>>;
beforeAll(async () => {
  ws = await prepare();
});
afterAll(async () => {
  await ws.core.close();
  fs.rmSync(ws.dir, { recursive: true, force: true });
});

async function prepare() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-no-level-'));
  const dbPath = path.join(dir, 'v.db');
  fs.writeFileSync(path.join(dir, 'access.log'), `${LOG.join('\n')}\n`);
  expect((await cli(['ingest', path.join(dir, 'access.log'), '--db', dbPath, '--json'])).error).toBeNull();
  const rulesDir = path.join(dir, 'my-rules');
  fs.mkdirSync(rulesDir);
  fs.writeFileSync(path.join(rulesDir, 'backoffice.yml'), NO_LEVEL);
  fs.writeFileSync(path.join(rulesDir, 'brochure.yml'), INFORMATIONAL);
  expect((await cli(['rules', 'add', rulesDir, '--db', dbPath])).stdout).toContain('2 rule(s) loaded');
  expect((await cli(['rules', 'run', '--db', dbPath])).error).toBeNull();
  const core = createCore({ dbPath, readWorkers: 1 });
  const page = await core.service.sessionPage({
    filter: {},
    sort: 'srcIp',
    direction: 'asc',
    offset: 0,
    limit: 10,
  });
  const idOf = (ip: string) => page.items.find((s) => s.srcIp === ip)?.id ?? -1;
  return { dir, dbPath, core, rulesDir, backoffice: idOf('198.51.100.2'), brochure: idOf('198.51.100.3') };
}

describe('the hits of a rule without a level', () => {
  it('say "no level" in the drawer, the Sessions column, the rule lists and `vigil rules list`', async () => {
    const { core, dbPath, rulesDir, backoffice, brochure } = ws;
    const hits = await core.service.sessionRuleHits({ sessionId: backoffice });
    expect(hits).toEqual([
      {
        ruleId: '0b7f3c1e-6a0d-4a59-9f3e-5b2a9d1c7e40',
        title: 'Back office login',
        level: null,
        source: rulesDir,
        field: 'path',
        value: '/backoffice',
      },
    ]);
    expect((await core.service.sessionRuleHits({ sessionId: brochure }))[0]?.level).toBe('informational');

    const counts = await core.service.sessionRuleHitCounts({ sessionIds: [backoffice, brochure] });
    expect(counts).toEqual([
      { sessionId: backoffice, hits: 1, level: null },
      { sessionId: brochure, hits: 1, level: 'informational' },
    ]);

    const summary = await core.service.ruleHitSummary({ filter: {}, maxPoints: 10, topRules: 20 });
    const levelOf = (title: string) => summary.byRule.find((rule) => rule.title === title)?.level;
    expect(levelOf('Back office login')).toBeNull();
    expect(levelOf('Brochure download')).toBe('informational');
    // Counted in informational's rank (the chart by level), and said to be of rules with no level.
    expect(summary.byLevel).toEqual([{ level: 'informational', hits: 2, sessions: 2 }]);
    expect(summary.noLevelHits).toBe(1);

    const table = (await cli(['rules', 'list', '--db', dbPath, '--rules'])).stdout;
    expect(table.split('\n').find((line) => line.includes('Back office login'))).toMatch(/^no level\s/);
  });

  it('say "no level" in Triage\'s reasons when rule hits flag from informational up', async () => {
    const { core, backoffice } = ws;
    await core.service.changeDetectionSet({ ruleLevel: 'informational' });
    const queue = await core.service.flagQueue({
      filter: {},
      groupBySrcIp: false,
      groupByKind: false,
      offset: 0,
      limit: 100,
    });
    const item = queue.items.find((entry) => entry.session.id === backoffice);
    const reason = item?.reasons?.find((r) => r.by === 'rule');
    expect(reason).toMatchObject({ by: 'rule', title: 'Back office login', level: null });
    expect(reason && reasonText(reason)).toBe(
      'rule “Back office login” (no level) matched path = /backoffice',
    );
  });

  it('still rank with informational: level:informational finds them, level:>=low does not', async () => {
    const { core } = ws;
    const sources = async (filter: string) =>
      (
        await core.service.sessionPage({
          filter: { clauses: parseFilterOrThrow(filter) },
          sort: 'srcIp',
          direction: 'asc',
          offset: 0,
          limit: 10,
        })
      ).items.map((s) => s.srcIp);
    expect(await sources('level:informational')).toEqual(['198.51.100.2', '198.51.100.3']);
    expect(await sources('level:>=low')).toEqual([]);
  });

  it('say "no level" in the case report (HTML, STIX) and level null in the CSV and JSON exports', async () => {
    const { dir, dbPath, backoffice, brochure } = ws;
    const db = openDatabase(dbPath);
    try {
      const caseId = createCase(db, 'ana', {
        title: 'Back office',
        severity: 'low',
        summary: '',
        sessionIds: [backoffice, brochure],
        ips: [],
      });
      const file = (format: string) => path.join(dir, `case.${format}`);
      for (const format of ['html', 'stix', 'csv', 'json'] as const)
        await exportToFile(db, { caseId, format, path: file(format) });

      const page = fs.readFileSync(file('html'), 'utf8');
      expect(page).toContain('<span class="level level-none">no level</span> Back office login');
      expect(page).toContain(
        '<span class="level level-informational">informational</span> Brochure download',
      );

      const bundle = JSON.parse(fs.readFileSync(file('stix'), 'utf8')) as {
        objects: { type: string; name?: string; description?: string; labels?: string[] }[];
      };
      const indicator = bundle.objects.find((o) => o.type === 'indicator' && o.name === 'Back office login');
      expect(indicator?.description).toContain('(no level)');
      expect(indicator?.labels).toEqual(['sigma:0b7f3c1e-6a0d-4a59-9f3e-5b2a9d1c7e40', 'level:none']);

      const json = JSON.parse(fs.readFileSync(file('json'), 'utf8')) as {
        srcIp: string;
        ruleHits: { title: string; level: string | null }[];
      }[];
      const hitsOf = (ip: string) => json.find((row) => row.srcIp === ip)?.ruleHits;
      expect(hitsOf('198.51.100.2')).toMatchObject([{ title: 'Back office login', level: null }]);
      expect(hitsOf('198.51.100.3')).toMatchObject([{ title: 'Brochure download', level: 'informational' }]);

      const [header, ...rows] = parseCsv(fs.readFileSync(file('csv'), 'utf8'));
      const at = (name: string) => header?.indexOf(name) ?? -1;
      const cell = rows.find((row) => row[at('src_ip')] === '198.51.100.2')?.[at('rule_hits')];
      expect(JSON.parse(cell ?? '[]')).toMatchObject([{ title: 'Back office login', level: null }]);
    } finally {
      db.close();
    }
  });
});
