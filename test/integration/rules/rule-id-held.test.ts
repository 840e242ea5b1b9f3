// A rule another added set already holds, same id and definition (a shipped rule copied into the
// analyst's folder, one file copied into two folders), ran twice: each matching session got two hits
// from one rule and every hit total counted it twice, as nested folders did before `rules add`
// refused them. The copy is refused, naming the set that holds it and how to keep both; the folder's
// other rules load. A rule that only shares the id (changed) is a rule of its own and loads.
// A folder in which no rule loads is refused as an upload is: nothing is stored and the exit code
// says so (it used to register an empty set and exit 0).
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

const rule = (id: string, title: string, path: string) => `title: ${title}
id: ${id}
level: informational
logsource:
  category: webserver
detection:
  selection:
    cs-uri-stem: ${path}
  condition: selection
`;
const LOGIN_ID = '3a1f2d6e-8a41-4c3e-9d2a-5f0e9b7c1a02';
const LOGIN = rule(LOGIN_ID, 'Login page', '/login');
const INDEX = rule('7c0b9e1d-2f3a-4b5c-8d6e-9f0a1b2c3d4e', 'Index page', '/index.html');

interface ListedSet {
  id: number;
  source: string;
  enabled: boolean;
  hits: number;
  rules: { ruleId: string }[];
}

async function setup() {
  const dir = tempDir();
  const db = path.join(dir, 'v.db');
  const log = path.join(dir, 'access.log');
  fs.writeFileSync(log, `${LOG.join('\n')}\n`);
  expect((await cli(['ingest', log, '--db', db, '--json'])).error).toBeNull();
  const folder = (name: string, files: Record<string, string>) => {
    const at = path.join(dir, name);
    fs.mkdirSync(at);
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(at, file), text);
    return at;
  };
  const list = async () =>
    (JSON.parse((await cli(['rules', 'list', '--db', db, '--json'])).stdout) as ListedSet[]).filter(
      (set) => set.source !== 'pack' && set.enabled,
    );
  return { db, folder, list };
}

const said = (run: { stdout: string; stderr: string; error: Error | null }) =>
  `${run.stdout}${run.stderr}${run.error?.message ?? ''}`;

describe('vigil rules add of a rule whose id another set holds', () => {
  it('refuses the copy, naming the set that holds its id; the other rules load and hits stay single', async () => {
    const { db, folder, list } = await setup();
    const first = folder('first', { 'login.yml': LOGIN });
    const second = folder('second', { 'login.yml': LOGIN, 'index.yml': INDEX });
    expect((await cli(['rules', 'add', first, '--db', db])).error).toBeNull();
    const [held] = await list();
    const added = await cli(['rules', 'add', second, '--db', db, '--json']);
    expect(added.error).toBeNull();
    const load = JSON.parse(added.stdout) as { loaded: number; refused: { file: string; reason: string }[] };
    expect(load.loaded).toBe(1);
    expect(load.refused).toHaveLength(1);
    expect(load.refused[0]?.file).toBe('login.yml');
    expect(load.refused[0]?.reason).toContain(
      `the same rule as "Login page" (id ${LOGIN_ID}) of set ${held?.id} (${first}), loaded already`,
    );

    expect((await cli(['rules', 'run', '--db', db])).error).toBeNull();
    const sets = await list();
    expect(sets.map((set) => [set.source, set.hits])).toEqual([
      [first, 1],
      [second, 1],
    ]);
  });

  it('loads a changed copy (the same id, another definition) as a rule of its own', async () => {
    const { db, folder, list } = await setup();
    const first = folder('first', { 'login.yml': LOGIN });
    const changed = folder('changed', { 'login.yml': LOGIN.replace('/login', '/index.html') });
    expect((await cli(['rules', 'add', first, '--db', db])).error).toBeNull();
    const added = await cli(['rules', 'add', changed, '--db', db, '--json']);
    expect(JSON.parse(added.stdout)).toMatchObject({ loaded: 1, refused: [] });
    expect((await cli(['rules', 'run', '--db', db])).error).toBeNull();
    expect((await list()).map((set) => [set.source, set.hits])).toEqual([
      [first, 1],
      [changed, 1],
    ]);
  });

  it('reloads its own set: the id it holds is not in its own way', async () => {
    const { db, folder, list } = await setup();
    const first = folder('first', { 'login.yml': LOGIN });
    expect((await cli(['rules', 'add', first, '--db', db])).error).toBeNull();
    const again = await cli(['rules', 'add', first, '--db', db, '--json']);
    expect(again.error).toBeNull();
    expect(JSON.parse(again.stdout)).toMatchObject({ loaded: 1, refused: [] });
    expect((await list()).map((set) => set.source)).toEqual([first]);
  });

  it('refuses a folder in which no rule loads, storing nothing, with a failing exit', async () => {
    const { db, folder, list } = await setup();
    const first = folder('first', { 'login.yml': LOGIN });
    const copies = folder('copies', { 'login.yml': LOGIN });
    const broken = folder('broken', { 'bad.yml': 'title: Broken\nid: x\nlevel: high\n' });
    expect((await cli(['rules', 'add', first, '--db', db])).error).toBeNull();
    for (const dir of [copies, broken]) {
      const run = await cli(['rules', 'add', dir, '--db', db]);
      expect(run.error).not.toBeNull();
      expect(said(run)).toContain('No rule loaded from the 1 file; nothing was changed.');
    }
    expect(said(await cli(['rules', 'add', copies, '--db', db]))).toContain(`login.yml:1: the same rule as`);
    expect((await list()).map((set) => set.source)).toEqual([first]);
  });
});
