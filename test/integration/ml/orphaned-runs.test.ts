// A run left 'training' by a process that died (crash, kill -9) is shown as interrupted, never "training";
// a run that a live process is still training must be left alone.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRun, getRun, interruptOrphanedRuns } from '../../../src-main/core/db/model-runs.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { createCore } from '../../../src-main/core/service.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('orphaned model runs', () => {
  it('marks interrupted a run whose training process is gone, at the next open of the core', async () => {
    const dbPath = path.join(tempDir(), 'runs.db');
    const db = openDatabase(dbPath);
    const run = { kind: 'rf' as const, params: {}, labelSource: null, backend: 'cpu', dataSnapshot: [] };
    const orphan = createRun(db, run);
    db.prepare('UPDATE model_runs SET owner_pid = ? WHERE id = ?').run(deadPid(), orphan);
    const live = createRun(db, run);
    // A network whose process died before tfjs picked a backend.
    const net = createRun(db, { ...run, kind: 'dense', backend: 'pending' });
    db.prepare('UPDATE model_runs SET owner_pid = ? WHERE id = ?').run(deadPid(), net);
    db.close();

    const core = createCore({ dbPath });
    expect(getRun(core.db, orphan)?.status).toBe('interrupted');
    expect(getRun(core.db, orphan)?.message).toMatch(/Interrupted/);
    expect(getRun(core.db, orphan)?.backend).toBe('cpu');
    expect(getRun(core.db, net)).toMatchObject({ status: 'interrupted', backend: 'none' });
    expect(core.db.prepare('SELECT backend FROM model_runs WHERE id = ?').get(net)).toEqual({
      backend: 'none',
    });
    // Owned by this (live) process: still training, and a second recovery changes nothing.
    expect(getRun(core.db, live)?.status).toBe('training');
    expect(interruptOrphanedRuns(core.db)).toEqual([]);
    await core.close();
  });
});
