// A session's row in the Sessions table (sessionRow) is its index in the pages the table itself
// loads (sessionPage), under every sort it offers, both directions, with and without a filter, ties
// included. The workspace holds generated flows (labelled, so a model trains and scores them) and a
// generated access log (the shipped rules run at its import): web fields are NULL on flows and flow
// fields on requests, scores and rule levels tie, so NULL order and the tie-breaks decide many rows.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowCountSql } from '../../../src-main/core/db/session-row.js';
import { generateTraffic } from '../../../src-main/core/generate/generate.js';
import { type Core, createCore } from '../../../src-main/core/service.js';
import { SESSION_SORT_FIELDS, type Session, type SessionFilter } from '../../../src-shared/domain.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { importInto, START, suiteDir } from '../ml/harness.js';

const dir = suiteDir();
let core: Core;
let busiest: string;

beforeAll(async () => {
  const flows = path.join(dir, 'flows.csv');
  const requests = path.join(dir, 'access.log');
  const common = { start: START, days: 1, attackRate: 0.08 };
  await generateTraffic({ ...common, rows: 1200, seed: 5, out: flows, format: 'cloudwatch-csv' });
  await generateTraffic({ ...common, rows: 800, seed: 6, out: requests, format: 'combined' });
  await importInto(dir, flows);
  const dbPath = await importInto(dir, requests);
  core = createCore({ dbPath, readWorkers: 1 });
  const { jobId } = await core.service.train({ kind: 'rf', split: 'ip', params: { trees: 10, seed: 1 } });
  const trained = await finished(jobId);
  expect(trained.state).toBe('done');
  expect(await finished((await core.service.scoreSessions({ kind: 'rf' })).jobId)).toMatchObject({
    state: 'done',
  });
  busiest = core.db
    .prepare('SELECT src_ip FROM sessions GROUP BY src_ip ORDER BY count(*) DESC LIMIT 1')
    .pluck()
    .get() as string;
  return () => core.close();
}, 120_000);

async function finished(jobId: string) {
  for (;;) {
    const job = await core.service.jobStatus({ jobId });
    if (job.state !== 'running' && job.state !== 'queued') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Sort = (typeof SESSION_SORT_FIELDS)[number];

/** Every row of the table, as the table loads it: page after page of sessionPage. */
async function table(filter: SessionFilter, sort: Sort, direction: 'asc' | 'desc'): Promise<Session[]> {
  const rows: Session[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await core.service.sessionPage({ filter, sort, direction, offset, limit: 1000 });
    rows.push(...page.items);
    if (rows.length >= page.total) return rows;
  }
}

/**
 * Rows to place: the ends, a spread through the table, and rows tied with the row above them on the
 * sort's field (for a sort by a mark, the score, flag or rule level, most rows tie with many).
 */
function rowsToPlace(rows: readonly Session[], sort: Sort): number[] {
  const picked = new Set([0, 1, rows.length - 2, rows.length - 1]);
  for (let i = 1; i < 9; i++) picked.add(Math.floor((rows.length * i) / 9));
  const field = sort as keyof Session;
  let ties = 0;
  for (let i = 1; i < rows.length && ties < 4; i += 37) {
    const [above, row] = [rows[i - 1]!, rows[i]!];
    if (field in row && row[field] === above[field]) {
      picked.add(i - 1).add(i);
      ties++;
    }
  }
  return [...picked].filter((i) => i >= 0 && i < rows.length);
}

const FILTERS: Record<string, () => SessionFilter> = {
  'no filter': () => ({}),
  'a filter-language filter': () => ({ clauses: parseFilterOrThrow('bytes_out:>200 -country:US') }),
  'a time range and the busiest source': () => ({
    from: START + 3 * 3_600_000,
    to: START + 20 * 3_600_000,
    srcIp: busiest,
  }),
};

describe('sessionRow', () => {
  for (const [name, filterOf] of Object.entries(FILTERS))
    it(`is the session's index in the loaded pages under every sort, ${name}`, async () => {
      const filter = filterOf();
      let placed = 0;
      for (const sort of SESSION_SORT_FIELDS)
        for (const direction of ['asc', 'desc'] as const) {
          const rows = await table(filter, sort, direction);
          expect(rows.length).toBeGreaterThan(10);
          for (const index of rowsToPlace(rows, sort)) {
            const id = rows[index]!.id;
            const { row } = await core.service.sessionRow({ filter, sort, direction, id });
            expect({ sort, direction, id, row }).toEqual({ sort, direction, id, row: index });
            placed++;
          }
        }
      expect(placed).toBeGreaterThan(SESSION_SORT_FIELDS.length * 2 * 12);
    }, 120_000);

  it('counts the rows before it in the index the always-offered sorts page by, reading no row', () => {
    const plans = { startTs: 'sessions_key', srcIp: 'sessions_src_sort', dstIp: 'sessions_dst_sort' };
    for (const [sort, index] of Object.entries(plans))
      for (const direction of ['asc', 'desc'] as const) {
        const { sql, params } = rowCountSql({}, sort, direction);
        const plan = core.db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all({ ...params, rowKey0: 0, rowKey1: 0, rowKey2: 0 }) as { detail: string }[];
        expect(plan.map((step) => step.detail)).toEqual([
          expect.stringMatching(new RegExp(`^SEARCH sessions USING COVERING INDEX ${index} \\(`)),
        ]);
      }
  });

  it('says a session the filter excludes has no row', async () => {
    const filter = FILTERS['a time range and the busiest source']!();
    const outside = core.db
      .prepare('SELECT id FROM sessions WHERE src_ip != ? LIMIT 1')
      .pluck()
      .get(busiest) as number;
    for (const sort of ['startTs', 'bytesOut', 'score'] as const)
      expect(await core.service.sessionRow({ filter, sort, direction: 'desc', id: outside })).toEqual({
        row: null,
      });
    expect(await core.service.sessionRow({ filter: {}, sort: 'srcIp', direction: 'asc', id: 1e9 })).toEqual({
      row: null,
    });
  });
});
