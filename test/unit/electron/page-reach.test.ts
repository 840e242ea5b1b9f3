// The app page shows hostile log data: whatever script runs in it, it can write only where the
// analyst chose in the save dialog, import only files the analyst picked or dropped, and reach
// CloudWatch only at AWS's endpoint or the one set in settings.json. Each refusal on the IPC side.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { callChannel, GRANT_FILE_CHANNEL, SAVE_EXPORT_CHANNEL } from '../../../src-main/electron/channels.js';
import { dialog, ipcRenderer } from '../../fakes/electron.js';
import { type AwsCatcher, pageTestAwsEnv, startAwsCatcher } from '../../helpers/aws-catcher.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { createTempDirs, SAMPLE } from '../../helpers/temp.js';
import { withEnv } from '../../integration/connectors/env.js';
import { desktopHarness, invokeFrom } from './harness.js';

const launch = desktopHarness();
const tempDir = createTempDirs();
const catchers: AwsCatcher[] = [];
afterEach(async () => {
  for (const catcher of catchers.splice(0)) await catcher.close();
});

const invoke = (channel: string, args: unknown) =>
  ipcRenderer.invoke(channel, args) as Promise<{ ok: boolean; value?: unknown; error?: string }>;

describe('exports from the app page', () => {
  it('cannot name a path: exportReport has no channel, and the save dialog answers only the file name', async () => {
    const launched = await launch();
    const db = openDatabase(launched.desktop.core.dbPath);
    insertSessions(db, [{ startTs: 1_700_000_000_000, srcIp: '203.0.113.9' }]);
    db.close();
    const sessions = { format: 'csv', filter: {} };
    invokeFrom(launched.window);
    const victim = path.join(tempDir(), 'victim.txt');
    fs.writeFileSync(victim, 'the analyst’s file');
    await expect(
      ipcRenderer.invoke(callChannel('exportReport'), { ...sessions, path: victim }),
    ).rejects.toThrow(/No handler registered/);
    expect(fs.readFileSync(victim, 'utf8')).toBe('the analyst’s file');

    const chosen = path.join(tempDir(), 'where the analyst chose.csv');
    dialog.answers.push({ canceled: false, filePath: chosen });
    const answer = await invoke(SAVE_EXPORT_CHANNEL, { ...sessions, path: victim });
    expect(answer).toMatchObject({ ok: true, value: { name: 'where the analyst chose.csv', sessions: 1 } });
    expect(answer.value).not.toHaveProperty('path');
    expect(JSON.stringify(answer)).not.toContain(path.dirname(chosen));
    expect(fs.existsSync(chosen)).toBe(true);
    expect(fs.readFileSync(victim, 'utf8')).toBe('the analyst’s file');
  });
});

describe('imports from the app page', () => {
  it('cannot import /etc/passwd: startImport has no channel, and importFiles takes only grants the main side issued', async () => {
    const { window, desktop } = await launch();
    invokeFrom(window);
    await expect(
      ipcRenderer.invoke(callChannel('startImport'), { paths: ['/etc/passwd'], format: 'vpc-flow' }),
    ).rejects.toThrow(/No handler registered/);
    const forged = await invoke(callChannel('importFiles'), { grants: ['A'.repeat(43)], format: 'vpc-flow' });
    expect(forged).toEqual({
      ok: false,
      error: expect.stringMatching(/^Only files you choose, drop or upload/),
    });
    const withPaths = await invoke(callChannel('importFiles'), { grants: [], paths: ['/etc/passwd'] });
    expect(withPaths).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Invalid arguments for importFiles/),
    });
    expect(await desktop.core.service.listJobs({})).toEqual([]);
  });

  it('imports a file the analyst picked or dropped, once, by the grant the preload obtained for it', async () => {
    const { window, desktop } = await launch();
    invokeFrom(window);
    const granted = await invoke(GRANT_FILE_CHANNEL, { path: SAMPLE });
    expect(granted).toEqual({
      ok: true,
      value: { id: expect.stringMatching(/^[\w-]{43}$/), name: path.basename(SAMPLE) },
    });
    const id = (granted.value as { id: string }).id;
    const started = await invoke(callChannel('importFiles'), { grants: [id] });
    expect(started).toMatchObject({ ok: true, value: { jobIds: [expect.any(String)] } });
    const jobId = (started.value as { jobIds: string[] }).jobIds[0]!;
    await expect
      .poll(async () => (await desktop.core.service.jobStatus({ jobId })).state, { timeout: 30_000 })
      .toBe('done');
    expect((await desktop.core.service.jobStatus({ jobId })).counts).toMatchObject({ stored: 282 });
    expect(await invoke(callChannel('importFiles'), { grants: [id] })).toMatchObject({ ok: false });
    // A folder (or a file gone since the drop) gets no grant.
    expect(await invoke(GRANT_FILE_CHANNEL, { path: path.dirname(SAMPLE) })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/is not a file Vigil can import/),
    });
  });
});

describe('CloudWatch from the app page', () => {
  it('cannot choose the endpoint: listLogGroups and startPull have no channel, the page forms refuse one', async () => {
    const { window } = await launch();
    invokeFrom(window);
    const attacker = await startAwsCatcher();
    catchers.push(attacker);
    for (const name of ['listLogGroups', 'startPull'] as const)
      await expect(
        ipcRenderer.invoke(callChannel(name), { region: 'eu-west-1', logGroup: 'g', endpoint: attacker.url }),
      ).rejects.toThrow(/No handler registered/);
    for (const name of ['listCloudWatchGroups', 'startCloudWatchPull'] as const) {
      const answer = await invoke(callChannel(name), {
        region: 'eu-west-1',
        logGroup: 'g',
        endpoint: attacker.url,
      });
      expect(answer).toMatchObject({
        ok: false,
        error: expect.stringMatching(/Unrecognized key.*endpoint/s),
      });
    }
    expect(await invoke(callChannel('cloudWatchEndpoint'), {})).toEqual({
      ok: true,
      value: { endpoint: null },
    });
    expect(attacker.seen).toEqual([]);
  });

  it('goes to the endpoint of settings.json, which no page operation can write, with the credentials', async () => {
    const configured = await startAwsCatcher();
    catchers.push(configured);
    const { window } = await launch({ settings: { cloudWatchEndpoint: configured.url } });
    invokeFrom(window);
    expect(await invoke(callChannel('cloudWatchEndpoint'), {})).toEqual({
      ok: true,
      value: { endpoint: configured.url },
    });
    const answer = await withEnv(pageTestAwsEnv(tempDir()), () =>
      invoke(callChannel('listCloudWatchGroups'), { region: 'eu-west-1' }),
    );
    expect(answer).toEqual({ ok: true, value: [] });
    expect(configured.seen).toEqual([expect.stringContaining('Credential=AKIAPAGETESTKEY00001/')]);
  });
});
