// A rule folder inside (or around) a folder already added holds the same rule files: as a second
// set each matching session got two hits from one rule, and hit totals counted them twice. `vigil
// rules add` refuses it, naming the set it overlaps and how to remove that set; nothing is stored.
// After removing the one set, the other folder is taken. Re-adding the same folder still reloads it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerIngest } from '../../../src-main/cli/commands/ingest.js';
import { registerRules } from '../../../src-main/cli/commands/rules.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const cli = (args: string[]) => runCli([registerIngest, registerRules], args);

const LOG = [
  '198.51.100.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '198.51.100.2 - - [12/Feb/2024:10:00:01 +0000] "GET /login HTTP/1.1" 302 0 "-" "Mozilla/5.0"',
];

const LOGIN_RULE = `title: Login page
id: 3a1f2d6e-8a41-4c3e-9d2a-5f0e9b7c1a01
level: informational
logsource:
  category: webserver
detection:
  selection:
    cs-uri-stem: /login
  condition: selection
`;

interface ListedSet {
  id: number;
  source: string;
  enabled: boolean;
  hits: number;
}

async function setup() {
  const dir = tempDir();
  const db = path.join(dir, 'v.db');
  const log = path.join(dir, 'access.log');
  fs.writeFileSync(log, `${LOG.join('\n')}\n`);
  expect((await cli(['ingest', log, '--db', db, '--json'])).error).toBeNull();
  const rules = path.join(dir, 'rules');
  const web = path.join(rules, 'web');
  fs.mkdirSync(web, { recursive: true });
  fs.writeFileSync(path.join(web, 'login.yml'), LOGIN_RULE);
  const list = async () =>
    (JSON.parse((await cli(['rules', 'list', '--db', db, '--json'])).stdout) as ListedSet[]).filter(
      (set) => set.source !== 'pack' && set.enabled,
    );
  return { dir, db, rules, web, list };
}

const refused = (run: { stderr: string; error: Error | null }) => `${run.stderr}${run.error?.message ?? ''}`;

describe('vigil rules add of a folder overlapping one already added', () => {
  it('refuses a parent of an added folder, naming the set and how to remove it; hits stay single', async () => {
    const { db, rules, web, list } = await setup();
    expect((await cli(['rules', 'add', web, '--db', db])).error).toBeNull();
    const [inner] = await list();
    const parent = await cli(['rules', 'add', rules, '--db', db]);
    expect(parent.error).not.toBeNull();
    expect(refused(parent)).toContain(
      `${rules} holds rule set ${inner?.id} (${web}), added already: its rules would run twice. ` +
        `Remove that set first (vigil rules remove ${inner?.id}) or add a folder apart from it.`,
    );
    expect((await list()).map((set) => set.source)).toEqual([web]);

    // One rule, one matching session: one hit.
    expect((await cli(['rules', 'run', '--db', db])).error).toBeNull();
    expect((await list()).map((set) => set.hits)).toEqual([1]);

    // Re-adding the same folder reloads it, as before.
    expect((await cli(['rules', 'add', web, '--db', db])).error).toBeNull();
    // Removed, the inner set no longer stands in the way of its parent.
    expect((await cli(['rules', 'remove', String(inner?.id), '--db', db])).error).toBeNull();
    expect((await cli(['rules', 'add', rules, '--db', db])).error).toBeNull();
    expect((await list()).map((set) => set.source)).toEqual([rules]);
  });

  it('refuses a folder inside an added one, also through a link', async () => {
    const { dir, db, rules, web, list } = await setup();
    expect((await cli(['rules', 'add', rules, '--db', db])).error).toBeNull();
    const [outer] = await list();
    const inside = await cli(['rules', 'add', web, '--db', db]);
    expect(refused(inside)).toContain(
      `${web} is inside rule set ${outer?.id} (${rules}), added already: its rules would run twice. ` +
        `Remove that set first (vigil rules remove ${outer?.id}) or add a folder apart from it.`,
    );
    const link = path.join(dir, 'link-to-web');
    fs.symlinkSync(web, link);
    expect(refused(await cli(['rules', 'add', link, '--db', db]))).toContain(`${web} is inside rule set`);
    // A sibling whose name begins with the same letters is apart from it.
    const apart = path.join(dir, 'rules-extra');
    fs.mkdirSync(apart);
    fs.writeFileSync(path.join(apart, 'login.yml'), LOGIN_RULE.replace('Login page', 'Login again'));
    expect((await cli(['rules', 'add', apart, '--db', db])).error).toBeNull();
    expect((await list()).map((set) => set.source)).toEqual([rules, apart]);
  });
});
