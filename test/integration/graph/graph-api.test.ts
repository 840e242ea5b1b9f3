// The graph operations on a real generated database, each checked against a direct SQL answer
// over the sessions table (never against the rollups the code reads, which could share its bug).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearIpScores,
  maxScoreByIp,
  maxScoreQuery,
  readPairs,
  readScoredPairs,
  scoredPairsQuery,
  sessionPairsQuery,
  storeIpScores,
} from '../../../src-main/core/db/graph.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { pairSums } from '../../../src-main/core/db/pair-sums.js';
import { whereClause } from '../../../src-main/core/db/sessions.js';
import { asName } from '../../../src-main/core/enrich/as-names.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { graphService } from '../../../src-main/core/services/graph.js';
import { type ArgsOf, operations, type ResultOf } from '../../../src-shared/api.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { IpGraph } from '../../../src-shared/graph.js';
import { generate, tempDirs } from '../generate/harness.js';

type Db = ReturnType<typeof openDatabase>;
const tempDir = tempDirs();
let db: Db;
/** A second connection, as the score worker has (opened up front: the temp dir goes after each test). */
let worker: Db;
let service: ReturnType<typeof graphService>;

/** Calls an operation the way a transport does: arguments and result through the shared schemas. */
async function call<K extends 'graphEdges' | 'ipNeighbours' | 'ipProfile' | 'edgeSessions'>(
  name: K,
  args: ArgsOf<K>,
): Promise<ResultOf<K>> {
  const parsed = operations[name].args.parse(args);
  const result = await (service[name] as (a: unknown) => Promise<unknown>)(parsed);
  return operations[name].result.parse(result) as ResultOf<K>;
}

interface SqlPair {
  src: string;
  dst: string;
  sessions: number;
  bytes: number;
}

function sqlPairs(filter: SessionFilter = {}): SqlPair[] {
  const { sql, params } = whereClause(filter);
  const where = sql ? `${sql} AND dst_ip IS NOT NULL` : 'WHERE dst_ip IS NOT NULL';
  return db
    .prepare(
      `SELECT src_ip AS src, dst_ip AS dst, count(*) AS sessions,
         sum(coalesce(bytes_in, 0) + coalesce(bytes_out, 0)) AS bytes
       FROM sessions ${where} GROUP BY 1, 2`,
    )
    .all(params) as SqlPair[];
}

const edgeKey = (graph: IpGraph, i: number) =>
  `${graph.nodes.ip[graph.edges.source[i]!]}>${graph.nodes.ip[graph.edges.target[i]!]}`;

function edgeMap(graph: IpGraph): Map<string, number> {
  return new Map(graph.edges.weight.map((w, i) => [edgeKey(graph, i), w]));
}

/** The busiest source address, a hub with many sessions. */
function busiestSource(): string {
  return (
    db.prepare('SELECT src_ip AS ip FROM sessions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').get() as {
      ip: string;
    }
  ).ip;
}

beforeAll(async () => {
  const dir = tempDir();
  const generated = await generate(dir, { rows: 20_000, seed: 11, attackRate: 0.05 });
  db = openDatabase(path.join(dir, 'vigil.db'));
  const record = await runImport(db, { file: generated.out, enrich: false });
  expect(record.stored).toBe(20_000);
  service = graphService({ db });
  worker = openDatabase(path.join(dir, 'vigil.db'));
});

afterAll(() => {
  worker?.close();
  db?.close();
});

describe('graphEdges', () => {
  it('without a filter answers from the rollup, edge for edge equal to the sessions', async () => {
    const expected = sqlPairs();
    for (const weight of ['sessions', 'bytes'] as const) {
      const graph = await call('graphEdges', { weight, limit: 200_000 });
      expect(graph.source).toBe('rollup');
      expect(graph.matchedEdges).toBe(expected.length);
      expect(edgeMap(graph)).toEqual(new Map(expected.map((p) => [`${p.src}>${p.dst}`, p[weight]])));
    }
  });

  it('gives every node the volume of all its pairs, as source or destination', async () => {
    const graph = await call('graphEdges', { weight: 'bytes', limit: 200_000 });
    const volumes = db
      .prepare(
        `SELECT ip, sum(bytes) AS volume FROM (
           SELECT src_ip AS ip, coalesce(bytes_in, 0) + coalesce(bytes_out, 0) AS bytes FROM sessions WHERE dst_ip IS NOT NULL
           UNION ALL
           SELECT dst_ip, coalesce(bytes_in, 0) + coalesce(bytes_out, 0) FROM sessions WHERE dst_ip IS NOT NULL AND dst_ip != src_ip)
         GROUP BY ip`,
      )
      .all() as { ip: string; volume: number }[];
    expect(new Map(graph.nodes.ip.map((ip, i) => [ip, graph.nodes.volume[i]]))).toEqual(
      new Map(volumes.map((v) => [v.ip, v.volume])),
    );
  });

  it('gives every node the weight of the pairs it originated, as source only', async () => {
    const graph = await call('graphEdges', { weight: 'sessions', limit: 200_000 });
    const sent = db
      .prepare(
        "SELECT src_ip AS ip, count(*) AS n FROM sessions WHERE dst_ip IS NOT NULL AND dst_ip != '' GROUP BY 1",
      )
      .all() as { ip: string; n: number }[];
    const expected = new Map(graph.nodes.ip.map((ip) => [ip, 0]));
    for (const { ip, n } of sent) expected.set(ip, n);
    expect(new Map(graph.nodes.ip.map((ip, i) => [ip, graph.nodes.originated[i]]))).toEqual(expected);
    // Some IP only receives: its origin weight is 0 while its volume is not.
    expect(graph.nodes.originated.some((n, i) => n === 0 && (graph.nodes.volume[i] ?? 0) > 0)).toBe(true);
  });

  it('with a time and country filter scans sessions and matches the same query', async () => {
    const first = db.prepare('SELECT min(start_ts) AS t FROM sessions').get() as { t: number };
    const filter = { from: first.t + 86_400_000, to: first.t + 3 * 86_400_000, country: 'US' };
    const graph = await call('graphEdges', { filter, limit: 200_000 });
    expect(graph.source).toBe('sessions');
    const expected = sqlPairs(filter);
    expect(expected.length).toBeGreaterThan(10);
    expect(edgeMap(graph)).toEqual(new Map(expected.map((p) => [`${p.src}>${p.dst}`, p.sessions])));
  });

  it('aggregates pairs by a scan, not by walking the source index for terms it lacks', () => {
    // The walk read each session's row in address order, one random page each: 7.1 s at 1 M.
    const query = sessionPairsQuery({ country: 'US', dstPort: 443 });
    pairSums.register(db);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(query.params) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toContain('SCAN sessions');
    expect(plan).not.toContain('sessions_src');
  });

  it('honours the global filter language (clauses), checked against hand-written SQL', async () => {
    const filter = {
      clauses: [
        {
          field: 'port' as const,
          negate: false,
          values: [{ kind: 'cmp' as const, op: '=' as const, value: 443 }],
        },
      ],
    };
    const graph = await call('graphEdges', { filter, limit: 200_000 });
    expect(graph.source).toBe('sessions');
    const expected = db
      .prepare(
        `SELECT src_ip AS src, dst_ip AS dst, count(*) AS sessions FROM sessions
         WHERE dst_port = 443 AND dst_ip IS NOT NULL GROUP BY 1, 2`,
      )
      .all() as SqlPair[];
    expect(expected.length).toBeGreaterThan(10);
    expect(edgeMap(graph)).toEqual(new Map(expected.map((p) => [`${p.src}>${p.dst}`, p.sessions])));
  });

  it('keeps the heaviest edges at or above the minimum weight, up to the limit', async () => {
    const all = sqlPairs().filter((p) => p.sessions >= 3);
    const graph = await call('graphEdges', { minWeight: 3, limit: 25 });
    expect(graph.matchedEdges).toBe(all.length);
    expect(graph.edges.weight).toHaveLength(25);
    const heaviest = all.map((p) => p.sessions).sort((a, b) => b - a);
    expect(graph.edges.weight).toEqual(heaviest.slice(0, 25));
    // Every node is an endpoint of a kept edge: no orphans drawn.
    const used = new Set([...graph.edges.source, ...graph.edges.target]);
    expect(used.size).toBe(graph.nodes.ip.length);
  });

  it('an endpoint filter still uses the rollup and keeps only that source', async () => {
    const ip = busiestSource();
    const graph = await call('graphEdges', { filter: { srcIp: ip }, limit: 10_000 });
    expect(graph.source).toBe('rollup');
    expect(edgeMap(graph)).toEqual(
      new Map(sqlPairs({ srcIp: ip }).map((p) => [`${p.src}>${p.dst}`, p.sessions])),
    );
  });
});

describe('ipNeighbours', () => {
  it('returns every pair touching the IP in both directions', async () => {
    const ip = (
      db.prepare('SELECT dst_ip AS ip FROM sessions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').get() as {
        ip: string;
      }
    ).ip;
    const graph = await call('ipNeighbours', { ip, limit: 10_000 });
    const expected = sqlPairs().filter((p) => p.src === ip || p.dst === ip);
    expect(expected.length).toBeGreaterThan(5);
    expect(edgeMap(graph)).toEqual(new Map(expected.map((p) => [`${p.src}>${p.dst}`, p.sessions])));
  });

  it('with a filter, only pairs within it', async () => {
    const ip = busiestSource();
    const filter = { dstPort: 443 };
    const graph = await call('ipNeighbours', { ip, filter, limit: 10_000 });
    expect(graph.source).toBe('sessions');
    const expected = sqlPairs(filter).filter((p) => p.src === ip || p.dst === ip);
    expect(edgeMap(graph)).toEqual(new Map(expected.map((p) => [`${p.src}>${p.dst}`, p.sessions])));
  });
});

/** The drill-down's aggregates as plain GROUP BY queries (the shape the API returns). */
function sqlProfile(ip: string, filter: SessionFilter) {
  const where = whereClause(filter);
  const from = `FROM sessions ${where.sql ? `${where.sql} AND` : 'WHERE'} (src_ip = @ip OR dst_ip = @ip)`;
  const args = { ...where.params, ip };
  const all = (sql: string, extra = {}) => db.prepare(sql).all({ ...args, ...extra });
  const totals = db
    .prepare(
      `SELECT count(*) AS sessions, coalesce(sum(src_ip = @ip), 0) AS asSource,
         coalesce(sum(dst_ip = @ip), 0) AS asDestination, sum(bytes_in) AS bytesIn,
         sum(bytes_out) AS bytesOut, min(start_ts) AS firstTs, max(start_ts) AS lastTs ${from}`,
    )
    .get(args) as { firstTs: number; lastTs: number };
  const bucketMs = [60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000, 604_800_000].find(
    (size) => (totals.lastTs - totals.firstTs) / size <= 120,
  )!;
  return {
    ip,
    ...totals,
    bucketMs,
    series: all(
      `SELECT (start_ts / CAST(@b AS INTEGER)) * @b AS bucket, count(*) AS sessions,
         coalesce(sum(bytes_in), 0) + coalesce(sum(bytes_out), 0) AS bytes ${from} GROUP BY 1 ORDER BY 1`,
      { b: bucketMs },
    ),
    countries: all(
      `SELECT coalesce(country, '') AS key, count(*) AS sessions ${from} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15`,
    ),
    asns: all(
      `SELECT asn, count(*) AS sessions ${from} AND src_ip = @ip GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15`,
    ),
    ports: all(
      `SELECT dst_port AS port, count(*) AS sessions ${from} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15`,
    ),
    peers: all(
      `SELECT CASE WHEN src_ip = @ip THEN dst_ip ELSE src_ip END AS ip,
         CASE WHEN src_ip = @ip THEN 'out' ELSE 'in' END AS direction, count(*) AS sessions,
         coalesce(sum(bytes_in), 0) + coalesce(sum(bytes_out), 0) AS bytes
       ${from} AND dst_ip IS NOT NULL AND dst_ip != '' AND src_ip != dst_ip
       GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 15`,
    ),
  };
}

function sqlRecentIds(ip: string, filter: SessionFilter, limit: number): number[] {
  const where = whereClause(filter);
  const from = `FROM sessions ${where.sql ? `${where.sql} AND` : 'WHERE'} (src_ip = @ip OR dst_ip = @ip)`;
  return (
    db
      .prepare(`SELECT id ${from} ORDER BY start_ts DESC, id DESC LIMIT ${limit}`)
      .all({ ...where.params, ip }) as {
      id: number;
    }[]
  ).map((r) => r.id);
}

describe('ipProfile', () => {
  it('summarises the IP exactly as a direct query over its sessions does', async () => {
    const ip = busiestSource();
    const profile = await call('ipProfile', { ip, recentLimit: 20 });
    const touch = 'FROM sessions WHERE src_ip = @ip OR dst_ip = @ip';
    const totals = db
      .prepare(`SELECT count(*) AS n, sum(src_ip = @ip) AS src, sum(bytes_in) AS bin ${touch}`)
      .get({ ip }) as { n: number; src: number; bin: number };
    expect(profile).toMatchObject({ ip, sessions: totals.n, asSource: totals.src, bytesIn: totals.bin });
    expect(profile.series.reduce((sum, b) => sum + b.sessions, 0)).toBe(totals.n);
    expect(profile.series.length).toBeLessThanOrEqual(120);
    const ports = db
      .prepare(
        `SELECT dst_port AS port, count(*) AS sessions ${touch} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15`,
      )
      .all({ ip });
    expect(profile.ports).toEqual(ports);
    const recentIds = db
      .prepare(`SELECT id ${touch} ORDER BY start_ts DESC, id DESC LIMIT 20`)
      .all({ ip })
      .map((r) => (r as { id: number }).id);
    expect(profile.recent.map((s) => s.id)).toEqual(recentIds);
    const peerSum = db
      .prepare(`SELECT count(*) AS n FROM sessions WHERE src_ip = @ip AND dst_ip = @peer`)
      .get({ ip, peer: profile.peers[0]!.ip }) as { n: number };
    expect(profile.peers[0]).toMatchObject({ direction: 'out', sessions: peerSum.n });
    // No model run yet: the score field says so instead of pretending zero.
    expect(profile).toMatchObject({ flagged: 0, maxScore: null, verdicts: [] });
  });

  it('counts flagged as everywhere else: rule hits at the detection level flag without a model', async () => {
    const ip = busiestSource();
    const ids = db
      .prepare('SELECT id FROM sessions WHERE src_ip = @ip ORDER BY id LIMIT 3')
      .pluck()
      .all({ ip }) as number[];
    db.prepare(
      `INSERT INTO rule_sets (id, source, kind, added_at) VALUES (900, 'test-pack', 'pack', 0)`,
    ).run();
    const hit = (sessionId: number, level: number) => {
      const rule = db
        .prepare('INSERT INTO rules (set_id, rule_id, title, level) VALUES (900, ?, ?, ?)')
        .run(`r${sessionId}`, `Rule ${sessionId}`, level).lastInsertRowid;
      db.prepare('INSERT INTO rule_hits (session_id, rule, level, start_ts) VALUES (?, ?, ?, 0)').run(
        sessionId,
        rule,
        level,
      );
    };
    try {
      // Two at high (the default level), one at low, which does not flag.
      hit(ids[0]!, 3);
      hit(ids[1]!, 4);
      hit(ids[2]!, 1);
      const profile = await call('ipProfile', { ip });
      expect(profile).toMatchObject({ flagged: 2, maxScore: null });
    } finally {
      db.prepare('DELETE FROM rule_sets WHERE id = 900').run();
    }
  });

  it('equals the GROUP BY answers field for field, with and without a filter', async () => {
    const ip = busiestSource();
    const last = (db.prepare('SELECT max(start_ts) AS t FROM sessions').get() as { t: number }).t;
    for (const filter of [{}, { from: last - 86_400_000, to: last + 1 }] as SessionFilter[]) {
      const profile = await call('ipProfile', { ip, filter, recentLimit: 25 });
      const { flagged, maxScore, recent, verdicts, asns, ...rest } = profile;
      const { asns: expectedAsns, ...expected } = sqlProfile(ip, filter);
      expect(rest).toEqual(expected);
      // Each AS number named from the package's list (enrich/as-names.ts), as asName gives it.
      expect(asns).toEqual(
        (expectedAsns as { asn: number | null; sessions: number }[]).map(({ asn, sessions }) => ({
          asn,
          name: asn === null ? null : asName(asn),
          sessions,
        })),
      );
      expect(recent.map((r) => r.id)).toEqual(sqlRecentIds(ip, filter, 25));
    }
  });

  it('an unknown IP gives an empty profile, not an error', async () => {
    const profile = await call('ipProfile', { ip: '203.0.113.254' });
    expect(profile).toMatchObject({ sessions: 0, series: [], recent: [], peers: [], firstTs: null });
  });
});

describe('edgeSessions', () => {
  it('pages exactly the sessions of one pair, newest first', async () => {
    const [heaviest] = sqlPairs().sort((a, b) => b.sessions - a.sessions);
    const page = await call('edgeSessions', { src: heaviest!.src, dst: heaviest!.dst, limit: 30 });
    expect(page.total).toBe(heaviest!.sessions);
    expect(page.items.length).toBe(Math.min(30, heaviest!.sessions));
    expect(page.items.every((s) => s.srcIp === heaviest!.src && s.dstIp === heaviest!.dst)).toBe(true);
    const starts = page.items.map((s) => s.startTs);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });
});

describe('anomaly scores of the active run', () => {
  it('colour nodes with the highest score of the sessions they originated, and count flagged ones', async () => {
    const run = db
      .prepare(
        `INSERT INTO model_runs (kind, status, created_at, finished_at, params, backend, data_snapshot, threshold, active)
         VALUES ('iforest', 'done', 1, 2, '{}', 'js', '[]', 0.6, 1)`,
      )
      .run().lastInsertRowid;
    // A deterministic pseudo-score per session; every tenth session flagged.
    db.prepare(
      `INSERT INTO scores (run_id, session_id, score, flagged)
       SELECT ?, id, (id * 7919 % 1000) / 1000.0, id % 10 = 0 FROM sessions`,
    ).run(run);
    try {
      const graph = await call('graphEdges', { limit: 200_000 });
      expect(graph.scoreSource).toMatchObject({ runId: Number(run), kind: 'iforest', threshold: 0.6 });
      const expected = db
        .prepare(
          `SELECT src_ip AS ip, max(score) AS score FROM sessions JOIN scores ON session_id = sessions.id
           GROUP BY src_ip`,
        )
        .all() as { ip: string; score: number }[];
      const want = new Map(expected.map((r) => [r.ip, r.score]));
      const scoreOf = (ip: string) => want.get(ip) ?? null;
      graph.nodes.ip.forEach((ip, i) => {
        if (scoreOf(ip) === null) expect(graph.nodes.score[i]).toBeNull();
        else expect(graph.nodes.score[i]).toBeCloseTo(scoreOf(ip)!, 9);
      });
      // The busiest server only receives: it does not wear its sources' colour.
      const server = db
        .prepare(`SELECT dst_ip FROM sessions WHERE dst_ip NOT IN (SELECT src_ip FROM sessions)
                  GROUP BY dst_ip ORDER BY count(*) DESC LIMIT 1`)
        .pluck()
        .get() as string;
      expect(graph.nodes.score[graph.nodes.ip.indexOf(server)]).toBeNull();
      // The view asks again whenever a slider moves; scores the score worker rewrites meanwhile
      // (from its own connection) must show at once.
      const hub = busiestSource();
      worker
        .prepare(
          `UPDATE scores SET score = 0.9999 WHERE run_id = ?
           AND session_id = (SELECT id FROM sessions WHERE src_ip = ? LIMIT 1)`,
        )
        .run(run, hub);
      const rescored = await call('graphEdges', { limit: 200_000 });
      expect(rescored.nodes.score[rescored.nodes.ip.indexOf(hub)]).toBe(0.9999);
      db.prepare(`UPDATE scores SET score = (session_id * 7919 % 1000) / 1000.0 WHERE run_id = ?`).run(run);

      // Within a time and country filter: the same answer from the filtered sessions only.
      const first = db.prepare('SELECT min(start_ts) AS t FROM sessions').get() as { t: number };
      const filter = { from: first.t + 86_400_000, to: first.t + 3 * 86_400_000, country: 'US' };
      const { sql, params } = whereClause(filter);
      const filtered = await call('graphEdges', { filter, limit: 200_000 });
      const wantFiltered = new Map(
        (
          db
            .prepare(
              `SELECT src_ip AS ip, max(score) AS score FROM sessions JOIN scores ON session_id = sessions.id ${sql}
               GROUP BY src_ip`,
            )
            .all(params) as { ip: string; score: number }[]
        ).map((r) => [r.ip, r.score]),
      );
      expect(filtered.nodes.ip.length).toBeGreaterThan(10);
      const filteredScoreOf = (ip: string) => wantFiltered.get(ip) ?? null;
      filtered.nodes.ip.forEach((ip, i) => {
        if (filteredScoreOf(ip) === null) expect(filtered.nodes.score[i]).toBeNull();
        else expect(filtered.nodes.score[i]).toBeCloseTo(filteredScoreOf(ip)!, 9);
      });

      // Once a scoring pass has stored the per-IP maxima, the unfiltered graph reads them (an
      // edited one shows); a filter still reads the sessions; cleared, they are computed again.
      storeIpScores(worker, Number(run));
      expect(worker.prepare('SELECT count(*) FROM ip_scores WHERE run_id = ?').pluck().get(run)).toBe(
        want.size,
      );
      worker.prepare('UPDATE ip_scores SET score = 0.12345 WHERE run_id = ? AND ip = ?').run(run, hub);
      const fromStore = await call('graphEdges', { limit: 200_000 });
      expect(fromStore.nodes.score[fromStore.nodes.ip.indexOf(hub)]).toBe(0.12345);
      const stillFiltered = await call('graphEdges', { filter, limit: 200_000 });
      stillFiltered.nodes.ip.forEach((ip, i) => {
        if (filteredScoreOf(ip) === null) expect(stillFiltered.nodes.score[i]).toBeNull();
        else expect(stillFiltered.nodes.score[i]).toBeCloseTo(filteredScoreOf(ip)!, 9);
      });
      clearIpScores(worker);
      const computed = await call('graphEdges', { limit: 200_000 });
      expect(computed.nodes.score[computed.nodes.ip.indexOf(hub)]).toBeCloseTo(want.get(hub)!, 9);
      const ip = busiestSource();
      const profile = await call('ipProfile', { ip });
      const flagged = db
        .prepare(
          `SELECT sum(flagged) AS f FROM sessions JOIN scores ON session_id = sessions.id WHERE src_ip = @ip OR dst_ip = @ip`,
        )
        .get({ ip }) as { f: number };
      expect(profile.flagged).toBe(flagged.f);
      expect(profile.flagged).toBeGreaterThan(0);
      const highest = db
        .prepare(
          `SELECT max(score) AS s FROM sessions JOIN scores ON session_id = sessions.id WHERE src_ip = @ip OR dst_ip = @ip`,
        )
        .get({ ip }) as { s: number };
      expect(profile.maxScore).toBe(highest.s);
    } finally {
      db.prepare('DELETE FROM model_runs WHERE id = ?').run(run);
    }
    const after = await call('graphEdges', { limit: 10 });
    expect(after.scoreSource).toBeNull();
    expect(after.nodes.score.every((s) => s === null)).toBe(true);
  });
});

describe('the per-IP score query', () => {
  // Led by scores, SQLite read sessions in score order through the flagged index: one page read
  // per session, 12 s at a million scored sessions. Sessions must be scanned, scores looked up.
  it('reads sessions in table order and finds each score by the primary key', () => {
    const plan = (query: { sql: string; params: Record<string, unknown> }) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(query.params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    const unfiltered = plan(maxScoreQuery(1, {}));
    expect(unfiltered).toMatch(/SCAN sessions \| SEARCH scores USING PRIMARY KEY/);
    expect(unfiltered).not.toMatch(/scores_run_flagged_score/);
    const byTime = plan(maxScoreQuery(1, { from: 0, to: 1 }));
    expect(byTime).toMatch(/sessions.*\| SEARCH scores USING PRIMARY KEY/);
    expect(byTime).not.toMatch(/scores_run_flagged_score/);
    pairSums.register(db);
    const pairs = plan(scoredPairsQuery(1, { country: 'US' }));
    expect(pairs).toMatch(/SCAN sessions \| SEARCH scores USING PRIMARY KEY/);
    expect(pairs).not.toMatch(/scores_run_flagged_score/);
  });

  it('reads a filter’s pairs and per-IP scores in one scan, equal to reading them apart', () => {
    const run = Number(
      db
        .prepare(
          `INSERT INTO model_runs (kind, status, created_at, finished_at, params, backend, data_snapshot, threshold, active)
           VALUES ('iforest', 'done', 1, 2, '{}', 'js', '[]', 0.6, 0)`,
        )
        .run().lastInsertRowid,
    );
    // Every third session scored: IPs whose sessions were all left out have no score.
    db.prepare(
      `INSERT INTO scores (run_id, session_id, score, flagged)
       SELECT ?, id, (id * 7919 % 1000) / 1000.0, 0 FROM sessions WHERE id % 3 = 0`,
    ).run(run);
    try {
      const first = db.prepare('SELECT min(start_ts) AS t FROM sessions').get() as { t: number };
      for (const filter of [
        { country: 'US' },
        { from: first.t + 86_400_000, to: first.t + 2 * 86_400_000 },
      ]) {
        const together = readScoredPairs(db, run, filter);
        const byKey = (pairs: { src: string; dst: string }[]) =>
          [...pairs].sort((a, b) => `${a.src}>${a.dst}`.localeCompare(`${b.src}>${b.dst}`));
        expect(byKey(together.pairs)).toEqual(byKey(readPairs(db, filter).pairs));
        expect(byKey(together.pairs)).toEqual(byKey(sqlPairs(filter)));
        const apart = maxScoreByIp(db, run, filter);
        expect(together.scores.size).toBeGreaterThan(10);
        for (const [ip, score] of apart) if (ip !== '') expect(together.scores.get(ip), ip).toBe(score);
        expect(together.scores.size).toBe([...apart.keys()].filter((ip) => ip !== '').length);
      }
    } finally {
      db.prepare('DELETE FROM model_runs WHERE id = ?').run(run);
    }
  });
});

describe('analyst verdicts', () => {
  it('give each node the most severe verdict on the sessions it originated, and the profile lists them newest first', async () => {
    const ip = busiestSource();
    const ids = (
      db.prepare('SELECT id FROM sessions WHERE src_ip = ? ORDER BY id LIMIT 2').all(ip) as { id: number }[]
    ).map((r) => r.id);
    const action = db
      .prepare(`INSERT INTO audit_actions (at, analyst, kind, summary) VALUES (1, 'test', 'verdict', 'test')`)
      .run().lastInsertRowid;
    const judge = db.prepare(
      'INSERT INTO verdicts (session_id, verdict, analyst, note, at, action_id) VALUES (?, ?, ?, ?, ?, ?)',
    );
    judge.run(ids[0], 'benign', 'test', null, 1000, action);
    judge.run(ids[1], 'malicious', 'test', 'seen before', 2000, action);
    try {
      const graph = await call('graphEdges', { filter: { srcIp: ip }, limit: 10_000 });
      const verdictOf = (node: string) => graph.nodes.verdict[graph.nodes.ip.indexOf(node)];
      expect(verdictOf(ip)).toBe('malicious');
      // A verdict names the session's source: the destinations of the judged sessions (which
      // originated none of them) carry no verdict, nor does any other node.
      const others = graph.nodes.ip.filter((node) => node !== ip);
      expect(others.length).toBeGreaterThan(0);
      expect(others.every((node) => verdictOf(node) === null)).toBe(true);
      const profile = await call('ipProfile', { ip });
      expect(profile.verdicts).toEqual([
        { sessionId: ids[1], verdict: 'malicious', note: 'seen before', at: 2000 },
        { sessionId: ids[0], verdict: 'benign', note: null, at: 1000 },
      ]);
    } finally {
      db.prepare('DELETE FROM verdicts WHERE session_id IN (?, ?)').run(...ids);
    }
  });
});
