// Throttling, server errors and dropped connections, injected by a loopback proxy in front of moto
// (moto itself never throttles).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listLogGroups } from '../../../src-main/core/connectors/cloudwatch-logs/index.js';
import { createTempDirs } from '../../helpers/temp.js';
import { vpcEvents } from './events.js';
import { type FaultProxy, startFaultProxy, throttled } from './fault-proxy.js';
import { countSessions, openTestDb, pull, recordingRetry, sessions, sortSessions } from './harness.js';
import { createGroup, freePort, type Moto, putEvents, REGION, startMoto, TEST_CREDENTIALS } from './moto.js';

const tempDir = createTempDirs();
let moto: Moto;
let proxy: FaultProxy;
let t0: number;

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
});
afterEach(async () => {
  await proxy.close();
});

describe('retries with exponential backoff and full jitter', () => {
  it('400 ThrottlingException on the first 3 requests: the pull succeeds, the proxy saw the retries', async () => {
    await createGroup(moto, 'g', ['s']);
    const all = vpcEvents(300, t0);
    await putEvents(moto, 'g', 's', all.events);
    proxy.setRule(({ index }) => (index < 3 ? throttled : undefined));
    const { retry, delays } = recordingRetry({ random: () => 0.999, baseDelayMs: 100 });
    const db = openTestDb(tempDir());
    const summary = await pull(db, proxy.url, { logGroup: 'g', from: t0 }, { retry });
    expect(summary.counts).toEqual({ rowsRead: 300, stored: 300, quarantined: 0, duplicates: 0 });
    expect(proxy.count('FilterLogEvents', 'answered')).toBe(3);
    expect(proxy.count('FilterLogEvents', 'forwarded')).toBe(1);
    // Full jitter: each wait is uniform below a ceiling that doubles (random pinned near 1 here).
    expect(delays).toEqual([99, 199, 399]);
    expect(sessions(db)).toEqual(sortSessions(all.sessions));
    db.close();
  });

  it('503s and dropped connections are retried as well; other pages continue where they were', async () => {
    await createGroup(moto, 'g', ['s']);
    await putEvents(moto, 'g', 's', vpcEvents(2_500, t0).events);
    const faults = [
      'reset',
      { status: 503, body: { __type: 'ServiceUnavailableException', message: 'busy' } },
    ];
    proxy.setRule(({ index }) => (index === 1 || index === 2 ? (faults[index - 1] as 'reset') : undefined));
    const db = openTestDb(tempDir());
    const summary = await pull(db, proxy.url, { logGroup: 'g', from: t0 }, { pageSize: 1_000 });
    expect(summary).toMatchObject({ pages: 3, events: 2_500 });
    expect(summary.counts.stored).toBe(2_500);
    expect(proxy.seen.map((s) => s.outcome)).toEqual([
      'forwarded',
      'reset',
      'answered',
      'forwarded',
      'forwarded',
    ]);
    db.close();
  });

  it('throttling that never stops ends after the bounded attempts with a message that says what to do', async () => {
    await createGroup(moto, 'g', ['s']);
    proxy.setRule(() => throttled);
    const { retry, delays } = recordingRetry({ maxAttempts: 4 });
    const db = openTestDb(tempDir());
    await expect(pull(db, proxy.url, { logGroup: 'g', from: t0 }, { retry })).rejects.toThrow(
      /^CloudWatch Logs kept refusing logs:FilterLogEvents \(ThrottlingException\) after 4 attempts: try again later/,
    );
    expect(proxy.count('FilterLogEvents')).toBe(4);
    expect(delays).toHaveLength(3);
    for (const [i, delay] of delays.entries()) expect(delay).toBeLessThan(250 * 2 ** i);
    db.close();
  });

  it('DescribeLogGroups is retried the same way', async () => {
    await createGroup(moto, 'listed', []);
    proxy.setRule(({ index }) => (index < 2 ? throttled : undefined));
    const db = openTestDb(tempDir());
    const groups = await listLogGroups(
      db,
      { region: REGION, endpoint: proxy.url },
      { credentials: TEST_CREDENTIALS, retry: recordingRetry().retry },
    );
    expect(groups.map((g) => g.name)).toEqual(['listed']);
    expect(proxy.count('DescribeLogGroups')).toBe(3);
    db.close();
  });
});

describe('failures that are not retried', () => {
  it('AccessDeniedException in the JSON form AWS sends: a clear message, one request only', async () => {
    await createGroup(moto, 'g', ['s']);
    proxy.setRule(() => ({
      status: 400,
      body: {
        __type: 'AccessDeniedException',
        message: 'User: arn:aws:iam::123456789012:user/a is not authorized to perform: logs:FilterLogEvents',
      },
    }));
    const db = openTestDb(tempDir());
    await expect(pull(db, proxy.url, { logGroup: 'g', from: t0 })).rejects.toThrow(
      'AccessDenied: your credentials may not call logs:FilterLogEvents on log group g. Ask for an IAM policy that allows it, or use another --profile. (AWS said: User: arn:aws:iam::123456789012:user/a is not authorized to perform: logs:FilterLogEvents)',
    );
    expect(proxy.seen).toHaveLength(1);
    db.close();
  });

  it('a refused connection fails at once, naming the endpoint', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { retry, delays } = recordingRetry();
    const db = openTestDb(tempDir());
    await expect(pull(db, closed, { logGroup: 'g', from: t0 }, { retry })).rejects.toThrow(
      `Could not connect to ${closed}: the connection was refused.`,
    );
    expect(delays).toEqual([]);
    db.close();
  });
});

describe('a pull that fails mid-way', () => {
  it('keeps its stored chunks and the next run resumes from the saved token: exact total', async () => {
    await createGroup(moto, 'g', ['s']);
    const all = vpcEvents(5_000, t0);
    await putEvents(moto, 'g', 's', all.events);
    // The network goes down for good after the third page.
    proxy.setRule(({ index }) => (index >= 3 ? 'reset' : undefined));
    const { retry } = recordingRetry({ maxAttempts: 2 });
    const db = openTestDb(tempDir());
    const options = { retry, pageSize: 1_000, flushEvents: 2_000 };
    await expect(pull(db, proxy.url, { logGroup: 'g', from: t0, to: t0 + 10_000 }, options)).rejects.toThrow(
      /^The connection to .* kept failing \(ECONNRESET after 2 attempts\).* 2000 events stored before this are kept; run the same pull again to resume\.$/,
    );
    expect(countSessions(db)).toBe(2_000);
    proxy.setRule(undefined);
    const resumed = await pull(db, proxy.url, { logGroup: 'g', from: t0, to: t0 + 10_000 }, options);
    expect(resumed).toMatchObject({ resumed: true, events: 3_000, counts: { stored: 3_000, duplicates: 0 } });
    expect(sessions(db)).toEqual(sortSessions(all.sessions));
    db.close();
  });
});
