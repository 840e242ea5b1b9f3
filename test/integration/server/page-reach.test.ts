// The served page shows hostile log data: whatever script runs in it can write no file on this
// machine, import only what the browser uploaded (upload.test.ts), and reach CloudWatch only at
// AWS's endpoint or the one `vigil serve --cloudwatch-endpoint` set. Each refusal over HTTP.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsCatcher, pageTestAwsEnv, startAwsCatcher } from '../../helpers/aws-catcher.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { withEnv } from '../connectors/env.js';
import { callApi, type Harness, startHarness } from './harness.js';

let plain: Harness;
let configured: Harness;
let attacker: AwsCatcher;
let endpoint: AwsCatcher;
beforeAll(async () => {
  [attacker, endpoint] = await Promise.all([startAwsCatcher(), startAwsCatcher()]);
  plain = await startHarness();
  configured = await startHarness({ core: { cloudWatchEndpoint: endpoint.url } });
});
afterAll(async () => {
  await Promise.all([plain.close(), configured.close(), attacker.close(), endpoint.close()]);
});

describe('exports from the served page', () => {
  it('cannot name a path: exportReport is not offered, so no file is written or overwritten', async () => {
    insertSessions(plain.core.db, [{ startTs: 1_700_000_000_000, srcIp: '203.0.113.9' }]);
    const victim = path.join(plain.dir, 'victim.txt');
    fs.writeFileSync(victim, 'the analyst’s file');
    const reply = await callApi(plain, 'exportReport', { format: 'csv', filter: {}, path: victim });
    expect(reply.status).toBe(404);
    expect(reply.json()).toEqual({
      ok: false,
      error: 'exportReport is not offered to the page: it names a file or a host on this machine.',
    });
    expect(fs.readFileSync(victim, 'utf8')).toBe('the analyst’s file');
  });
});

describe('CloudWatch from the served page', () => {
  it('cannot choose the endpoint: listLogGroups and startPull are not offered, the page forms refuse one', async () => {
    for (const name of ['listLogGroups', 'startPull'])
      expect(
        (await callApi(plain, name, { region: 'eu-west-1', logGroup: 'g', endpoint: attacker.url })).status,
      ).toBe(404);
    for (const name of ['listCloudWatchGroups', 'startCloudWatchPull']) {
      const reply = await callApi(plain, name, {
        region: 'eu-west-1',
        logGroup: 'g',
        endpoint: attacker.url,
      });
      expect(reply.status, name).toBe(400);
      expect(reply.json()).toMatchObject({
        ok: false,
        error: expect.stringMatching(/Unrecognized key.*endpoint/s),
      });
    }
    expect(plain.core.registry.list().filter((job) => job.kind === 'pull')).toEqual([]);
    expect(attacker.seen).toEqual([]);
    expect((await callApi(plain, 'cloudWatchEndpoint', {})).json()).toEqual({
      ok: true,
      value: { endpoint: null },
    });
  });

  it('goes to the endpoint `vigil serve --cloudwatch-endpoint` set, with the credentials', async () => {
    expect((await callApi(configured, 'cloudWatchEndpoint', {})).json()).toEqual({
      ok: true,
      value: { endpoint: endpoint.url },
    });
    const reply = await withEnv(pageTestAwsEnv(configured.dir), () =>
      callApi(configured, 'listCloudWatchGroups', { region: 'eu-west-1' }),
    );
    expect(reply.json()).toEqual({ ok: true, value: [] });
    expect(endpoint.seen).toEqual([expect.stringContaining('Credential=AKIAPAGETESTKEY00001/')]);
    expect(attacker.seen).toEqual([]);
  });

  it('answers an unknown profile as the caller’s mistake (400, with what to do), not a server failure', async () => {
    const reply = await withEnv(pageTestAwsEnv(configured.dir), () =>
      callApi(configured, 'listCloudWatchGroups', { region: 'eu-west-1', profile: 'no-such-profile' }),
    );
    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual({
      ok: false,
      error: expect.stringMatching(/^AWS profile "no-such-profile" gave no credentials: it is missing from/),
    });
    expect(endpoint.seen).toHaveLength(1);
  });
});
