// Rules added from the page (addRuleFiles): the files travel as text through the contract's schema
// and the writer thread, land in the workspace's own rules folder, and load as a folder set. Bad
// input changes nothing; adding the same name again replaces the folder and keeps the hits of
// unchanged rules. Real SQLite file, real writer and rules worker threads, and serve mode's HTTP.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { addUploadedRules, uploadedRulesRoot } from '../../../src-main/core/rule-hits/rule-set-upload.js';
import { type Core, createCore } from '../../../src-main/core/service.js';
import { callOperation } from '../../../src-shared/call.js';
import type { RuleFolderLoad, RuleSetInfo } from '../../../src-shared/rules.js';
import { createTempDirs } from '../../helpers/temp.js';
import { callApi, startHarness } from '../server/harness.js';
import { CHECKOUT_RULE, LOGIN_CHECKOUT_LINES, LOGIN_RULE, pathRule } from './login-checkout.js';

const tempDir = createTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

const BROKEN = pathRule('Broken', '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d', '/x', 'selection and');

async function prepared() {
  const dir = tempDir();
  const dbPath = path.join(dir, 'web.db');
  fs.writeFileSync(path.join(dir, 'a.log'), `${LOGIN_CHECKOUT_LINES.join('\n')}\n`);
  const db = openDatabase(dbPath);
  await runImport(db, { file: path.join(dir, 'a.log'), enrich: false });
  db.close();
  const core = createCore({ dbPath, readWorkers: 1 });
  cores.push(core);
  const add = async (args: unknown) => {
    const outcome = await callOperation(core.service, 'addRuleFiles', args);
    if (!outcome.ok) throw new Error(outcome.error);
    return outcome.value as RuleFolderLoad;
  };
  const refusal = async (args: unknown) => {
    const outcome = await callOperation(core.service, 'addRuleFiles', args);
    if (outcome.ok) throw new Error('the upload was accepted');
    return outcome.error;
  };
  const run = async () => {
    const { jobId } = await core.service.runRules({});
    await expect
      .poll(async () => (await core.service.jobStatus({ jobId })).state, { timeout: 20_000 })
      .toBe('done');
  };
  const sets = () => core.service.listRuleSets({});
  const folderSets = async () => (await sets()).filter((set) => set.kind === 'folder');
  const hitsOf = (set: RuleSetInfo | undefined) =>
    Object.fromEntries((set?.rules ?? []).map((r) => [r.title, r.hits]));
  return { dir, dbPath, core, add, refusal, run, sets, folderSets, hitsOf };
}

describe('adding rules from the page', () => {
  it('writes the files beside the database and loads them as a folder set, with its refusals', async () => {
    const { dir, add, run, folderSets, hitsOf } = await prepared();
    const load = await add({
      name: 'Web Rules!',
      files: [
        { relativePath: 'login.yml', text: LOGIN_RULE },
        { relativePath: 'sub/broken.yaml', text: BROKEN },
      ],
    });
    const folder = path.join(dir, 'web.rules', 'web-rules');
    expect(uploadedRulesRoot(path.join(dir, 'web.db'))).toBe(path.join(dir, 'web.rules'));
    expect(load.loaded).toBe(1);
    expect(load.set).toMatchObject({ source: folder, kind: 'folder', files: 2, stale: true, enabled: true });
    expect(load.refused).toEqual([
      expect.objectContaining({ file: path.join('sub', 'broken.yaml'), line: 8, title: 'Broken' }),
    ]);
    expect(fs.readFileSync(path.join(folder, 'login.yml'), 'utf8')).toBe(LOGIN_RULE);
    expect(fs.readFileSync(path.join(folder, 'sub', 'broken.yaml'), 'utf8')).toBe(BROKEN);
    // Nothing staged is left behind.
    expect(fs.readdirSync(path.join(dir, 'web.rules', '.work'))).toEqual([]);
    await run();
    const [set] = await folderSets();
    expect(set?.stale).toBe(false);
    expect(hitsOf(set)).toEqual({ 'Login requested': 2 });
  });

  it('refuses paths that leave the folder, and files that are not rule files, before writing anything', async () => {
    const { dir, refusal, folderSets } = await prepared();
    const tries: [string, RegExp][] = [
      ['../x.yml', /\.\. part/],
      ['sub/../../x.yml', /\.\. part/],
      ['/etc/x.yml', /absolute/],
      ['C:/x.yml', /absolute/],
      ['a\\..\\x.yml', /backslash/],
      ['a\u0000.yml', /NUL/],
      ['a//x.yml', /empty part/],
      ['notes.txt', /not a \.yml or \.yaml file/],
      ['.github/x.yml', /hidden/],
    ];
    for (const [relativePath, reason] of tries) {
      const error = await refusal({ name: 'evil', files: [{ relativePath, text: LOGIN_RULE }] });
      expect(error, relativePath).toMatch(/^Invalid arguments for addRuleFiles/);
      expect(error, relativePath).toMatch(reason);
    }
    expect(fs.existsSync(path.join(dir, 'x.yml'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'web.rules'))).toBe(false);
    expect(await folderSets()).toEqual([]);
  });

  it('refuses a path that leaves the folder even when a caller skips the schema', async () => {
    const { dir, dbPath } = await prepared();
    const db = openDatabase(dbPath);
    try {
      expect(() =>
        addUploadedRules(db, { name: 'evil', files: [{ relativePath: '../../x.yml', text: LOGIN_RULE }] }),
      ).toThrow(/\.\. part/);
    } finally {
      db.close();
    }
    expect(fs.existsSync(path.join(dir, 'x.yml'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'web.rules', 'evil'))).toBe(false);
  });

  it('holds the limits: files, bytes per file and in all, no file at all, one name twice', async () => {
    const { refusal, folderSets } = await prepared();
    const many = Array.from({ length: 2001 }, (_, i) => ({ relativePath: `r${i}.yml`, text: LOGIN_RULE }));
    expect(await refusal({ name: 'many', files: many })).toMatch(/2001|2000/);
    // 1 MiB of text in characters that take 2 bytes each is 2 MiB on disk.
    const wide = `# ${'é'.repeat(600 * 1024)}\n${LOGIN_RULE}`;
    expect(await refusal({ name: 'big', files: [{ relativePath: 'big.yml', text: wide }] })).toMatch(
      /big\.yml: larger than 1 MiB/,
    );
    const nearlyMiB = `# ${'x'.repeat(1000 * 1024)}\n${LOGIN_RULE}`;
    const total = Array.from({ length: 21 }, (_, i) => ({ relativePath: `r${i}.yml`, text: nearlyMiB }));
    expect(await refusal({ name: 'total', files: total })).toMatch(/at most 20 MiB/);
    expect(await refusal({ name: 'none', files: [] })).toMatch(/Choose at least one/);
    expect(
      await refusal({
        name: 'twice',
        files: [
          { relativePath: 'a.yml', text: LOGIN_RULE },
          { relativePath: 'A.yml', text: CHECKOUT_RULE },
        ],
      }),
    ).toMatch(/two files of this name/);
    expect(await refusal({ name: '   ', files: [{ relativePath: 'a.yml', text: LOGIN_RULE }] })).toMatch(
      /name/,
    );
    expect(await folderSets()).toEqual([]);
  });

  it('replaces the set on a second add of the same name, keeping the hits of unchanged rules', async () => {
    const { dir, add, run, folderSets, hitsOf } = await prepared();
    await add({
      name: 'my rules',
      files: [
        { relativePath: 'login.yml', text: LOGIN_RULE },
        { relativePath: 'checkout.yml', text: CHECKOUT_RULE },
      ],
    });
    await run();
    const [first] = await folderSets();
    expect(hitsOf(first)).toEqual({ 'Login requested': 2, 'Checkout requested': 2 });
    // The same name in other words is the same set: checkout.yml goes, a changed login.yml comes.
    const again = await add({
      name: 'My Rules',
      files: [{ relativePath: 'login.yml', text: `# reviewed\n${LOGIN_RULE}` }],
    });
    expect(again.set.id).toBe(first?.id);
    const folder = path.join(dir, 'web.rules', 'my-rules');
    expect(fs.readdirSync(folder)).toEqual(['login.yml']);
    const sets = await folderSets();
    expect(sets).toHaveLength(1);
    expect(hitsOf(sets[0])).toEqual({ 'Login requested': 2 });
    expect(sets[0]?.stale).toBe(true);
  });

  it('changes nothing when no rule of the files loads, or a file is not YAML', async () => {
    const { dir, add, refusal, run, folderSets, hitsOf } = await prepared();
    await add({ name: 'mine', files: [{ relativePath: 'login.yml', text: LOGIN_RULE }] });
    await run();
    const before = await folderSets();
    const error = await refusal({
      name: 'mine',
      files: [
        { relativePath: 'broken.yml', text: BROKEN },
        { relativePath: 'prose.yml', text: 'key: [unclosed\n' },
      ],
    });
    expect(error).toMatch(/^No rule loaded from the 2 files; nothing was changed\./);
    expect(error).toMatch(/broken\.yml:8: condition: /);
    expect(error).toMatch(/prose\.yml:\d+: YAML: /);
    const folder = path.join(dir, 'web.rules', 'mine');
    expect(fs.readdirSync(folder)).toEqual(['login.yml']);
    expect(await folderSets()).toEqual(before);
    expect(hitsOf(before[0])).toEqual({ 'Login requested': 2 });
    expect(fs.readdirSync(path.join(dir, 'web.rules', '.work'))).toEqual([]);
  });

  it('puts the previous folder back when loading the new one fails', async () => {
    const { dir, add, refusal, run, core, folderSets, hitsOf } = await prepared();
    await add({ name: 'mine', files: [{ relativePath: 'login.yml', text: LOGIN_RULE }] });
    await run();
    const before = await folderSets();
    // Another set holding the workspace's rules folder: loading `mine` again would run its rules twice.
    const other = path.join(dir, 'web.rules', 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'checkout.yml'), CHECKOUT_RULE);
    await core.service.removeRuleSet({ id: before[0]?.id ?? -1 });
    await core.service.addRuleFolder({ path: path.join(dir, 'web.rules') });
    const error = await refusal({
      name: 'mine',
      files: [{ relativePath: 'checkout.yml', text: CHECKOUT_RULE }],
    });
    expect(error).toMatch(/is inside rule set/);
    expect(fs.readdirSync(path.join(dir, 'web.rules', 'mine'))).toEqual(['login.yml']);
    expect(fs.readFileSync(path.join(dir, 'web.rules', 'mine', 'login.yml'), 'utf8')).toBe(LOGIN_RULE);
    expect(fs.readdirSync(path.join(dir, 'web.rules', '.work'))).toEqual([]);
    const mine = (await folderSets()).find((set) => set.id === before[0]?.id);
    expect(mine?.rules.map((r) => r.title)).toEqual(['Login requested']);
    expect(hitsOf(before[0])).toEqual({ 'Login requested': 2 });
  });
});

describe('adding rules from the served page', () => {
  it('takes an upload larger than the 1 MiB other calls get, within its own limit', async () => {
    const h = await startHarness();
    try {
      // 3 × 700 KiB of comments: the request body is over 2 MiB.
      const padded = (body: string) => `# ${'x'.repeat(700 * 1024)}\n${body}`;
      const reply = await callApi(h, 'addRuleFiles', {
        name: 'big set',
        files: [
          { relativePath: 'a/login.yml', text: padded(LOGIN_RULE) },
          { relativePath: 'a/checkout.yml', text: padded(CHECKOUT_RULE) },
          { relativePath: 'b/broken.yml', text: padded(BROKEN) },
        ],
      });
      expect(reply.status).toBe(200);
      const { value } = reply.json() as { value: RuleFolderLoad };
      expect(value.loaded).toBe(2);
      expect(value.refused).toHaveLength(1);
      expect(value.set.source).toBe(path.join(h.dir, 'x.rules', 'big-set'));
      const traversal = await callApi(h, 'addRuleFiles', {
        name: 'evil',
        files: [{ relativePath: '../x.yml', text: LOGIN_RULE }],
      });
      expect(traversal.status).toBe(400);
      expect(fs.existsSync(path.join(h.dir, 'x.yml'))).toBe(false);
    } finally {
      await h.close();
    }
  });
});
