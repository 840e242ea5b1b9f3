// Every entry point shows finished work only. An import commits batch by batch, so a copy of the
// database taken between two batches (VACUUM INTO, as a kill would leave it, or as another process
// sees a live import) holds a 'running' import with sessions. While its owner lives, no view,
// count, export, model or verdict may use those sessions; once its owner is dead, every command's
// first open rolls it back and shows it as interrupted.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { countSelection } from '../../../src-main/core/db/session-export.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { createCore } from '../../../src-main/core/service.js';
import { parseFilter } from '../../../src-shared/filter/index.js';
import { CLOUDWATCH_HEADER, cloudwatchRow, writeCloudwatchFile } from '../../helpers/cloudwatch-rows.js';
import { createTempDirs } from '../../helpers/temp.js';
import { runCliProcess } from './child.js';

const tempDir = createTempDirs();
const BACKGROUND = 30_000;

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

/** A database with BACKGROUND finished sessions and an import caught half-way (owned by this process). */
async function halfImported(): Promise<{ dir: string; copy: string; runningId: number }> {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'live.db'));
  const background = path.join(dir, 'background.csv');
  await writeCloudwatchFile(background, 0, BACKGROUND);
  await runImport(db, { file: background, enrich: false });
  // The same sources and pairs a second later (not duplicates): every rollup cell the running
  // import touches is shared with finished sessions, so any leak into a count shows.
  const big = path.join(dir, 'big.csv');
  const rows = Array.from({ length: 120_000 }, (_, i) =>
    cloudwatchRow(i % BACKGROUND, Date.UTC(2024, 3, 25) + 1_000 * (1 + Math.floor(i / BACKGROUND))),
  );
  fs.writeFileSync(big, `${CLOUDWATCH_HEADER}\n${rows.join('\n')}\n`);
  const copy = path.join(dir, 'copy.db');
  await runImport(
    db,
    { file: big, enrich: false, parser: 'inline', windowCells: 20_000 },
    {
      progressIntervalMs: 0,
      onProgress: ({ record }) => {
        if (!fs.existsSync(copy) && record.stored >= 50_000) db.exec(`VACUUM INTO '${copy}'`);
      },
    },
  );
  db.close();
  const raw = new Database(copy);
  const running = raw.prepare(`SELECT id, stored FROM imports WHERE status = 'running'`).get() as {
    id: number;
    stored: number;
  };
  // The copy holds sessions of the running import, as a live one's database does.
  expect(
    raw.prepare('SELECT count(*) FROM sessions WHERE import_id = ?').pluck().get(running.id),
  ).toBeGreaterThan(40_000);
  raw.close();
  return { dir, copy, runningId: running.id };
}

/** A session of the import whose source IP also has sessions of finished imports. */
const sessionOf = (db: Db, importId: number) =>
  db
    .prepare(
      `SELECT id, src_ip AS srcIp FROM sessions WHERE import_id = @importId
       AND src_ip IN (SELECT src_ip FROM sessions WHERE import_id != @importId) LIMIT 1`,
    )
    .get({ importId }) as { id: number; srcIp: string };

describe('finished work only', () => {
  it('while an import runs, no view, count, export, model or verdict uses its sessions', {
    timeout: 120_000,
  }, async () => {
    const { copy, runningId } = await halfImported();
    const core = createCore({ dbPath: copy, readWorkers: 2 });
    const { service, db } = core;
    try {
      const port = parseFilter('port:443');
      if (!port.ok) throw new Error('port:443 should parse');
      const scanned = { clauses: port.clauses };
      expect(
        (await service.sessionPage({ filter: {}, sort: 'startTs', direction: 'asc', offset: 0, limit: 5 }))
          .total,
      ).toBe(BACKGROUND);
      expect(
        (
          await service.sessionPage({
            filter: scanned,
            sort: 'srcIp',
            direction: 'desc',
            offset: 0,
            limit: 5,
          })
        ).total,
      ).toBe(BACKGROUND);
      expect((await service.dashboardSummary({ filter: {} })).sessions).toBe(BACKGROUND);
      expect((await service.analyticsOverview({ filter: {} })).kpis.sessions).toBe(BACKGROUND);
      const { kpis, series } = await service.analyticsOverview({ filter: scanned });
      expect(kpis.sessions).toBe(BACKGROUND);
      expect(series.points.reduce((sum, p) => sum + p.sessions, 0)).toBe(BACKGROUND);
      for (const filter of [{}, scanned]) {
        const graph = await service.graphEdges({ filter, weight: 'sessions', minWeight: 0, limit: 200_000 });
        expect(graph.edges.weight.reduce((sum, w) => sum + w, 0)).toBe(BACKGROUND);
      }
      expect(countSelection(db, { filter: {} })).toBe(BACKGROUND);

      const inProgress = sessionOf(db, runningId);
      const refusal = new RegExp(
        `Session ${inProgress.id} belongs to import #${runningId}, which has not finished`,
      );
      const verdict = { target: { sessionIds: [inProgress.id] }, verdict: 'malicious' as const };
      await expect(service.setVerdict(verdict)).rejects.toThrow(refusal);
      await expect(service.tagSessions({ tag: 'x', sessionIds: [inProgress.id], on: true })).rejects.toThrow(
        refusal,
      );
      await expect(
        service.createCase({
          title: 'c',
          severity: 'low',
          summary: '',
          sessionIds: [inProgress.id],
          ips: [],
        }),
      ).rejects.toThrow(refusal);
      // "Every session from this IP" means its finished ones.
      const fromIp = await service.setVerdict({ target: { srcIp: inProgress.srcIp }, verdict: 'benign' });
      const finishedFromIp = db
        .prepare('SELECT count(*) FROM sessions WHERE src_ip = ? AND import_id != ?')
        .pluck()
        .get(inProgress.srcIp, runningId);
      expect(fromIp.changed).toBe(finishedFromIp);

      const cli = await runCliProcess(['stats', '--json', '--db', copy]);
      expect(cli.code, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout).sessions).toBe(BACKGROUND);
    } finally {
      await core.close();
    }
  });

  it('once the import is dead, every command sees it as interrupted and counts nothing of it', {
    timeout: 120_000,
  }, async () => {
    const { copy, runningId } = await halfImported();
    const raw = new Database(copy);
    raw.prepare('UPDATE imports SET owner_pid = ? WHERE id = ?').run(deadPid(), runningId);
    raw
      .prepare(
        `INSERT INTO model_runs (kind, status, created_at, params, backend, data_snapshot, owner_pid)
       VALUES ('iforest', 'training', 0, '{}', 'cpu', '[]', ?)`,
      )
      .run(deadPid());
    raw.close();

    const stats = await runCliProcess(['stats', '--json', '--db', copy]);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout).sessions).toBe(BACKGROUND);
    const imports = JSON.parse((await runCliProcess(['imports', '--json', '--db', copy])).stdout) as {
      id: number;
      status: string;
    }[];
    expect(imports.find((i) => i.id === runningId)?.status).toBe('interrupted');
    const models = JSON.parse((await runCliProcess(['models', '--json', '--db', copy])).stdout) as {
      status: string;
    }[];
    expect(models.map((m) => m.status)).toEqual(['interrupted']);
    const db = openDatabase(copy);
    expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(BACKGROUND);
    db.close();
  });
});
