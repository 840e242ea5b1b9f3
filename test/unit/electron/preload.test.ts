// @vitest-environment happy-dom
// The real preload, loaded against the fake electron, talking over the fake IPC to the real desktop
// wiring and a real core: what the page can reach through `window.vigil`, and nothing more.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, NAVIGATE_CHANNEL } from '../../../src-main/electron/channels.js';
import { type Desktop, launch } from '../../../src-main/electron/desktop.js';
import { electronTransport } from '../../../src-renderer/api/electron.js';
import { operationsFor, type VigilEvent } from '../../../src-shared/api.js';
import type { VigilBridge } from '../../../src-shared/bridge.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import { workspaceOnlyMessage } from '../../../src-shared/filter/workspace-only.js';
import { RefusedError } from '../../../src-shared/refusal.js';
import { app, type BrowserWindow, fake } from '../../fakes/electron.js';
import { SAMPLE } from '../../helpers/temp.js';
import { addOfflineFleet, invokeFrom } from './harness.js';

let dir: string;
let desktop: Desktop;
let window: BrowserWindow;
let bridge: VigilBridge;

beforeAll(async () => {
  fake.reset();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-preload-'));
  app.userData = dir;
  desktop = (await launch({ bundleDir: path.join(dir, 'main'), sampleOnFirstStart: false }))!;
  window = desktop.window as unknown as BrowserWindow;
  invokeFrom(window);
  await import('../../../src-main/electron/preload.js');
  bridge = fake.exposed.get('vigil') as VigilBridge;
});

afterAll(async () => {
  await desktop.core.close();
  fake.reset();
  fs.rmSync(dir, { recursive: true, force: true });
});

const event: VigilEvent = { type: 'data-changed', reason: 'import' };

function dropFiles(files: Array<{ name: string; path: string }>, handledByZone = false): Event {
  const drop = new Event('drop', { bubbles: true, cancelable: true });
  Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], files } });
  if (handledByZone) drop.preventDefault();
  document.body.dispatchEvent(drop);
  return drop;
}

describe('the preload', () => {
  it('exposes one object, window.vigil, with exactly the app page operations plus the desktop extras', () => {
    expect([...fake.exposed.keys()]).toEqual(['vigil']);
    expect(Object.keys(bridge).sort()).toEqual(
      [...operationsFor('app'), 'onEvent', 'grantFile', 'saveExport'].sort(),
    );
    for (const reaching of ['startImport', 'exportReport', 'listLogGroups', 'startPull', 'pathForFile'])
      expect(bridge).not.toHaveProperty(reaching);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(bridge).not.toHaveProperty('invoke');
  });

  it('calls the core through the IPC choke point and hands the page the answer envelope', async () => {
    await expect(bridge.listImports({})).resolves.toEqual({ ok: true, value: [] });
    await expect(bridge.sessionPage({})).resolves.toEqual({ ok: true, value: { items: [], total: 0 } });
  });

  it("unwraps the envelope in the page: { ok: false } answers become rejections with the core's message", async () => {
    const { api } = electronTransport(bridge);
    await expect(api.listImports({})).resolves.toEqual([]);
    await expect(api.quarantinePage({ importId: 'x' as unknown as number })).rejects.toThrow(
      /Invalid arguments for quarantinePage/,
    );
  });

  // The page's own check comes first (views/sources/useSourceQuery.ts); asked anyway, the core's
  // refusal must still reach the view as one, with its kind, to offer the fix, not "Ask again".
  it('brings a refusal to the page with its kind, across the context bridge', async () => {
    await addOfflineFleet(desktop);
    const { api } = electronTransport(bridge);
    const refused = await api
      .sourceOverview({ source: 'fleet', filter: { clauses: parseFilterOrThrow('sigma:sql') } })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RefusedError);
    expect((refused as RefusedError).refusal).toEqual({ kind: 'workspace-only-term', term: 'sigma' });
    expect((refused as Error).message).toBe(workspaceOnlyMessage('sigma'));
  });

  it('exports through the main process save dialog: null when cancelled, errors as rejections', async () => {
    await expect(bridge.saveExport({ caseId: 1, format: 'csv' })).resolves.toBeNull();
    await expect(bridge.saveExport({ format: 'html' })).rejects.toThrow(/Invalid arguments for saveExport/);
  });

  it('delivers core events until the subscriber unsubscribes', () => {
    const seen: VigilEvent[] = [];
    const before = fake.rendererBus.listenerCount(EVENT_CHANNEL);
    const unsubscribe = bridge.onEvent((e) => seen.push(e));
    window.webContents.send(EVENT_CHANNEL, event);
    unsubscribe();
    window.webContents.send(EVENT_CHANNEL, event);
    expect(seen).toEqual([event]);
    expect(fake.rendererBus.listenerCount(EVENT_CHANNEL)).toBe(before);
  });

  it('follows menu navigation to hash routes only', () => {
    window.webContents.send(NAVIGATE_CHANNEL, '#/import/cloudwatch');
    expect(window.webContents.sent.at(-1)).toEqual({
      channel: NAVIGATE_CHANNEL,
      payload: '#/import/cloudwatch',
    });
    expect(globalThis.location.hash).toBe('#/import/cloudwatch');
    for (const hostile of ['javascript:alert(1)', 'https://attacker.example/#/x', '#/a b', 42])
      window.webContents.send(NAVIGATE_CHANNEL, hostile);
    expect(globalThis.location.hash).toBe('#/import/cloudwatch');
  });

  it('imports files dropped anywhere on the window and shows the Import view', async () => {
    globalThis.location.hash = '#/sessions';
    const drop = dropFiles([{ name: 'CloudWatch_Traffic_Web_Attack.csv', path: SAMPLE }]);
    expect(drop.defaultPrevented).toBe(true);
    expect(globalThis.location.hash).toBe('#/import');
    await expect.poll(async () => (await desktop.core.service.listJobs({})).length).toBe(1);
    const [job] = await desktop.core.service.listJobs({});
    expect(job?.file).toBe(SAMPLE);
    await expect
      .poll(async () => (await desktop.core.service.jobStatus({ jobId: job!.jobId })).state, {
        timeout: 30_000,
      })
      .not.toMatch(/queued|running/);
    expect(await desktop.core.service.jobStatus({ jobId: job!.jobId })).toMatchObject({
      state: 'done',
      error: null,
    });
  });

  it('imports a log dropped on the window with its labels file as one labelled import', async () => {
    const log = path.join(dir, 'dropped.log');
    fs.writeFileSync(
      log,
      '198.51.100.9 - - [25/Apr/2024:00:00:01 +0000] "GET /x HTTP/1.1" 404 5 "-" "curl/8.0"\n',
    );
    fs.writeFileSync(`${log}.labels.csv`, 'line,label\n1,scanner\n');
    const before = (await desktop.core.service.listJobs({})).length;
    dropFiles([
      { name: 'dropped.log.labels.csv', path: `${log}.labels.csv` },
      { name: 'dropped.log', path: log },
    ]);
    await expect.poll(async () => (await desktop.core.service.listJobs({})).length).toBe(before + 1);
    const job = (await desktop.core.service.listJobs({})).find((j) => j.file === log);
    expect(job?.labels).toBe(`${log}.labels.csv`);
    await expect
      .poll(async () => (await desktop.core.service.jobStatus({ jobId: job!.jobId })).state, {
        timeout: 30_000,
      })
      .toBe('done');
    const record = (await desktop.core.service.listImports({})).find((r) => r.file === log);
    expect(record).toMatchObject({ labelsFile: `${log}.labels.csv`, stored: 1 });
  });

  it('grants only real files: a File the page made has no path, so it imports nothing', async () => {
    const made = { name: 'passwd' } as unknown as File;
    await expect(bridge.grantFile(made)).rejects.toThrow('passwd is not a file on this computer.');
    const picked = { name: 'sample.csv', path: SAMPLE } as unknown as File;
    await expect(bridge.grantFile(picked)).resolves.toMatch(/^[\w-]{43}$/);
  });

  it('leaves drops that the Import view drop zone already handled alone', async () => {
    const jobsBefore = (await desktop.core.service.listJobs({})).length;
    globalThis.location.hash = '#/sessions';
    dropFiles([{ name: 'other.csv', path: '/elsewhere/other.csv' }], true);
    expect(globalThis.location.hash).toBe('#/sessions');
    expect(await desktop.core.service.listJobs({})).toHaveLength(jobsBefore);
  });
});
