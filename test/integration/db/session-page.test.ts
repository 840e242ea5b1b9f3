// Server-side paging of the Sessions table: pages in every sort are a gap-free, duplicate-free
// walk of the matching sessions, and the sorts the UI always offers walk an index (no sort step).
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addressSortKey } from '../../../src-main/core/db/address-sort-key.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { dropSessionIndexes } from '../../../src-main/core/db/session-indexes.js';
import {
  pageOrder,
  sessionOrder,
  sessionPage,
  sessionPageSql,
  whereClause,
} from '../../../src-main/core/db/sessions.js';
import type { Session, SessionFilter } from '../../../src-shared/domain.js';
import { insertSessions, type TestSession } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

/** Many ties on every sort key, so the tie-breaks decide the order. */
function rows(n: number): TestSession[] {
  return Array.from({ length: n }, (_, i) => ({
    startTs: 1_700_000_000_000 + (i % 97) * 1000,
    srcIp: `10.0.${i % 7}.${i % 13}`,
    dstIp: i % 11 === 0 ? null : `192.168.0.${i % 5}`,
    dstPort: [80, 443, 22][i % 3]!,
    bytesIn: (i * 37) % 500,
    bytesOut: (i * 53) % 300,
    country: ['US', 'DE', null][i % 3],
  }));
}

function walk(sort: string, direction: 'asc' | 'desc', filter = {}): Session[] {
  const all: Session[] = [];
  for (let offset = 0; ; offset += 97) {
    const page = sessionPage(db, { filter, sort, direction, offset, limit: 97 });
    all.push(...page.items);
    if (page.items.length < 97) return all;
  }
}

type SortValue = string | number | Buffer | null;

/** What each sort orders by: addresses by their sort key (address-sort-key.ts), as numbers. */
const key: Record<string, (s: Session) => SortValue> = {
  startTs: (s) => s.startTs,
  srcIp: (s) => addressSortKey(s.srcIp),
  dstIp: (s) => addressSortKey(s.dstIp),
  bytesIn: (s) => s.bytesIn,
  country: (s) => s.country,
};

/** SQLite order: NULL first ascending, strings and BLOBs by byte order. */
function ordered(a: SortValue, b: SortValue): number {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return Buffer.compare(a, b);
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

beforeEach(() => {
  db = openDatabase(path.join(tempDir(), 'pages.db'));
  insertSessions(db, rows(1500));
});
afterEach(() => db.close());

describe('sessionPage', () => {
  for (const sort of Object.keys(key))
    for (const direction of ['asc', 'desc'] as const)
      it(`walks every session once, in ${sort} ${direction} order`, () => {
        const all = walk(sort, direction);
        expect(all).toHaveLength(1500);
        expect(new Set(all.map((s) => s.id)).size).toBe(1500);
        const sign = direction === 'asc' ? 1 : -1;
        for (let i = 1; i < all.length; i++)
          expect(sign * ordered(key[sort]!(all[i - 1]!), key[sort]!(all[i]!))).toBeLessThanOrEqual(0);
      });

  it('pages within a filter, with the filtered total', () => {
    const page = sessionPage(db, {
      filter: { country: 'US' },
      sort: 'srcIp',
      direction: 'desc',
      offset: 400,
      limit: 200,
    });
    expect(page.total).toBe(500);
    expect(page.items).toHaveLength(100);
    expect(page.items.every((s) => s.country === 'US')).toBe(true);
    expect(walk('srcIp', 'desc', { country: 'US' })).toHaveLength(500);
  });

  it('walks a covering index for the always-offered sorts: only the page itself is sorted', () => {
    const plans = { startTs: 'sessions_key', srcIp: 'sessions_src_sort', dstIp: 'sessions_dst_sort' };
    for (const [sort, index] of Object.entries(plans))
      for (const direction of ['asc', 'desc'] as const) {
        const plan = (
          db.prepare(`EXPLAIN QUERY PLAN ${sessionPageSql('', sessionOrder(sort, direction))}`).all({
            limit: 200,
            offset: 0,
          }) as { detail: string }[]
        ).map((row) => row.detail);
        expect(plan).toContain(`SCAN sessions USING COVERING INDEX ${index}`);
        // One sort step: the outer ORDER BY of at most one page's rows, none for the index walk.
        expect(plan.filter((line) => line.includes('TEMP B-TREE'))).toEqual(['USE TEMP B-TREE FOR ORDER BY']);
      }
  });

  it('walks an address index only when it holds every filter term; else it scans and sorts', () => {
    // Walking sessions_src (now sessions_src_sort) while testing a country read each row in address
    // order, one random page each: 7.7 s for a last page at 1 M sessions.
    const planOf = (filter: SessionFilter, sort: string) => {
      const { sql, params } = whereClause(filter);
      return (
        db
          .prepare(`EXPLAIN QUERY PLAN ${sessionPageSql(sql, pageOrder(filter, sort, 'asc'))}`)
          .all({ ...params, limit: 100, offset: 0 }) as { detail: string }[]
      )
        .map((row) => row.detail)
        .join(' | ');
    };
    const port = {
      clauses: [
        {
          field: 'port' as const,
          negate: false,
          values: [{ kind: 'cmp' as const, op: '=' as const, value: 443 }],
        },
      ],
    };
    for (const [sort, index] of [
      ['srcIp', 'sessions_src_sort'],
      ['dstIp', 'sessions_dst_sort'],
    ] as const) {
      for (const filter of [{}, { clauses: [] }])
        expect(planOf(filter, sort)).toContain(`COVERING INDEX ${index}`);
      for (const filter of [{ country: 'US' }, { dstPort: 443 }, port])
        expect(planOf(filter, sort)).not.toContain(index);
    }
    // The sorted address pinned by the filter: one key, so its text index finds the sessions and
    // only their ids are sorted by time (pageOrder).
    expect(planOf({ srcIp: '10.0.1.1' }, 'srcIp')).toContain('COVERING INDEX sessions_src (src_ip=?)');
    expect(planOf({ srcIp: '10.0.1.1' }, 'srcIp')).not.toContain('sessions_src_sort');
    expect(planOf({ srcIp: '10.0.1.1' }, 'dstIp')).not.toContain('sessions_dst');
    // Either way the pages are the same walk.
    for (const filter of [{ country: 'US' }, port]) {
      const all = walk('srcIp', 'asc', filter);
      expect(all.length).toBe(
        sessionPage(db, { filter, sort: 'srcIp', direction: 'asc', offset: 0, limit: 1 }).total,
      );
      expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1]!, all[i]!];
        expect(
          ordered(key.srcIp!(a), key.srcIp!(b)) || ordered(a.startTs, b.startTs) || a.id - b.id,
        ).toBeLessThan(0);
      }
    }
  });

  describe('a time range sorted by an address', () => {
    // The SQL of each page sessionPage reads (its inner SELECT names the plan), by EXPLAIN.
    const pagePlans = (filter: SessionFilter, sort: string, direction: 'asc' | 'desc' = 'asc') => {
      const seen: string[] = [];
      const prepare = db.prepare.bind(db);
      const spy = Object.assign(Object.create(db) as Db, {
        prepare: (sql: string) => {
          if (sql.includes('LIMIT @limit OFFSET @offset')) seen.push(sql);
          return prepare(sql);
        },
      });
      const page = sessionPage(spy, { filter, sort, direction, offset: 0, limit: 50 });
      const { params } = whereClause(filter);
      const plan = seen
        .map((sql) =>
          (
            db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...params, limit: 50, offset: 0 }) as {
              detail: string;
            }[]
          )
            .map((row) => row.detail)
            .join(' | '),
        )
        .join(' || ');
      return { page, plan };
    };
    const [first, last] = [1_700_000_000_000, 1_700_000_000_000 + 96_000];

    it('walks the address key index when the range holds many sessions, instead of sorting them all', () => {
      // Sorting a 7-day range's sessions by source took 0.3 s for its first page at 1 M sessions
      // and 1 s for its middle one; the walk (start_ts is in the index: no row read) 20–45 ms.
      for (const [sort, index] of [
        ['srcIp', 'sessions_src_sort'],
        ['dstIp', 'sessions_dst_sort'],
      ] as const) {
        const { plan } = pagePlans({ from: first, to: last + 1 }, sort);
        expect(plan).toContain(`COVERING INDEX ${index}`);
        expect(plan).not.toContain('sessions_key');
      }
    });

    it('sorts the few sessions of a narrow range found by the time index', () => {
      // Three of 97 seconds: 45 of 1 500 sessions, fewer than an eighth.
      const { plan, page } = pagePlans({ from: first, to: first + 3000 }, 'srcIp');
      expect(page.total).toBe(48);
      expect(plan).not.toContain('sessions_src_sort');
    });

    it('pages the same walk either way, and falls back while a bulk import has dropped the indexes', () => {
      const filter = { from: first + 10_000, to: last };
      const walked = walk('srcIp', 'desc', filter);
      expect(walked.length).toBe(
        sessionPage(db, { filter, sort: 'srcIp', direction: 'desc', offset: 0, limit: 1 }).total,
      );
      for (let i = 1; i < walked.length; i++) {
        const [a, b] = [walked[i - 1]!, walked[i]!];
        expect(
          ordered(key.srcIp!(b), key.srcIp!(a)) || ordered(b.startTs, a.startTs) || b.id - a.id,
        ).toBeLessThan(0);
      }
      dropSessionIndexes(db);
      expect(walk('srcIp', 'desc', filter).map((s) => s.id)).toEqual(walked.map((s) => s.id));
    });
  });
});
