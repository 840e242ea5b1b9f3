// The Sessions table's source and destination sorts order addresses as addresses: every IPv4
// address numerically (an IPv4-mapped IPv6 text among them, as the address it carries), then every
// IPv6 address by its 128-bit number, then texts that are no address, then sessions with none;
// within one address by start time and id. Checked on a real file, both directions, and paged; that
// the sorts walk the key indexes with no sort step is session-page.test.ts's check.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { sessionPage } from '../../../src-main/core/db/sessions.js';
import type { Session } from '../../../src-shared/domain.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

/** In address order, as the sort must give them; inserted shuffled. */
const ADDRESSES_IN_ORDER = [
  '9.255.255.255',
  '10.0.0.9',
  '::ffff:10.0.0.9',
  '10.0.0.10',
  '100.0.0.1',
  '2001:db8::1',
  '2001:DB8:0:0:0:0:0:9',
  '2001:db8::10',
  'gateway.example',
  '',
];
/**
 * The order they are stored in (ids ascending), so neither id nor text order gives the answer. The
 * dotted quad and its mapped form are one address, one key: at the same start they follow by id,
 * so the quad is stored first.
 */
const STORED = [6, 3, 9, 0, 7, 1, 5, 2, 8, 4].map((i) => ADDRESSES_IN_ORDER[i]!);

const BASE = 1_700_000_000_000;

beforeEach(() => {
  db = openDatabase(path.join(tempDir(), 'address-sort.db'));
  insertSessions(db, [
    // The same start for all: ties on start time leave the order to the address, then the id.
    ...STORED.map((address) => ({ startTs: BASE, srcIp: address, dstIp: address })),
    // No destination at all sorts with the empty one, after it by id.
    { startTs: BASE, srcIp: '', dstIp: null },
    // Two more sessions of 10.0.0.10, earlier and later: within an address, by start time.
    { startTs: BASE + 5000, srcIp: '10.0.0.10', dstIp: '10.0.0.10' },
    { startTs: BASE - 5000, srcIp: '10.0.0.10', dstIp: '10.0.0.10' },
  ]);
});
afterEach(() => db.close());

function sorted(sort: 'srcIp' | 'dstIp', direction: 'asc' | 'desc', limit = 100): Session[] {
  const all: Session[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = sessionPage(db, { filter: {}, sort, direction, offset, limit });
    all.push(...page.items);
    if (page.items.length < limit) return all;
  }
}

const describeRow = (s: Session, sort: 'srcIp' | 'dstIp') => `${s[sort]}@${s.startTs - BASE}`;

/** The expected ascending order: the addresses in order, 10.0.0.10's three by start time. */
function expectedAscending(sort: 'srcIp' | 'dstIp'): string[] {
  const rows = ADDRESSES_IN_ORDER.flatMap((address) =>
    address === '10.0.0.10' ? ['10.0.0.10@-5000', '10.0.0.10@0', '10.0.0.10@5000'] : [`${address}@0`],
  );
  // The session with no destination (stored last, so after the empty one) or, by source, its
  // empty source (stored after the other empty one).
  rows.push(sort === 'dstIp' ? 'null@0' : '@0');
  return rows;
}

describe('sorting sessions by address', () => {
  for (const sort of ['srcIp', 'dstIp'] as const) {
    it(`orders ${sort} ascending as addresses: IPv4, IPv6, other texts, none`, () => {
      expect(sorted(sort, 'asc').map((s) => describeRow(s, sort))).toEqual(expectedAscending(sort));
    });

    it(`orders ${sort} descending as the exact reverse (start time and id reversed too)`, () => {
      expect(sorted(sort, 'desc').map((s) => describeRow(s, sort))).toEqual(
        expectedAscending(sort).reverse(),
      );
    });

    it(`pages ${sort} in address order: small pages give the same walk as one page`, () => {
      for (const direction of ['asc', 'desc'] as const) {
        const whole = sorted(sort, direction).map((s) => s.id);
        expect(sorted(sort, direction, 3).map((s) => s.id)).toEqual(whole);
        expect(sorted(sort, direction, 1).map((s) => s.id)).toEqual(whole);
      }
    });
  }

  it("sorts an address's own sessions by time when the filter pins that address", () => {
    insertSessions(db, [{ startTs: BASE - 1, srcIp: '::FFFF:10.0.0.9', dstIp: null }]);
    for (const direction of ['asc', 'desc'] as const) {
      const page = sessionPage(db, {
        filter: { srcIp: '10.0.0.9' },
        sort: 'srcIp',
        direction,
        offset: 0,
        limit: 10,
      });
      const rows = page.items.map((s) => `${s.srcIp}@${s.startTs - BASE}`);
      // Its three forms are one address: by start time, then id (the quad was stored first).
      const ascending = ['::FFFF:10.0.0.9@-1', '10.0.0.9@0', '::ffff:10.0.0.9@0'];
      expect(rows).toEqual(direction === 'asc' ? ascending : ascending.reverse());
    }
  });
});
