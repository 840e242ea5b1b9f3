// The calls that write run on one writer thread with its own connection: the main thread keeps
// running while a write takes long or waits for the write lock, the events a write emits arrive
// before its answer, errors come back as messages, close lets a write under way finish, and a
// training run whose worker is stopped is still marked failed (through the writer).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Writer } from '../../../src-main/core/jobs/writer.js';
import { type Core, type CoreOptions, createCore } from '../../../src-main/core/service.js';
import { JOB_CONTROL_OPERATIONS } from '../../../src-main/core/services/job-control.js';
import { PAGE_OPERATIONS } from '../../../src-main/core/services/page.js';
import { READ_OPERATIONS } from '../../../src-main/core/services/read-service.js';
import { WRITE_OPERATIONS } from '../../../src-main/core/services/write-service.js';
import { operationNames, operations, type VigilEvent } from '../../../src-shared/api.js';
import { generatedDb, suiteDir } from '../ml/harness.js';
import {
  cloudwatchLine,
  importGenerated,
  importLines,
  type Workspace,
  workspace,
} from '../triage/harness.js';

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

function coreOf(ws: Workspace, options: Partial<CoreOptions> = {}): Core {
  const core = createCore({ dbPath: ws.dbPath, readWorkers: 0, ...options });
  cores.push(core);
  return core;
}

const BUSY_IP = '198.51.100.23';

/** `n` sessions from one source IP, a second apart. */
function oneIpLines(n: number): string[] {
  const start = Date.UTC(2024, 3, 25);
  return Array.from({ length: n }, (_, i) =>
    cloudwatchLine({ srcIp: BUSY_IP, start: new Date(start + i * 1000).toISOString().replace('.000', '') }),
  );
}

describe('the writer thread', () => {
  it('offers every operation of the contract, the writes through the writer thread', () => {
    const core = coreOf(workspace());
    expect(Object.keys(core.service).sort()).toEqual([...operationNames].sort());
    // A write unless declared a read, job control or a page's safe form of one.
    expect(WRITE_OPERATIONS).toEqual(expect.arrayContaining(['setVerdict', 'createCase', 'exportReport']));
    for (const elsewhere of [READ_OPERATIONS, JOB_CONTROL_OPERATIONS, PAGE_OPERATIONS])
      expect(WRITE_OPERATIONS).not.toContain(elsewhere[0]);
  });

  it('answers writes from its own thread, each event before the answer, as this thread would', async () => {
    const answers = async (core: Core) => {
      const s = core.service;
      const events: VigilEvent[] = [];
      core.events.on('event', (event) => events.push(event));
      await s.setAnalyst({ name: 'Ana' });
      const verdict = await s.setVerdict({ target: { srcIp: '203.0.113.9' }, verdict: 'malicious' });
      // Emitted on the writer thread, delivered here before the call's answer.
      const afterVerdict = events.map((e) => (e.type === 'data-changed' ? e.reason : e.type));
      const tags = await s.saveTag({ name: 'scanner', colour: '#336699' });
      const created = await s.createCase(
        operations.createCase.args.parse({ title: 'Night Owl', ips: ['203.0.113.9'] }),
      );
      await s.savePreset(
        operations.savePreset.args.parse({
          name: 'p',
          format: 'mapped-csv',
          columns: { srcIp: 'a', start: 'b' },
        }),
      );
      return {
        analyst: await s.getAnalyst({}),
        verdict,
        afterVerdict,
        tags: tags.map((t) => t.name),
        caseTitle: created.case.title,
        caseBy: created.case.createdBy,
        history: (await s.sessionHistory({ sessionId: 1 })).map((e) => [
          e.analyst,
          e.field,
          (e.after as { verdict?: string } | null)?.verdict,
        ]),
        cases: (await s.listCases({})).map((c) => c.title),
        imports: (await s.listImports({})).length,
        presets: (await s.listPresets({})).map((p) => p.name),
      };
    };
    const lines = [
      cloudwatchLine({ srcIp: '203.0.113.9' }),
      cloudwatchLine({ srcIp: '203.0.113.9', start: '2024-04-25T23:30:00Z' }),
      cloudwatchLine({ srcIp: '198.51.100.4' }),
    ];
    const [a, b] = [workspace(), workspace()];
    await importLines(a, lines);
    await importLines(b, lines);
    const threaded = coreOf(a);
    const inline = coreOf(b, { writeWorker: false });
    expect(inline.writer).toBeNull();
    const fromWriter = await answers(threaded);
    expect(fromWriter.verdict.changed).toBe(2);
    expect(fromWriter.afterVerdict).toEqual(['verdicts']);
    expect(fromWriter.caseBy).toBe('Ana');
    expect(threaded.writer!.answered).toBeGreaterThanOrEqual(9);
    expect(fromWriter).toEqual(await answers(inline));
    // Committed where every connection sees it.
    expect(a.db.prepare('SELECT count(*) FROM verdicts').pluck().get()).toBe(2);
  });

  it('keeps the main thread running while a write waits for the write lock', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 20);
    const core = coreOf(ws);
    await core.service.getAnalyst({});
    // Another connection holds the write lock; this thread itself lets go of it 300 ms later. A
    // write answered on this thread would wait here for the busy timeout and fail "locked".
    const holder = ws.connect();
    holder.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    setTimeout(() => holder.exec('COMMIT'), 300);
    const started = performance.now();
    try {
      const result = await core.service.setVerdict({
        target: { sessionIds: ids.slice(0, 3) },
        verdict: 'benign',
      });
      expect(result.changed).toBe(3);
    } finally {
      clearInterval(ticker);
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(ticks).toBeGreaterThan(10);
  });

  it('keeps the main thread running during a verdict on every session of a busy IP', async () => {
    const ws = workspace();
    await importLines(ws, oneIpLines(30_000));
    const core = coreOf(ws);
    await core.service.getAnalyst({});
    let ticked = false;
    setTimeout(() => {
      ticked = true;
    }, 0);
    const result = await core.service.setVerdict({ target: { srcIp: BUSY_IP }, verdict: 'malicious' });
    expect(result.changed).toBe(30_000);
    expect(ticked).toBe(true);
  });

  it('passes errors back as their messages, and goes on answering', async () => {
    const ws = workspace();
    await importGenerated(ws, 5);
    const core = coreOf(ws);
    const failure = await core.service
      .setVerdict({ target: { srcIp: '192.0.2.77' }, verdict: 'malicious' })
      .catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('No stored session comes from 192.0.2.77.');
    expect((failure as Error).stack).not.toMatch(/verdict-actions/);
    await expect(core.service.deleteTag({ name: 'nope' })).rejects.toThrow('No tag named "nope".');
    // The job control's own database calls go through the writer too.
    await expect(core.service.startImport({ paths: [ws.dbPath], preset: 'missing' })).rejects.toThrow(
      /^No mapping preset named "missing"\. Save one first/,
    );
    await expect(core.service.scoreSessions({})).rejects.toThrow(/No active model to score with/);
    expect(await core.service.listTags({})).toEqual([]);
  });

  it('lets a write under way finish on close, then refuses new ones', async () => {
    const ws = workspace();
    await importLines(ws, oneIpLines(5000));
    const core = createCore({ dbPath: ws.dbPath, readWorkers: 0 });
    await core.service.getAnalyst({});
    const verdict = core.service.setVerdict({ target: { srcIp: BUSY_IP }, verdict: 'malicious' });
    await core.close();
    expect((await verdict).changed).toBe(5000);
    expect(ws.db.prepare('SELECT count(*) FROM verdicts').pluck().get()).toBe(5000);
    await expect(core.service.setAnalyst({ name: 'late' })).rejects.toThrow(/closing/);
  });

  it('fails its calls with the reason when it cannot open the database', async () => {
    const ws = workspace();
    const notAFolder = path.join(ws.dir, 'file');
    fs.writeFileSync(notAFolder, '');
    const writer = new Writer({ dbPath: path.join(notAFolder, 'v.db'), onEvent: () => {} });
    await expect(writer.service().listTags({})).rejects.toThrow(/writer thread failed: (ENOTDIR|EEXIST)/);
    await writer.close();
    await expect(writer.service().listTags({})).rejects.toThrow(/closing/);
  });
});

describe('the writer thread and model jobs', () => {
  const dir = suiteDir();

  it('marks a training run failed when close stops its worker', async () => {
    const dbPath = await generatedDb(dir, { rows: 4000, seed: 3, days: 1, attackRate: 0.06 });
    const core = createCore({ dbPath, readWorkers: 0 });
    const runId = await new Promise<number>((resolve, reject) => {
      core.events.on('event', (event) => {
        if (event.type !== 'job-progress' || event.job.kind !== 'train') return;
        if (event.job.runId != null) resolve(event.job.runId);
        else if (event.job.state !== 'running') reject(new Error(event.job.message));
      });
      const args = operations.train.args.parse({ kind: 'rf', split: 'ip', params: { trees: 2000, seed: 1 } });
      core.service.train(args).catch(reject);
    });
    await core.close();
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT status, message FROM model_runs WHERE id = ?').get(runId)).toEqual({
        status: 'failed',
        message: 'Training worker stopped (exit 1)',
      });
    } finally {
      db.close();
    }
  });
});
