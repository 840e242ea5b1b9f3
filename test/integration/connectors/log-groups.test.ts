// Listing log groups from moto: paging, prefix, stored bytes and retention.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listLogGroups } from '../../../src-main/core/connectors/cloudwatch-logs/index.js';
import { createTempDirs } from '../../helpers/temp.js';
import { vpcEvents } from './events.js';
import { startFaultProxy } from './fault-proxy.js';
import { openTestDb, pull } from './harness.js';
import { createGroup, type Moto, putEvents, REGION, startMoto, TEST_CREDENTIALS } from './moto.js';

const tempDir = createTempDirs();
let moto: Moto;

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
});

describe('list log groups (moto_server)', () => {
  it('follows DescribeLogGroups pages (moto: 50 a page) and filters by prefix', async () => {
    for (let i = 0; i < 60; i++) await createGroup(moto, `/app/${String(i).padStart(2, '0')}`, []);
    await createGroup(moto, '/other/x', []);
    const proxy = await startFaultProxy(moto.url);
    const db = openTestDb(tempDir());
    try {
      const groups = await listLogGroups(
        db,
        { region: REGION, endpoint: proxy.url, prefix: '/app/' },
        { credentials: TEST_CREDENTIALS },
      );
      expect(groups.map((g) => g.name)).toEqual(
        Array.from({ length: 60 }, (_, i) => `/app/${String(i).padStart(2, '0')}`),
      );
      expect(proxy.count('DescribeLogGroups')).toBe(2);
    } finally {
      db.close();
      await proxy.close();
    }
  });

  it('reports stored bytes, retention (null: never expires) and what Vigil already pulled', async () => {
    await createGroup(moto, '/vpc/flow', ['s'], 30);
    await createGroup(moto, 'empty', []);
    const { events } = vpcEvents(10, Date.now() - 60_000);
    await putEvents(moto, '/vpc/flow', 's', events);
    const db = openTestDb(tempDir());
    const before = await listLogGroups(
      db,
      { region: REGION, endpoint: moto.url },
      { credentials: TEST_CREDENTIALS },
    );
    const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(e.message!), 0);
    expect(before).toEqual([
      {
        name: '/vpc/flow',
        arn: `arn:aws:logs:${REGION}:123456789012:log-group:/vpc/flow`,
        storedBytes: bytes,
        retentionInDays: 30,
        createdAt: expect.any(Number),
        lastPulledEventTs: null,
        resumable: false,
      },
      expect.objectContaining({
        name: 'empty',
        storedBytes: 0,
        retentionInDays: null,
        lastPulledEventTs: null,
      }),
    ]);
    await pull(db, moto.url, { logGroup: '/vpc/flow', since: '1h' });
    const after = await listLogGroups(
      db,
      { region: REGION, endpoint: moto.url },
      { credentials: TEST_CREDENTIALS },
    );
    expect(after[0]).toMatchObject({
      name: '/vpc/flow',
      lastPulledEventTs: events.at(-1)!.timestamp,
      resumable: false,
    });
    expect(after[1]).toMatchObject({ name: 'empty', lastPulledEventTs: null });
    db.close();
  });
});
