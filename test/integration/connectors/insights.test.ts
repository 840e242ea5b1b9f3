// Logs Insights pulls. moto implements StartQuery / GetQueryResults but finishes every query at
// once and only returns @-fields, so states it never gives (Running, Failed) and rows with other
// fields are answered by the loopback proxy in the same JSON protocol.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { abortError } from '../../../src-main/core/connectors/cloudwatch-logs/retry.js';
import { getPullState } from '../../../src-main/core/db/cloudwatch-pulls.js';
import type { MappingPreset } from '../../../src-shared/domain.js';
import { createTempDirs } from '../../helpers/temp.js';
import { vpcEvents } from './events.js';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';
import { openTestDb, pull, recordingRetry, sessions, sortSessions } from './harness.js';
import { createGroup, type Moto, putEvents, REGION, startMoto } from './moto.js';

const tempDir = createTempDirs();
let moto: Moto;
let proxy: FaultProxy;
let t0: number;
const QUERY = 'fields @timestamp, @message | sort @timestamp asc';

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  t0 = Date.now() - 3_600_000;
  proxy = await startFaultProxy(moto.url);
  await createGroup(moto, 'flows', ['s']);
});
afterEach(async () => {
  await proxy.close();
});

const running = { status: 200, body: { status: 'Running', results: [] } };

describe('Logs Insights pulls', () => {
  it('moto runs the query (Complete at once): each result @message is imported with exact fields', async () => {
    const all = vpcEvents(800, t0);
    await putEvents(moto, 'flows', 's', all.events);
    const db = openTestDb(tempDir());
    const summary = await pull(db, moto.url, { logGroup: 'flows', since: '2h', insightsQuery: QUERY });
    expect(summary).toMatchObject({ mode: 'insights', status: 'done', events: 800, lastEventTs: t0 + 799 });
    expect(summary.counts).toEqual({ rowsRead: 800, stored: 800, quarantined: 0, duplicates: 0 });
    expect(sessions(db)).toEqual(sortSessions(all.sessions));
    const selector = JSON.stringify({ insightsQuery: QUERY });
    const state = getPullState(db, { region: REGION, endpoint: moto.url, logGroup: 'flows', selector });
    expect(state).toMatchObject({ lastEventTs: t0 + 799, pending: null });
    db.close();
  });

  it('polls GetQueryResults with doubling waits while the query is Running (proxy), then imports moto’s results', async () => {
    await putEvents(moto, 'flows', 's', vpcEvents(50, t0).events);
    let polls = 0;
    proxy.setRule(({ operation }) => (operation === 'GetQueryResults' && ++polls <= 3 ? running : undefined));
    const { retry, delays } = recordingRetry();
    const db = openTestDb(tempDir());
    const summary = await pull(
      db,
      proxy.url,
      { logGroup: 'flows', since: '2h', insightsQuery: QUERY },
      { retry },
    );
    expect(summary.counts.stored).toBe(50);
    expect(proxy.count('StartQuery')).toBe(1);
    expect(proxy.count('GetQueryResults', 'answered')).toBe(3);
    expect(proxy.count('GetQueryResults', 'forwarded')).toBe(1);
    expect(delays).toEqual([500, 1_000, 2_000, 4_000]);
    db.close();
  });

  it('a query that ends Failed: a clear error, nothing imported', async () => {
    proxy.setRule(({ operation }) =>
      operation === 'GetQueryResults' ? { status: 200, body: { status: 'Failed', results: [] } } : undefined,
    );
    const db = openTestDb(tempDir());
    await expect(
      pull(db, proxy.url, { logGroup: 'flows', since: '2h', insightsQuery: QUERY }),
    ).rejects.toThrow('The Logs Insights query on flows ended with status Failed.');
    expect(db.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });
    db.close();
  });

  it('cancelled while the query runs: StopQuery is sent, the pull reports cancelled', async () => {
    proxy.setRule(({ operation }) => (operation === 'GetQueryResults' ? running : undefined));
    const abort = new AbortController();
    const waits: number[] = [];
    const retry = {
      sleep: async (ms: number, signal?: AbortSignal) => {
        waits.push(ms);
        if (waits.length === 3) abort.abort();
        if (signal?.aborted) throw abortError();
      },
    };
    const db = openTestDb(tempDir());
    const summary = await pull(
      db,
      proxy.url,
      { logGroup: 'flows', since: '2h', insightsQuery: QUERY },
      { retry, signal: abort.signal },
    );
    expect(summary.status).toBe('cancelled');
    expect(proxy.count('GetQueryResults')).toBe(2);
    expect(proxy.count('StopQuery')).toBe(1);
    db.close();
  });

  it('result fields mapped with a preset (rows with non-@ fields come from the proxy; moto returns only @-fields)', async () => {
    const rows = [0, 1, 2].map((i) => [
      {
        field: '@timestamp',
        value: new Date(t0 + i * 1000).toISOString().replace('T', ' ').replace('Z', ''),
      },
      { field: 'srcAddr', value: `203.0.113.${i + 1}` },
      { field: 'dstAddr', value: '10.0.0.5' },
      { field: 'dstPort', value: String(443 + i) },
      { field: 'start', value: String(Math.floor(t0 / 1000) + i) },
      { field: '@ptr', value: `ptr-${i}` },
    ]);
    proxy.setRule(({ operation }) =>
      operation === 'GetQueryResults'
        ? { status: 200, body: { status: 'Complete', results: rows } }
        : undefined,
    );
    const preset: MappingPreset = {
      name: 'insights-flows',
      format: 'mapped-jsonl',
      timestampFormat: 'epoch-s',
      columns: { srcIp: 'srcAddr', dstIp: 'dstAddr', dstPort: 'dstPort', start: 'start' },
    };
    const db = openTestDb(tempDir());
    const summary = await pull(db, proxy.url, {
      logGroup: 'flows',
      since: '2h',
      insightsQuery: 'fields @timestamp, srcAddr, dstAddr, dstPort, start',
      preset,
    });
    expect(summary).toMatchObject({
      events: 3,
      lastEventTs: t0 + 2_000,
      counts: { stored: 3, quarantined: 0 },
    });
    const stored = db
      .prepare('SELECT src_ip, dst_ip, dst_port, start_ts FROM sessions ORDER BY start_ts')
      .all();
    expect(stored).toEqual(
      [0, 1, 2].map((i) => ({
        src_ip: `203.0.113.${i + 1}`,
        dst_ip: '10.0.0.5',
        dst_port: 443 + i,
        start_ts: (Math.floor(t0 / 1000) + i) * 1000,
      })),
    );
    expect(db.prepare('SELECT format, preset FROM imports').all()).toEqual([
      { format: 'mapped-jsonl', preset: 'insights-flows' },
    ]);
    db.close();
  });

  it('a query whose rows have no @message: says to add it or map the fields with a preset', async () => {
    await putEvents(moto, 'flows', 's', vpcEvents(5, t0).events);
    const db = openTestDb(tempDir());
    await expect(
      pull(db, moto.url, { logGroup: 'flows', since: '2h', insightsQuery: 'fields @timestamp' }),
    ).rejects.toThrow(/^The query results have no @message field: add `fields @timestamp, @message`/);
    db.close();
  });
});
