// Spool files never outlive their pull: removed after a failed chunk import, after a cancelled
// pull job, and at the next open when the process that wrote them died.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/service.js';
import { operations } from '../../../src-shared/api.js';
import { createTempDirs } from '../../helpers/temp.js';
import { vpcEvents } from './events.js';
import { openTestDb, pull, spoolFiles, testCore } from './harness.js';
import { createGroup, putEvents, REGION } from './moto.js';
import { motoPerFile } from './moto-per-file.js';

const tempDir = createTempDirs();
const moto = motoPerFile();

/** The id of a process that has exited (and whose id no live process holds right now). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('spool hygiene', () => {
  it('a chunk whose import fails is removed, and the error says how to get its events', async () => {
    const dir = tempDir();
    await createGroup(moto(), 'app-json', ['s']);
    const t0 = Date.now() - 60_000;
    await putEvents(
      moto(),
      'app-json',
      's',
      Array.from({ length: 50 }, (_, i) => ({ timestamp: t0 + i, message: JSON.stringify({ n: i }) })),
    );
    const db = openTestDb(dir);
    try {
      await expect(pull(db, moto().url, { logGroup: 'app-json', since: '1h' })).rejects.toThrow(
        /^Importing pulled events failed: the pulled events are neither VPC Flow Log lines nor AWS WAF JSON.*run the pull again to fetch it\.$/,
      );
      expect(fs.existsSync(path.join(dir, 'spool'))).toBe(true);
      expect(spoolFiles(dir)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('a pull job cancelled after its first chunk leaves no spool file', async () => {
    const dir = tempDir();
    await createGroup(moto(), '/vpc/flow', ['s']);
    await putEvents(moto(), '/vpc/flow', 's', vpcEvents(5_000, Date.now() - 60_000).events);
    const core = testCore(dir, { pageSize: 500, progressIntervalMs: 0 });
    let jobId = '';
    let cancelled = false;
    core.events.on('event', (event) => {
      // Cancel as soon as one chunk is stored: the next chunk is then being spooled or imported.
      if (cancelled || event.type !== 'job-progress' || event.job.jobId !== jobId) return;
      if ((event.job.counts?.stored ?? 0) === 0) return;
      cancelled = true;
      void core.service.cancelJob({ jobId });
    });
    ({ jobId } = await core.service.startPull(
      operations.startPull.args.parse({
        region: REGION,
        endpoint: moto().url,
        logGroup: '/vpc/flow',
        since: '1h',
      }),
    ));
    const summary = await core.pulls.wait(jobId);
    expect(summary?.status).toBe('cancelled');
    expect(summary!.counts.stored).toBeGreaterThan(0);
    expect(summary!.counts.stored).toBeLessThan(5_000);
    expect(spoolFiles(dir)).toEqual([]);
    await core.close();
  });

  it('at open, removes the chunks of processes that died and unnamed leftovers, keeps a live pull’s', async () => {
    const dir = tempDir();
    const spool = path.join(dir, 'spool');
    fs.mkdirSync(spool);
    const dead = `${await deadPid()}-cwl-vpc-1-0001-aaaaaa.log`;
    const legacy = 'cwl-vpc-1-0001-bbbbbb.log';
    const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const running = `${live.pid}-cwl-vpc-1-0001-cccccc.log`;
    const forgotten = `${live.pid}-cwl-vpc-1-0002-dddddd.log`;
    for (const name of [dead, legacy, running, forgotten]) fs.writeFileSync(path.join(spool, name), 'line\n');
    // Untouched for two days: no pull waits that long on a chunk, so its pid was reused.
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    fs.utimesSync(path.join(spool, forgotten), twoDaysAgo, twoDaysAgo);
    try {
      const core = createCore({ dbPath: path.join(dir, 'vigil.db'), enrich: false });
      expect(spoolFiles(dir)).toEqual([running]);
      await core.close();
    } finally {
      live.kill();
    }
  });
});
