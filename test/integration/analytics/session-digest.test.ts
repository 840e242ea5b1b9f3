// Filters the rollups cannot answer: every Overview chart comes from one pass over the matching
// sessions (the digest). Each answer is checked against SQL over sessions, and the kept digest
// against writes from this connection and from another one.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countryTotals, typeByCountry } from '../../../src-main/core/analytics/countries.js';
import { histograms, portMix } from '../../../src-main/core/analytics/distributions.js';
import { kpiSummary } from '../../../src-main/core/analytics/kpis.js';
import { sessionDigest } from '../../../src-main/core/analytics/session-digest-read.js';
import { timeSeries } from '../../../src-main/core/analytics/time-series.js';
import { sessionSource } from '../../../src-main/core/db/analytics-source.js';
import { setRuleLevel } from '../../../src-main/core/db/detection-set.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { DEFAULT_RULE_LEVEL } from '../../../src-shared/detection-set.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { generatedCsv } from '../../helpers/generated-csv.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let dir: string;
let db: Db;

const f = (text: string, extra: SessionFilter = {}): SessionFilter => ({
  ...extra,
  clauses: parseFilterOrThrow(text),
});

/** Log bins the slow, obvious way: bin k holds [2^(k-1), 2^k), bin 0 values below 1. */
function bins(values: (number | null)[]) {
  const counts = new Map<number, number>();
  for (const v of values) {
    if (v === null) continue;
    let bin = 0;
    while (v >= 2 ** bin) bin++;
    counts.set(bin, (counts.get(bin) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => a[0] - b[0]).map(([bin, sessions]) => ({ bin, sessions }));
}

beforeAll(async () => {
  dir = tempDir();
  db = openDatabase(path.join(dir, 'd.db'));
  await runImport(db, { file: await generatedCsv(dir, 'a.csv', 20_000, 5), enrich: false, parser: 'inline' });
  // An active run that flags every 5th session.
  const run = db
    .prepare(
      `INSERT INTO model_runs (kind, status, created_at, params, backend, data_snapshot, active) VALUES ('iforest', 'done', 0, '{}', 'cpu', '[]', 1)`,
    )
    .run().lastInsertRowid;
  db.prepare(
    'INSERT INTO scores (run_id, session_id, score, flagged) SELECT ?, id, 0.5, id % 5 = 0 FROM sessions',
  ).run(run);
}, 120_000);
afterAll(() => db.close());

describe('Overview charts for filters the rollups cannot answer', () => {
  const filters = [
    'port:443',
    'proto:https -port:443',
    'label:benign',
    'src:10.0.0.0/8,100.0.0.0/6',
    'bytes_in:>5000',
  ];

  it.each(filters)('%s: every chart equals SQL over the matching sessions', (text) => {
    const filter = f(text);
    const { from, params } = sessionSource(filter);
    const truth = db
      .prepare(
        `SELECT count(*) AS sessions, coalesce(sum(bytes_in), 0) AS bytesIn, coalesce(sum(bytes_out), 0) AS bytesOut,
           count(DISTINCT country) AS countries, count(DISTINCT src_ip) AS sourceIps, sum(id % 5 = 0) AS flagged ${from}`,
      )
      .get(params) as Record<string, number>;
    expect(truth.sessions).toBeGreaterThan(0);
    expect(truth.sessions).toBeLessThan(20_000);
    expect(kpiSummary(db, filter)).toMatchObject({ ...truth, sourceIpsExact: true, source: 'sessions' });

    const byKey = (rows: unknown[]) =>
      [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(byKey(typeByCountry(db, filter).cells)).toEqual(
      byKey(
        db
          .prepare(
            `SELECT coalesce(country, '') AS country, coalesce(detection_type, '') AS detectionType, count(*) AS sessions ${from} GROUP BY 1, 2`,
          )
          .all(params),
      ),
    );
    expect(countryTotals(db, filter).rows.map((r) => [r.country, r.sessions, r.flagged])).toEqual(
      db
        .prepare(
          `SELECT coalesce(country, '') AS c, count(*) AS n, sum(id % 5 = 0) ${from} GROUP BY 1 ORDER BY 2 DESC, 1`,
        )
        .raw()
        .all(params),
    );

    const series = timeSeries(db, filter);
    expect(series.source).toBe('sessions');
    const size = series.bucketMs;
    expect(
      series.points
        .filter((p) => p.sessions > 0)
        .map((p) => [p.t, p.sessions, p.bytesIn, p.bytesOut, p.flagged]),
    ).toEqual(
      db
        .prepare(
          `SELECT (start_ts / ${size}) * ${size}, count(*), coalesce(sum(bytes_in), 0), coalesce(sum(bytes_out), 0),
             sum(id % 5 = 0) ${from} GROUP BY 1 ORDER BY 1`,
        )
        .raw()
        .all(params),
    );

    const raw = db.prepare(`SELECT bytes_in, bytes_out, end_ts - start_ts ${from}`).raw().all(params) as (
      | number
      | null
    )[][];
    expect(histograms(db, filter).metrics.map((m) => m.bins)).toEqual(
      [0, 1, 2].map((i) => bins(raw.map((r) => r[i]!))),
    );

    const mix = portMix(db, filter);
    expect(mix.protocols.map((p) => [p.protocol, p.sessions])).toEqual(
      db
        .prepare(`SELECT coalesce(protocol, '') AS p, count(*) AS n ${from} GROUP BY 1 ORDER BY 2 DESC, 1`)
        .raw()
        .all(params),
    );
    expect(mix.ports.map((p) => p.sessions)).toEqual(
      db
        .prepare(`SELECT count(*) AS n ${from} GROUP BY coalesce(dst_port, -1) ORDER BY 1 DESC LIMIT 15`)
        .pluck()
        .all(params),
    );
  });

  it('with no active run and rule hits not flagging, flagged is unknown and no chart counts a flag', () => {
    const filter = f('port:443');
    expect(kpiSummary(db, filter).flagged).toBeGreaterThan(0);
    // Nothing in the detection set can flag (db/detection-set.ts): no run, and the rules are off.
    setRuleLevel(db, 'off');
    db.prepare('UPDATE model_runs SET active = 0').run();
    try {
      expect(kpiSummary(db, filter).flagged).toBeNull();
      expect(countryTotals(db, filter)).toMatchObject({ hasModel: false });
      expect(countryTotals(db, filter).rows.every((r) => r.flagged === 0)).toBe(true);
      expect(timeSeries(db, filter).points.every((p) => p.flagged === 0)).toBe(true);
    } finally {
      db.prepare('UPDATE model_runs SET active = 1').run();
      setRuleLevel(db, DEFAULT_RULE_LEVEL);
    }
    expect(kpiSummary(db, filter).flagged).toBeGreaterThan(0);
  });

  it('a filter that matches nothing gives empty charts', () => {
    const none = f('port:1');
    expect(kpiSummary(db, none)).toMatchObject({
      flagged: 0,
      sessions: 0,
      bytesIn: 0,
      bytesOut: 0,
      countries: 0,
      sourceIps: 0,
    });
    expect(typeByCountry(db, none).cells).toEqual([]);
    expect(portMix(db, none).protocols).toEqual([]);
    expect(histograms(db, none).metrics.every((m) => m.bins.length === 0)).toBe(true);
    expect(timeSeries(db, none).points.every((p) => p.sessions === 0)).toBe(true);
  });

  it('the charts of one filter share one pass, read again after a write here or elsewhere', async () => {
    // Its own database: the one above lives in a folder removed after the first test.
    dir = tempDir();
    const file = path.join(dir, 'm.db');
    const here = openDatabase(file);
    const other = openDatabase(file);
    try {
      await runImport(here, {
        file: await generatedCsv(dir, 'a.csv', 4_000, 5),
        enrich: false,
        parser: 'inline',
      });
      const filter = f('port:443');
      const count = () =>
        here.prepare('SELECT count(*) FROM sessions WHERE dst_port = 443').pluck().get() as number;
      const port80 = sessionDigest(here, f('port:80'));
      const first = sessionDigest(here, filter);
      expect(first).not.toBe(port80);
      expect(first.sessions).toBe(count());
      expect(sessionDigest(here, filter)).toBe(first);

      // Another connection imports more sessions: data_version moves here.
      await runImport(other, {
        file: await generatedCsv(dir, 'b.csv', 3_000, 6),
        enrich: false,
        parser: 'inline',
      });
      const afterImport = sessionDigest(here, filter);
      expect(afterImport.sessions).toBe(count());
      expect(afterImport.sessions).toBeGreaterThan(first.sessions);

      // This connection deletes some: data_version stays, total_changes moves.
      here
        .prepare('DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE dst_port = 443 LIMIT 10)')
        .run();
      const afterDelete = sessionDigest(here, filter);
      expect(afterDelete.sessions).toBe(afterImport.sessions - 10);
      expect(afterDelete.sessions).toBe(count());
    } finally {
      other.close();
      here.close();
    }
  });
});
