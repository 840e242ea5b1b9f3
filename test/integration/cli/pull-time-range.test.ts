// `vigil pull` with --since and --from: both say where the range starts, and a pull used to take
// --from and drop --since without a word (a source pull) or answer in the contract's field names
// (a log group pull). Refused before anything connects, naming the flags; --since with --to (the
// duration before that end) stays a range. The contract refuses the pair for the app too.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerPull } from '../../../src-main/cli/commands/pull.js';
import { createCore } from '../../../src-main/core/service.js';
import { callOperation } from '../../../src-shared/call.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const pull = (...args: string[]) => runCli([registerPull], ['pull', ...args]);
const REFUSED =
  '--since and --from both set where the time range starts: give one of them (--since counts back from --to, or from now)';

describe('vigil pull --since with --from', () => {
  it.each([
    ['--source', 'fleet'],
    ['--log-group', '/aws/vpc/flow'],
  ])('refuses both with %s, naming the flags', async (flag, name) => {
    const db = path.join(tempDir(), 'vigil.db');
    const run = await pull(
      flag,
      name,
      '--region',
      'eu-west-1',
      '--since',
      '24h',
      '--from',
      '2024-05-01T00:00:00Z',
      '--db',
      db,
    );
    expect(run.error?.message).toBe(REFUSED);
    const withTo = await pull(
      flag,
      name,
      '--since',
      '24h',
      '--to',
      '2024-05-01T00:00:00Z',
      '--from',
      '0',
      '--db',
      db,
    );
    expect(withTo.error?.message).toBe(REFUSED);
  });

  it('keeps --since with --to a range (the duration before that end)', async () => {
    const db = path.join(tempDir(), 'vigil.db');
    const run = await pull('--source', 'fleet', '--since', '7d', '--to', '2024-05-01T00:00:00Z', '--db', db);
    // Past the range check: the source is what is missing.
    expect(run.error?.message).toMatch(/No source named "fleet"/);
  });

  it('is refused by the contract for a source pull too, as for a log group', async () => {
    const core = createCore({ dbPath: path.join(tempDir(), 'vigil.db'), enrich: false });
    try {
      const refused = await callOperation(core.service, 'startSourcePull', {
        source: 'fleet',
        since: '24h',
        from: Date.UTC(2024, 4, 1),
      });
      expect(refused).toMatchObject({ ok: false, invalid: true });
      expect(refused.ok ? '' : refused.error).toMatch(/Give either since or from, not both/);
    } finally {
      await core.close();
    }
  });
});
