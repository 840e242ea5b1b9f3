// `--analyst NAME` is taken by exactly the commands that sign work in the audit log (verdicts,
// cases and their items, notes and tags, IOC lists, and serve, whose page records all of those),
// and by no other; the name given signs every action; a blank name is refused, as the app's
// "Signed as" refuses it, rather than signing the audit log with nobody.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../../src-main/cli/commands/index.js';
import { buildCliIfStale, runBuiltCli } from '../../helpers/built-cli.js';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { CLI, createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
beforeAll(buildCliIfStale);

/** Every runnable command of the real CLI by its full name ("case note"), with its options. */
function commandsOf(command: Command, prefix = ''): [string, Command][] {
  return command.commands.flatMap((sub) => {
    const name = `${prefix}${sub.name()}`;
    const below = commandsOf(sub, `${name} `);
    return below.length ? below : [[name, sub] as [string, Command]];
  });
}

const SIGNING = [
  'case add',
  'case create',
  'case delete',
  'case note',
  'case tag',
  'case untag',
  'case update',
  'ioc add',
  'ioc remove',
  'serve',
  'verdict',
];

describe('--analyst', () => {
  it('is an option of every command that signs work, and of no other', () => {
    const program = new Command('vigil');
    registerCommands(program);
    const taking = commandsOf(program)
      .filter(([, command]) => command.options.some((option) => option.long === '--analyst'))
      .map(([name]) => name)
      .sort();
    expect(taking).toEqual(SIGNING);
  });

  it('signs every action of the CLI commands with the name given, and refuses a blank one', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const file = path.join(dir, 'four.csv');
    fs.writeFileSync(file, `${CLOUDWATCH_HEADER}\n${[0, 1, 2, 3].map((i) => cloudwatchRow(i)).join('\n')}\n`);
    const list = path.join(dir, 'bad.txt');
    fs.writeFileSync(list, '203.0.113.0/24\n');
    expect((await runBuiltCli('ingest', file, '--no-enrich', '--db', db)).code).toBe(0);
    for (const args of [
      ['verdict', '--session', '1', '--verdict', 'malicious'],
      ['verdict', '--undo'],
      ['case', 'create', '--title', 'Night Owl', '--session', '1'],
      ['case', 'update', '1', '--severity', 'high'],
      ['case', 'add', '1', '--session', '2'],
      ['case', 'note', '1', 'beaconing'],
      ['case', 'tag', '1', 'apt'],
      ['case', 'untag', '1', 'apt'],
      ['case', 'create', '--title', 'Opened by mistake'],
      ['case', 'delete', '2', '--yes'],
      ['ioc', 'add', list, '--name', 'bad', '--kind', 'known_bad'],
      ['ioc', 'remove', 'bad'],
    ]) {
      const run = await runBuiltCli(...args, '--analyst', 'bob', '--db', db);
      expect({ args, stderr: run.stderr, code: run.code }).toEqual({ args, stderr: '', code: 0 });
    }
    const blank = await runBuiltCli('case', 'note', '1', 'x', '--analyst', '  ', '--db', db);
    expect(blank.code).toBe(1);
    expect(blank.stderr).toMatch(/^vigil: .*--analyst/);

    const raw = new Database(db, { readonly: true });
    try {
      const signers = raw.prepare('SELECT kind, analyst FROM audit_actions ORDER BY id').all();
      expect(signers).toHaveLength(12);
      for (const row of signers) expect(row).toMatchObject({ analyst: 'bob' });
    } finally {
      raw.close();
    }
  }, 60_000);
});

describe('vigil serve --analyst', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    child?.kill('SIGTERM');
    child = null;
  });

  it('signs what the page records with the name given', async () => {
    const db = path.join(tempDir(), 'v.db');
    const serve = spawn(
      process.execPath,
      [CLI, 'serve', '--db', db, '--port', '0', '--no-sample', '--json', '--analyst', 'bob'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = serve;
    let stderr = '';
    serve.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      serve.stdout?.on('data', (chunk) => {
        stdout += chunk;
        const found = /"url": "([^"]+)"/.exec(stdout);
        if (found?.[1]) resolve(found[1]);
      });
      serve.once('exit', () => reject(new Error(`serve ended: ${stderr}`)));
    });
    // Sign in with the printed link, as a browser does.
    const signIn = await fetch(url, { redirect: 'manual' });
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    const call = async (operation: string, args: unknown) => {
      const reply = await fetch(new URL(`/api/${operation}`, url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify(args),
      });
      return (await reply.json()) as { ok: boolean; value: unknown };
    };
    expect(await call('getAnalyst', {})).toEqual({ ok: true, value: { name: 'bob' } });
    expect(await call('createCase', { title: 'From the page' })).toMatchObject({
      ok: true,
      value: { case: { createdBy: 'bob' } },
    });
  }, 60_000);
});
