// Read-only API calls are answered by worker threads with their own connections: the answers are
// those the main thread would give, two calls run side by side, the main thread stays free while
// they run, and a worker that cannot start fails its calls with a clear error.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadPool } from '../../../src-main/core/jobs/read-pool.js';
import { type Core, createCore } from '../../../src-main/core/service.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { importGenerated, type Workspace, workspace } from '../triage/harness.js';

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

function coreOf(ws: Workspace, readWorkers?: number): Core {
  const core = createCore({ dbPath: ws.dbPath, readWorkers });
  cores.push(core);
  return core;
}

// A filter the rollups cannot answer, so the calls read sessions (about half of them).
const BUSY: SessionFilter = {
  clauses: [{ field: 'bytes_in', negate: false, values: [{ kind: 'cmp', op: '>', value: 45_000 }] }],
};

async function answers(core: Core) {
  const s = core.service;
  return {
    busy: await s.analyticsOverview({ filter: BUSY }),
    all: await s.analyticsOverview({ filter: {} }),
    graph: await s.graphEdges({ filter: BUSY, weight: 'sessions', minWeight: 0, limit: 500 }),
    page: await s.sessionPage({ filter: BUSY, offset: 0, limit: 50, sort: 'srcIp', direction: 'asc' }),
    summary: await s.dashboardSummary({ filter: {} }),
  };
}

describe('the read pool', () => {
  it('answers read calls on worker threads exactly as the main thread does', async () => {
    const ws = workspace();
    await importGenerated(ws, 3000);
    const pooled = coreOf(ws, 2);
    const onMain = coreOf(ws, 0);
    expect(onMain.readers).toBeNull();
    const fromWorkers = await answers(pooled);
    expect(fromWorkers.busy.kpis.sessions).toBeGreaterThan(0);
    expect(fromWorkers.page.items).toHaveLength(50);
    expect(fromWorkers).toEqual(await answers(onMain));
    const answered = pooled.readers!.answeredByWorker();
    expect(answered.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('runs two calls side by side on two workers, and sees what another connection committed', async () => {
    const ws = workspace();
    await importGenerated(ws, 1000);
    const core = coreOf(ws, 2);
    const [a, b] = await Promise.all([
      core.service.analyticsOverview({ filter: BUSY }),
      core.service.analyticsOverview({ filter: {} }),
    ]);
    expect(core.readers!.answeredByWorker()).toEqual([1, 1]);
    expect(a.kpis.sessions).toBeLessThan(b.kpis.sessions);
    await importGenerated(ws, 500, 1000);
    const after = await core.service.analyticsOverview({ filter: {} });
    expect(after.kpis.sessions).toBe(b.kpis.sessions + 500);
  });

  it('spreads the Overview over the workers, and sends a filter’s graph calls to the worker keeping its pairs', async () => {
    const ws = workspace();
    await importGenerated(ws, 2000);
    const core = coreOf(ws, 2);
    const s = core.service;
    // One call answers every chart, so nothing ties the Overview to a worker: two filters asked
    // at once are read side by side.
    const [busy, all] = await Promise.all([
      s.analyticsOverview({ filter: BUSY }),
      s.analyticsOverview({ filter: {} }),
    ]);
    expect(core.readers!.answeredByWorker()).toEqual([1, 1]);
    expect(busy.kpis.source).toBe('sessions');
    expect(busy.kpis.sessions).toBe(busy.series.points.reduce((sum, p) => sum + p.sessions, 0));
    expect(busy.countries.rows.reduce((sum, r) => sum + r.sessions, 0)).toBe(busy.kpis.sessions);
    expect(all.kpis.sessions).toBe(2000);
    // Graph slider moves go where the pairs of that filter are kept, even with a page read beside them.
    const graph = (minWeight: number) =>
      s.graphEdges({ filter: BUSY, weight: 'sessions', minWeight, limit: 500 });
    await graph(0);
    const before = core.readers!.answeredByWorker();
    const pairsHolder = before.indexOf(2);
    await Promise.all([
      graph(1),
      graph(2),
      s.ipNeighbours({ ip: '10.0.0.1', filter: BUSY, weight: 'sessions', limit: 10 }),
      s.sessionPage({ filter: {}, offset: 0, limit: 10, sort: 'startTs', direction: 'desc' }),
    ]);
    const after = core.readers!.answeredByWorker();
    expect(after[pairsHolder]! - before[pairsHolder]!).toBe(3);
    expect(after[1 - pairsHolder]! - before[1 - pairsHolder]!).toBe(1);
  });

  it('keeps the main thread free while a worker reads (on the main thread it is not)', async () => {
    const ws = workspace();
    await importGenerated(ws, 2000);
    const tickedBeforeAnswer = async (core: Core) => {
      let ticked = false;
      setTimeout(() => {
        ticked = true;
      }, 0);
      await core.service.analyticsOverview({ filter: BUSY });
      return ticked;
    };
    expect(await tickedBeforeAnswer(coreOf(ws, 0))).toBe(false);
    expect(await tickedBeforeAnswer(coreOf(ws, 2))).toBe(true);
  });

  it('passes a query’s error back, and the worker goes on answering', async () => {
    const ws = workspace();
    await importGenerated(ws, 100);
    const core = coreOf(ws, 1);
    // Only a hand-made filter can carry an address where a rule name belongs.
    const bad: SessionFilter = {
      clauses: [{ field: 'rule', negate: false, values: [{ kind: 'ip', value: '192.0.2.1' }] }],
    };
    await expect(
      core.service.sessionPage({ filter: bad, offset: 0, limit: 5, sort: 'startTs', direction: 'asc' }),
    ).rejects.toThrow(/Text is needed here, not ip/);
    expect((await core.service.analyticsOverview({ filter: {} })).kpis.sessions).toBe(100);
    expect(core.readers!.answeredByWorker()).toEqual([2]);
  });

  it('fails the calls of a worker that cannot open the database, and stops after close', async () => {
    const ws = workspace();
    const notAFolder = path.join(ws.dir, 'file');
    fs.writeFileSync(notAFolder, '');
    const pool = new ReadPool(path.join(notAFolder, 'v.db'), 1);
    const reads = pool.service();
    await expect(reads.analyticsOverview({ filter: {} })).rejects.toThrow(
      /query worker failed: (ENOTDIR|EEXIST)/,
    );
    expect(pool.answeredByWorker()).toEqual([]);
    await pool.close();
    await expect(reads.analyticsOverview({ filter: {} })).rejects.toThrow(/closing/);
  });
});
