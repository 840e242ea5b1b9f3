// Pulls from a real moto_server into a real SQLite file, checked row by row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listLogGroups } from '../../../src-main/core/connectors/cloudwatch-logs/index.js';
import { getPullState } from '../../../src-main/core/db/cloudwatch-pulls.js';
import { sessionsByIds } from '../../../src-main/core/db/flag-queue.js';
import { createTempDirs } from '../../helpers/temp.js';
import { vpcEvent, vpcEvents, wafEvents } from './events.js';
import { startFaultProxy } from './fault-proxy.js';
import { countSessions, openTestDb, pull, sessions, sortSessions, spoolFiles } from './harness.js';
import { createGroup, type Moto, putEvents, REGION, startMoto, TEST_CREDENTIALS } from './moto.js';

const tempDir = createTempDirs();
let moto: Moto;
let t0: number;

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  // Within the last hours: CloudWatch refuses events older than 14 days or in the future.
  t0 = Date.now() - 3_600_000;
});

describe('pull from CloudWatch Logs (moto_server)', () => {
  it('imports VPC Flow Log events from two streams with every field exact, quarantines bad lines, cleans the spool', async () => {
    const dir = tempDir();
    await createGroup(moto, '/vpc/flow', ['eni-a', 'eni-b']);
    const { events, sessions: expected } = vpcEvents(1_200, t0);
    await putEvents(moto, '/vpc/flow', 'eni-a', events.slice(0, 700));
    await putEvents(moto, '/vpc/flow', 'eni-b', [
      ...events.slice(700),
      {
        timestamp: t0 + 5_000,
        message: '2 123456789012 eni-0abc1 - - - - - - - 1700000000 1700000060 - NODATA',
      },
      {
        timestamp: t0 + 5_001,
        message: '2 123456789012 eni-0abc1 not-an-ip 10.0.0.1 1 2 6 1 40 1700000000 1700000060 ACCEPT OK',
      },
    ]);
    const db = openTestDb(dir);
    const summary = await pull(db, moto.url, { logGroup: '/vpc/flow', from: t0 - 1_000 });

    expect(summary).toMatchObject({
      status: 'done',
      mode: 'filter',
      events: 1_202,
      pages: 1,
      counts: { rowsRead: 1_202, stored: 1_200, quarantined: 2, duplicates: 0 },
      firstEventTs: t0,
      lastEventTs: t0 + 5_001,
    });
    expect(sessions(db)).toEqual(sortSessions(expected));
    const imports = db.prepare('SELECT format, status FROM imports').all();
    expect(imports).toEqual([{ format: 'vpc-flow', status: 'done' }]);
    const bad = db.prepare('SELECT reason, raw FROM quarantine ORDER BY line').all() as {
      reason: string;
      raw: string;
    }[];
    expect(bad.map((b) => b.raw)).toEqual([
      '2 123456789012 eni-0abc1 - - - - - - - 1700000000 1700000060 - NODATA',
      '2 123456789012 eni-0abc1 not-an-ip 10.0.0.1 1 2 6 1 40 1700000000 1700000060 ACCEPT OK',
    ]);
    expect(bad[0]!.reason).toMatch(/^log-status NODATA/);
    expect(bad[1]!.reason).toBe('srcaddr: not an IP address: not-an-ip');
    expect(spoolFiles(dir)).toEqual([]);
    db.close();
  });

  it('imports AWS WAF JSON events with every field exact', async () => {
    const dir = tempDir();
    await createGroup(moto, 'aws-waf-logs-shop', ['alb']);
    const { events, sessions: expected } = wafEvents(600, t0);
    await putEvents(moto, 'aws-waf-logs-shop', 'alb', events);
    const db = openTestDb(dir);
    const summary = await pull(db, moto.url, { logGroup: 'aws-waf-logs-shop', since: '2h' });
    expect(summary.counts).toEqual({ rowsRead: 600, stored: 600, quarantined: 0, duplicates: 0 });
    expect(sessions(db)).toEqual(sortSessions(expected));
    // The request is kept in the session's own HTTP fields, not as attributes.
    const id = db
      .prepare('SELECT id FROM sessions WHERE start_ts = ?')
      .pluck()
      .get(t0 + 7) as number;
    expect(sessionsByIds(db, [id])[0]).toMatchObject({
      path: '/item/7',
      method: 'GET',
      host: 'shop.example.com',
    });
    expect(db.prepare('SELECT format FROM imports').all()).toEqual([{ format: 'waf-json' }]);
    db.close();
  });

  it('follows nextToken across FilterLogEvents pages: 25 000 events come in 3 pages, counted at the wire too', async () => {
    const dir = tempDir();
    await createGroup(moto, 'big', ['s']);
    const { events } = vpcEvents(25_000, t0);
    await putEvents(moto, 'big', 's', events);
    const proxy = await startFaultProxy(moto.url);
    const db = openTestDb(dir);
    try {
      const summary = await pull(db, proxy.url, { logGroup: 'big', from: t0 }, { flushEvents: 10_000 });
      // moto pages FilterLogEvents at 10 000 events, like AWS at most.
      expect(proxy.count('FilterLogEvents')).toBe(3);
      expect(summary).toMatchObject({ pages: 3, events: 25_000 });
      expect(summary.counts).toEqual({ rowsRead: 25_000, stored: 25_000, quarantined: 0, duplicates: 0 });
      // Chunks end on page boundaries: 10 000 + 10 000 + 5 000, one import each.
      expect(summary.importIds).toHaveLength(3);
      expect(countSessions(db)).toBe(25_000);
      const state = getPullState(db, { region: REGION, endpoint: proxy.url, logGroup: 'big', selector: '' });
      expect(state).toMatchObject({ lastEventTs: t0 + 24_999, pending: null });
    } finally {
      db.close();
      await proxy.close();
    }
  });

  it('pulls only what is new: the event at the boundary comes again and is dropped as a duplicate', async () => {
    const dir = tempDir();
    await createGroup(moto, 'inc', ['s']);
    const all = vpcEvents(1_300, t0);
    await putEvents(moto, 'inc', 's', all.events.slice(0, 1_000));
    const db = openTestDb(dir);
    const first = await pull(db, moto.url, { logGroup: 'inc', newOnly: true, since: '2h' });
    expect(first.counts.stored).toBe(1_000);
    expect(first.notes.join(' ')).toMatch(/No earlier pull of this selection: pulled the last 2h/);

    await putEvents(moto, 'inc', 's', all.events.slice(1_000));
    const second = await pull(db, moto.url, { logGroup: 'inc', newOnly: true, overlap: '0ms' });
    // Start = the last stored event's timestamp (inclusive): that one event again, plus the 300 new.
    expect(second).toMatchObject({ rangeStart: t0 + 999, events: 301 });
    expect(second.counts).toEqual({ rowsRead: 301, stored: 300, quarantined: 0, duplicates: 1 });
    expect(sessions(db)).toEqual(sortSessions(all.sessions));

    // The default overlap (10 minutes) re-reads late arrivals; all of them are already stored here.
    const third = await pull(db, moto.url, { logGroup: 'inc', newOnly: true });
    expect(third).toMatchObject({ rangeStart: t0 + 1_299 - 600_000, events: 1_300 });
    expect(third.counts).toMatchObject({ stored: 0, duplicates: 1_300 });
    expect(countSessions(db)).toBe(1_300);
    db.close();
  });

  it('a pull cancelled mid-way keeps its finished chunks and resumes from its token: exact total, no duplicates', async () => {
    const dir = tempDir();
    await createGroup(moto, 'resume', ['a', 'b']);
    const all = vpcEvents(12_000, t0);
    await putEvents(
      moto,
      'resume',
      'a',
      all.events.filter((_, i) => i % 2 === 0),
    );
    await putEvents(
      moto,
      'resume',
      'b',
      all.events.filter((_, i) => i % 2 === 1),
    );
    const db = openTestDb(dir);
    const request = { logGroup: 'resume', from: t0, to: t0 + 60_000 };
    const chunking = { pageSize: 1_000, flushEvents: 3_000, progressIntervalMs: 0 };
    const abort = new AbortController();
    const cancelled = await pull(db, moto.url, request, {
      ...chunking,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.importIds.length === 2) abort.abort();
      },
    });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.counts.stored).toBe(6_000);
    expect(countSessions(db)).toBe(6_000);
    expect(spoolFiles(dir)).toEqual([]);
    const groups = await listLogGroups(
      db,
      { region: REGION, endpoint: moto.url },
      { credentials: TEST_CREDENTIALS },
    );
    expect(groups).toEqual([expect.objectContaining({ name: 'resume', resumable: true })]);

    const resumed = await pull(db, moto.url, request, chunking);
    // Only the rest is fetched: the saved token starts right after the last stored chunk.
    expect(resumed).toMatchObject({ status: 'done', resumed: true, events: 6_000 });
    expect(resumed.counts).toEqual({ rowsRead: 6_000, stored: 6_000, quarantined: 0, duplicates: 0 });
    expect(sessions(db)).toEqual(sortSessions(all.sessions));
    const state = getPullState(db, { region: REGION, endpoint: moto.url, logGroup: 'resume', selector: '' });
    expect(state?.pending).toBeNull();
    db.close();
  });

  it('keeps a separate position per filter pattern: a filtered pull does not move the unfiltered one', async () => {
    const dir = tempDir();
    await createGroup(moto, 'sel', ['s']);
    const all = vpcEvents(500, t0);
    await putEvents(moto, 'sel', 's', all.events);
    const db = openTestDb(dir);
    const rejects = await pull(db, moto.url, { logGroup: 'sel', since: '2h', filterPattern: 'REJECT' });
    expect(rejects.counts.stored).toBe(100);
    expect(new Set(sessions(db).map((s) => s.action))).toEqual(new Set(['REJECT']));
    const everything = await pull(db, moto.url, { logGroup: 'sel', newOnly: true, since: '2h' });
    expect(everything.counts).toMatchObject({ stored: 400, duplicates: 100 });
    expect(countSessions(db)).toBe(500);
    db.close();
  });

  it('records the region, log group, filter pattern and range asked for on each import', async () => {
    const dir = tempDir();
    await createGroup(moto, '/vpc/flow', ['s']);
    await putEvents(moto, '/vpc/flow', 's', vpcEvents(300, t0).events);
    const db = openTestDb(dir);
    const from = t0 - 1_000;
    const to = t0 + 600_000;
    const summary = await pull(db, moto.url, { logGroup: '/vpc/flow', from, to, filterPattern: 'REJECT' });
    expect(summary.counts.stored).toBeGreaterThan(0);
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    expect(db.prepare('SELECT origin FROM imports').all()).toEqual([
      {
        origin: `cloudwatch logs ${REGION} log group /vpc/flow via ${moto.url}, filter pattern 'REJECT', ${iso(from)} – ${iso(to)}`,
      },
    ]);
    db.close();
  });

  it('keys events by their CloudWatch event id: a flood of identical records is kept whole, an overlapping pull adds only what is new', async () => {
    const dir = tempDir();
    await createGroup(moto, 'flood', ['s']);
    // 50 identical flow records (one connection attempt, 50 times) at t0..t0+49, then 10 others.
    const { message } = vpcEvent(0, t0).event;
    const flood = Array.from({ length: 50 }, (_, i) => ({ timestamp: t0 + i, message }));
    const others = vpcEvents(10, t0, 1).events.map((e, i) => ({ ...e, timestamp: t0 + 100 + i }));
    await putEvents(moto, 'flood', 's', [...flood, ...others]);
    const db = openTestDb(dir);
    const first = await pull(db, moto.url, { logGroup: 'flood', from: t0, to: t0 + 30 });
    expect(first.counts).toEqual({ rowsRead: 31, stored: 31, quarantined: 0, duplicates: 0 });
    // Events 20..49 of the flood again and after them: by occurrence, the 30 would be the 1st to
    // 30th copies, all stored already; by event id, 11 are and 19 are new.
    const second = await pull(db, moto.url, { logGroup: 'flood', from: t0 + 20, to: t0 + 200 });
    expect(second.counts).toEqual({ rowsRead: 40, stored: 29, quarantined: 0, duplicates: 11 });
    expect(countSessions(db)).toBe(60);
    const again = await pull(db, moto.url, { logGroup: 'flood', from: t0, to: t0 + 200 });
    expect(again.counts).toEqual({ rowsRead: 60, stored: 0, quarantined: 0, duplicates: 60 });
    db.close();
  });
});
