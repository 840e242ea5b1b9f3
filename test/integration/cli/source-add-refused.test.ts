// `vigil source add "my src" …` named an option the user never typed: `--name "my src": letters, …`
// (the source's name is the command's argument). The refusal names the argument as the usage does,
// and nothing is added.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerSource } from '../../../src-main/cli/commands/source.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const cli = (...args: string[]) => runCli([registerSource], args);

describe('vigil source add with a name the rule refuses', () => {
  it('names the <name> argument, not an option, and adds nothing', async () => {
    const db = path.join(tempDir(), 'vigil.db');
    const common = ['--clickhouse', 'http://127.0.0.1:9', '--database', 'logs', '--table', 'web'];
    for (const name of ['my src', "a'b"]) {
      const run = await cli('source', 'add', name, ...common, '--no-check', '--db', db);
      expect(run.error?.message).toBe(
        `<name> ${JSON.stringify(name)}: letters, digits, dot, dash and underscore (1–64)`,
      );
    }
    const list = await cli('source', 'list', '--db', db, '--json');
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});
