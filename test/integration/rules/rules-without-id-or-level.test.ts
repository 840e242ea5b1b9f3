// An analyst's hand-written rule without `id` or `level` (both optional in Sigma), through
// `vigil rules add|list|run` on a real SQLite file: it loads, runs and hits; it is listed with
// "no level" and its derived id; reloading the edited file keeps one rule under the same id (no
// second rule, no orphaned hits); its hits rank with informational for `level:` terms.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerIngest } from '../../../src-main/cli/commands/ingest.js';
import { registerRules } from '../../../src-main/cli/commands/rules.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { sessionPage } from '../../../src-main/core/db/sessions.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const cli = (args: string[]) => runCli([registerIngest, registerRules], args);

const LOG = [
  '198.51.100.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '198.51.100.2 - - [12/Feb/2024:10:00:01 +0000] "GET /backoffice/login HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
  '198.51.100.3 - - [12/Feb/2024:10:00:02 +0000] "GET /staff/login HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
];

/** Only what the Sigma specification requires: title, logsource, detection. */
const handWritten = (test: string) => `title: Back office login
logsource:
  category: webserver
detection:
  selection:
    ${test}
  condition: selection
`;
const BACKOFFICE = 'cs-uri-stem|startswith: /backoffice';

interface ListedSet {
  source: string;
  hits: number;
  stale: boolean;
  rules: { ruleId: string; title: string; level: string | null; derivedId: boolean; hits: number }[];
}

async function workspace() {
  const dir = tempDir();
  const db = path.join(dir, 'v.db');
  fs.writeFileSync(path.join(dir, 'access.log'), `${LOG.join('\n')}\n`);
  expect((await cli(['ingest', path.join(dir, 'access.log'), '--db', db, '--json'])).error).toBeNull();
  const rulesDir = path.join(dir, 'my-rules');
  fs.mkdirSync(rulesDir);
  const list = async () => {
    const sets = JSON.parse((await cli(['rules', 'list', '--db', db, '--json'])).stdout) as ListedSet[];
    return sets.find((set) => set.source === rulesDir);
  };
  return { db, rulesDir, list };
}

describe('vigil rules with a rule without id or level', () => {
  it('loads, lists (no level, derived id), runs and reloads it under the same id', async () => {
    const { db, rulesDir, list } = await workspace();
    fs.writeFileSync(path.join(rulesDir, 'backoffice.yml'), handWritten(BACKOFFICE));

    const add = await cli(['rules', 'add', rulesDir, '--db', db]);
    expect(add.error).toBeNull();
    expect(add.stdout).toContain('1 rule(s) loaded from 1 file(s), 0 refused');
    expect(add.stderr).toBe('');

    expect((await cli(['rules', 'run', '--db', db])).error).toBeNull();
    const first = await list();
    expect(first?.rules).toEqual([
      {
        ruleId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        title: 'Back office login',
        level: null,
        derivedId: true,
        techniques: [],
        hits: 1,
      },
    ]);
    const id = first?.rules[0]?.ruleId;

    const table = (await cli(['rules', 'list', '--db', db, '--rules'])).stdout;
    const row = table.split('\n').find((line) => line.includes('Back office login'));
    expect(row).toMatch(/^no level\s+1\s+-\s+Back office login\s+[0-9a-f-]{36} \(derived\)\s*$/);
    expect(table).not.toMatch(/high.*Back office login/);

    // The analyst widens the rule and loads the folder again: still one rule, known by the same id,
    // its old hit gone (not kept beside the new ones) until the run computes them again.
    fs.writeFileSync(path.join(rulesDir, 'backoffice.yml'), handWritten('cs-uri-stem|endswith: /login'));
    expect((await cli(['rules', 'add', rulesDir, '--db', db])).stdout).toContain('1 rule(s) loaded');
    const reloaded = await list();
    expect(reloaded?.rules.map((r) => [r.ruleId, r.hits])).toEqual([[id, 0]]);
    expect(reloaded?.stale).toBe(true);
    expect((await cli(['rules', 'run', '--db', db])).error).toBeNull();
    expect((await list())?.rules.map((r) => [r.ruleId, r.hits])).toEqual([[id, 2]]);

    // With no level written, its hits rank with informational: below any level:>=low threshold.
    const core = openDatabase(db);
    try {
      const sources = (filter: string) =>
        sessionPage(core, {
          filter: { clauses: parseFilterOrThrow(filter) },
          sort: 'srcIp',
          direction: 'asc',
          offset: 0,
          limit: 10,
        }).items.map((session) => session.srcIp);
      expect(sources(`sigma:${id}`)).toEqual(['198.51.100.2', '198.51.100.3']);
      expect(sources('level:informational')).toEqual(['198.51.100.2', '198.51.100.3']);
      expect(sources('level:>=low')).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('refuses, with file, line and reason, the rules that really are invalid, and loads the rest', async () => {
    const { db, rulesDir } = await workspace();
    fs.writeFileSync(path.join(rulesDir, 'good.yml'), handWritten(BACKOFFICE));
    fs.writeFileSync(
      path.join(rulesDir, 'no-title.yml'),
      handWritten(BACKOFFICE).replace('title: Back office login\n', ''),
    );
    fs.writeFileSync(
      path.join(rulesDir, 'no-detection.yml'),
      'title: Nothing to match\nlogsource: { category: webserver }\n',
    );
    fs.writeFileSync(path.join(rulesDir, 'bad-level.yml'), `${handWritten(BACKOFFICE)}level: urgent\n`);
    const add = await cli(['rules', 'add', rulesDir, '--db', db]);
    expect(add.error).toBeNull();
    expect(add.stdout).toContain('1 rule(s) loaded from 4 file(s), 3 refused');
    expect(add.stderr).toContain('refused bad-level.yml:8: Back office login: level "urgent" is not one of');
    expect(add.stderr).toMatch(/refused no-detection\.yml:1: Nothing to match: .*detection/);
    expect(add.stderr).toContain('refused no-title.yml:1: the rule has no title');
  });
});
