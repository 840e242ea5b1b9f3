// Rules through the service, as every face calls them: a folder added on the writer thread, a
// rules run as a job of the registry in its own worker thread (progress, done, cancel), and the
// hits read back on the read workers.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { type Core, createCore } from '../../../src-main/core/service.js';
import type { JobProgress } from '../../../src-shared/domain.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

const LINES = [
  '203.0.113.20 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '203.0.113.21 - - [12/Feb/2024:10:00:01 +0000] "GET /checkout?step=2 HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
  '203.0.113.22 - - [12/Feb/2024:10:00:02 +0000] "GET /.git/config HTTP/1.1" 404 0 "-" "Mozilla/5.0"',
];
const RULE = [
  'title: Checkout step',
  'id: 5d0c3b7e-1f4a-4f6b-9a8e-2c1d0e9f8a7b',
  'level: medium',
  'logsource: { category: webserver }',
  'detection:',
  '  selection:',
  '    cs-uri-stem: /checkout',
  '  condition: selection',
].join('\n');

async function prepared() {
  const dir = tempDir();
  const dbPath = path.join(dir, 'v.db');
  fs.writeFileSync(path.join(dir, 'a.log'), `${LINES.join('\n')}\n`);
  const db = openDatabase(dbPath);
  await runImport(db, { file: path.join(dir, 'a.log'), enrich: false });
  db.close();
  fs.mkdirSync(path.join(dir, 'rules'));
  fs.writeFileSync(path.join(dir, 'rules', 'checkout.yml'), RULE);
  const core = createCore({ dbPath, readWorkers: 1 });
  cores.push(core);
  const progress: JobProgress[] = [];
  const reasons: string[] = [];
  core.events.on('event', (event) => {
    if (event.type === 'job-progress' && event.job.kind === 'rules') progress.push(event.job);
    if (event.type === 'data-changed') reasons.push(event.reason);
  });
  const ended = () =>
    new Promise<JobProgress>((resolve) => {
      const check = () => {
        const last = progress.at(-1);
        if (last && ['done', 'failed', 'cancelled'].includes(last.state)) resolve(last);
        else setTimeout(check, 20);
      };
      check();
    });
  return { core, dir, progress, reasons, ended };
}

describe('rules through the service', () => {
  it('adds a folder, runs the sets as a job with progress, and reads the hits back', async () => {
    const { core, dir, progress, reasons, ended } = await prepared();
    const load = await core.service.addRuleFolder({ path: path.join(dir, 'rules') });
    expect(load).toMatchObject({ loaded: 1, refused: [], set: { kind: 'folder', stale: true } });
    const { jobId } = await core.service.runRules({});
    // A second request while one runs joins it.
    expect((await core.service.runRules({})).jobId).toBe(jobId);
    const last = await ended();
    expect(last).toMatchObject({ jobId, state: 'done', fraction: 1, rulesRun: { sessions: 3 } });
    expect(progress[0]?.state).toBe('running');
    expect(reasons).toContain('rules');

    const sets = await core.service.listRuleSets({});
    expect(sets.find((set) => set.kind === 'folder')).toMatchObject({ hits: 1, stale: false });
    const page = await core.service.sessionPage({
      filter: {},
      sort: 'srcIp',
      direction: 'asc',
      offset: 0,
      limit: 10,
    });
    const checkout = page.items.find((session) => session.srcIp === '203.0.113.21');
    const hits = await core.service.sessionRuleHits({ sessionId: checkout?.id ?? -1 });
    expect(hits).toEqual([
      {
        ruleId: '5d0c3b7e-1f4a-4f6b-9a8e-2c1d0e9f8a7b',
        title: 'Checkout step',
        level: 'medium',
        source: path.join(dir, 'rules'),
        field: 'path',
        value: '/checkout',
      },
    ]);
    const summary = await core.service.ruleHitSummary({ filter: {}, maxPoints: 10, topRules: 5 });
    expect(summary.byRule.map((rule) => rule.title).sort()).toEqual([
      'Checkout step',
      'Probe for configuration, secret or source-control files',
    ]);
  });

  it('cancels a run through the registry, and the hits stay as they were', async () => {
    const { core, dir, ended } = await prepared();
    await core.service.addRuleFolder({ path: path.join(dir, 'rules') });
    const { jobId } = await core.service.runRules({});
    expect(await core.service.cancelJob({ jobId })).toEqual({ cancelled: true });
    expect(await ended()).toMatchObject({ jobId, state: 'cancelled' });
    const sets = await core.service.listRuleSets({});
    expect(sets.find((set) => set.kind === 'folder')).toMatchObject({ hits: 0, stale: true });
  });
});
