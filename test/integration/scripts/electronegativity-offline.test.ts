// `npm test` makes no network request: its Electron security lint (scripts/electronegativity.mjs)
// runs with DNS and outgoing connections refused and recorded, and must try none, and still pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, ROOT } from '../../e2e/serve-process.js';

describe('the electronegativity step of npm test', () => {
  it('asks the network for nothing, and still passes on the built app', () => {
    assertBuilt();
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-offline-')), 'network.log');
    const run = spawnSync(
      process.execPath,
      [
        '--require',
        path.join(ROOT, 'test', 'fixtures', 'no-network.cjs'),
        path.join(ROOT, 'scripts', 'electronegativity.mjs'),
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, VIGIL_NETWORK_LOG: log }, timeout: 120_000 },
    );
    const tried = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
    expect(tried).toEqual([]);
    expect(run.stdout).toMatch(/electronegativity: \d+ checks/);
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});
