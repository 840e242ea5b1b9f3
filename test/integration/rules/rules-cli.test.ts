// `vigil rules add|list|remove|run` in-process, through the service as the command line runs it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerIngest } from '../../../src-main/cli/commands/ingest.js';
import { registerRules } from '../../../src-main/cli/commands/rules.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempDirs, ROOT } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const cli = (args: string[]) => runCli([registerIngest, registerRules], args);

const LOG = [
  '198.51.100.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '198.51.100.2 - - [12/Feb/2024:10:00:01 +0000] "GET /login?next=/account HTTP/1.1" 302 0 "-" "Mozilla/5.0"',
  '198.51.100.3 - - [12/Feb/2024:10:00:02 +0000] "GET /.git/config HTTP/1.1" 404 0 "-" "Mozilla/5.0"',
];

const GOOD_RULE = `title: Login page
id: 3a1f2d6e-8a41-4c3e-9d2a-5f0e9b7c1a01
level: informational
logsource:
  category: webserver
detection:
  selection:
    cs-uri-stem: /login
  condition: selection
`;
// Refused: an aggregation (a count over time) is not evaluated.
const REFUSED_RULE = `title: Many logins
id: 3a1f2d6e-8a41-4c3e-9d2a-5f0e9b7c1a02
level: low
logsource:
  category: webserver
detection:
  selection:
    cs-uri-stem: /login
  condition: selection | count() by c-ip > 10
`;

describe('vigil rules', () => {
  it('adds a folder (with the file, line and reason of each refusal), lists, runs and removes', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const log = path.join(dir, 'access.log');
    fs.writeFileSync(log, `${LOG.join('\n')}\n`);
    expect((await cli(['ingest', log, '--db', db, '--json'])).error).toBeNull();
    const rulesDir = path.join(dir, 'my-rules');
    fs.mkdirSync(rulesDir);
    fs.writeFileSync(path.join(rulesDir, 'login.yml'), GOOD_RULE);
    fs.writeFileSync(path.join(rulesDir, 'zz-many.yml'), `# a rule we cannot run\n${REFUSED_RULE}`);

    const add = await cli(['rules', 'add', rulesDir, '--db', db]);
    expect(add.error).toBeNull();
    expect(add.stdout).toContain('1 rule(s) loaded from 2 file(s), 1 refused');
    // The line of the part refused: the condition's aggregation.
    expect(add.stderr).toMatch(/refused zz-many\.yml:10: Many logins: .*count/i);

    const before = await cli(['rules', 'list', '--db', db, '--json']);
    const sets = JSON.parse(before.stdout) as { source: string; hits: number; stale: boolean }[];
    expect(sets.map((set) => set.source)).toEqual(['pack', rulesDir]);
    expect(sets[0]).toMatchObject({ stale: false });
    expect(sets[0]?.hits).toBeGreaterThan(0); // the .git probe, at import
    expect(sets[1]).toMatchObject({ hits: 0, stale: true });

    const run = await cli(['rules', 'run', '--db', db]);
    expect(run.error).toBeNull();
    expect(run.stdout).toMatch(/rules over 3 sessions: \d+ hits/);
    const after = JSON.parse((await cli(['rules', 'list', '--db', db, '--json'])).stdout) as typeof sets;
    expect(after[1]).toMatchObject({ hits: 1, stale: false });
    const table = await cli(['rules', 'list', '--db', db, '--rules']);
    expect(table.stdout).toContain('Login page');

    const remove = await cli(['rules', 'remove', 'pack', '--db', db]);
    expect(remove.stdout).toContain('(pack) is off');
    const off = JSON.parse(
      (await cli(['rules', 'list', '--db', db, '--json'])).stdout,
    ) as ((typeof sets)[0] & {
      enabled: boolean;
    })[];
    expect(off[0]).toMatchObject({ enabled: false, hits: 0 });
    const unknown = await cli(['rules', 'remove', 'nothing-like-this', '--db', db]);
    expect(`${unknown.stderr}${unknown.error?.message ?? ''}`).toMatch(
      /No rule set "nothing-like-this"\. Sets: 1 \(pack\)/,
    );
  });

  it('takes a link to a folder already added as that folder, and removes a set by a relative path', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const rulesDir = path.join(dir, 'my-rules');
    fs.mkdirSync(rulesDir);
    fs.writeFileSync(path.join(rulesDir, 'login.yml'), GOOD_RULE);
    // A cloned rule repository's workflows are not rules, and an empty file is said to hold none.
    fs.mkdirSync(path.join(rulesDir, '.github'));
    fs.writeFileSync(path.join(rulesDir, '.github', 'ci.yml'), 'on: push\n');
    fs.writeFileSync(path.join(rulesDir, 'empty.yml'), '');
    const link = path.join(dir, 'link-to-rules');
    fs.symlinkSync(rulesDir, link);
    const first = await cli(['rules', 'add', rulesDir, '--db', db]);
    expect(first.stdout).toContain('1 rule(s) loaded from 2 file(s), 1 refused');
    expect(first.stderr).toContain('refused empty.yml:1: the file holds no rule');
    expect((await cli(['rules', 'add', link, '--db', db])).error).toBeNull();
    const sets = JSON.parse((await cli(['rules', 'list', '--db', db, '--json'])).stdout) as {
      source: string;
    }[];
    expect(sets.map((set) => set.source).sort()).toEqual(['pack', rulesDir].sort());
    const remove = await cli(['rules', 'remove', path.relative(process.cwd(), link), '--db', db]);
    expect(remove.error).toBeNull();
    expect(remove.stdout).toContain(`(${rulesDir}) is off`);
  });

  it('turns the pack off and on again, by its name or by its folder, as the remove message says', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const log = path.join(dir, 'access.log');
    fs.writeFileSync(log, `${LOG.join('\n')}\n`);
    expect((await cli(['ingest', log, '--db', db, '--json'])).error).toBeNull();
    const list = async () =>
      JSON.parse((await cli(['rules', 'list', '--db', db, '--json'])).stdout) as {
        source: string;
        enabled: boolean;
        stale: boolean;
        rules: unknown[];
      }[];
    const remove = await cli(['rules', 'remove', 'pack', '--db', db]);
    expect(remove.stdout).toContain('`vigil rules add pack` turns it on again');
    const on = await cli(['rules', 'add', 'pack', '--db', db]);
    expect(on.error).toBeNull();
    expect(on.stdout).toMatch(/^pack: \d+ rule\(s\) loaded/);
    // Back on, with every rule, and its hits to be computed again; no second set beside it.
    let sets = await list();
    expect(sets.map((set) => set.source)).toEqual(['pack']);
    expect(sets[0]).toMatchObject({ enabled: true, stale: true });
    expect(sets[0]?.rules.length).toBeGreaterThan(10);
    // The pack's own folder, given as a folder, is the pack too.
    await cli(['rules', 'remove', 'pack', '--db', db]);
    expect((await cli(['rules', 'add', path.join(ROOT, 'resources', 'rules'), '--db', db])).error).toBeNull();
    sets = await list();
    expect(sets.map((set) => [set.source, set.enabled])).toEqual([['pack', true]]);
  });

  it('says what is wrong with a folder that is not there', async () => {
    const dir = tempDir();
    const run = await cli(['rules', 'add', path.join(dir, 'missing'), '--db', path.join(dir, 'v.db')]);
    expect(`${run.stderr}${run.error?.message ?? ''}`).toMatch(/No folder .*missing/);
  });
});
