import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAVIGATE_CHANNEL } from '../../../src-main/electron/channels.js';
import { type MenuCommands, menuTemplate } from '../../../src-main/electron/menu.js';
import { loadSettings } from '../../../src-main/electron/settings.js';
import { dialog, Menu, shell } from '../../fakes/electron.js';
import { SAMPLE } from '../../helpers/temp.js';
import { desktopHarness, menuItem } from './harness.js';

const launch = desktopHarness();

const navigations = (window: { webContents: { sent: Array<{ channel: string; payload: unknown }> } }) =>
  window.webContents.sent.filter((m) => m.channel === NAVIGATE_CHANNEL).map((m) => m.payload);

describe('the application menu', () => {
  it('has File, Edit, View and Help, with the File commands the issue names', async () => {
    await launch();
    const items = Menu.application!.items;
    expect(items.map((item) => item.label ?? item.role)).toEqual(
      process.platform === 'darwin'
        ? ['appMenu', 'File', 'editMenu', 'View', 'windowMenu', 'help']
        : ['File', 'editMenu', 'View', 'help'],
    );
    const file = items.find((item) => item.label === 'File')!.submenu!.filter((item) => item.label);
    expect(file.map((item) => item.label)).toEqual([
      'Import…',
      'Connect to CloudWatch Logs…',
      'Open database…',
      'Export report…',
    ]);
  });

  it('File › Import… imports the files chosen in the native dialog and shows the Import view', async () => {
    const { desktop, window } = await launch();
    dialog.answers.push({ canceled: false, filePaths: [SAMPLE] });
    menuItem('import').click!();
    await expect.poll(async () => (await desktop.core.service.listJobs({})).length).toBe(1);
    expect(dialog.calls[0]).toMatchObject({
      method: 'showOpenDialog',
      options: { properties: ['openFile', 'multiSelections'] },
    });
    expect(navigations(window)).toEqual(['#/import']);
    const [job] = await desktop.core.service.listJobs({});
    await expect
      .poll(async () => (await desktop.core.service.jobStatus({ jobId: job!.jobId })).state, {
        timeout: 30_000,
      })
      .toBe('done');
  });

  it('File › Import… imports a log chosen with its labels file as one labelled import, and names a labels file chosen alone', async () => {
    const { desktop } = await launch();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-menu-labels-'));
    const log = path.join(dir, 'a.log');
    fs.writeFileSync(
      log,
      '198.51.100.7 - - [25/Apr/2024:00:00:01 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8.0"\n',
    );
    fs.writeFileSync(`${log}.labels.csv`, 'line,label\n1,sqli\n');
    fs.writeFileSync(path.join(dir, 'b.log.labels.csv'), 'line,label\n1,xss\n');
    dialog.answers.push({
      canceled: false,
      filePaths: [`${log}.labels.csv`, log, path.join(dir, 'b.log.labels.csv')],
    });
    menuItem('import').click!();
    await expect.poll(() => dialog.errors.length).toBe(1);
    expect(dialog.errors[0]).toMatchObject({
      content: 'b.log.labels.csv: a labels file is imported with its log, chosen together.',
    });
    const jobs = await desktop.core.service.listJobs({});
    expect(jobs.map((job) => [job.file, job.labels])).toEqual([[log, `${log}.labels.csv`]]);
    await expect
      .poll(async () => (await desktop.core.service.jobStatus({ jobId: jobs[0]!.jobId })).state, {
        timeout: 30_000,
      })
      .toBe('done');
    const [record] = await desktop.core.service.listImports({});
    expect(record).toMatchObject({ fileName: 'a.log', labelsFile: `${log}.labels.csv`, stored: 1 });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('File › Import… does nothing when the dialog is cancelled', async () => {
    const { desktop, window } = await launch();
    menuItem('import').click!();
    await expect.poll(() => dialog.calls.length).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await desktop.core.service.listJobs({})).toEqual([]);
    expect(navigations(window)).toEqual([]);
    expect(dialog.errors).toEqual([]);
  });

  it('File › Connect to CloudWatch Logs… and Export report… open their views', async () => {
    const { window } = await launch();
    menuItem('cloudwatch').click!();
    menuItem('export-report').click!();
    expect(navigations(window)).toEqual(['#/import/cloudwatch', '#/cases']);
  });

  it('File › Open database… reopens the core on the chosen file and remembers it', async () => {
    const { desktop, window, userData } = await launch();
    const other = path.join(userData, 'elsewhere', 'case-42.db');
    fs.mkdirSync(path.dirname(other));
    dialog.answers.push({ canceled: false, filePaths: [other] });
    const events: unknown[] = [];
    desktop.core.events.on('event', (event) => events.push(event));
    menuItem('open-database').click!();
    await expect.poll(() => desktop.core.dbPath).toBe(other);
    await expect.poll(() => loadSettings(userData)).toEqual({ databasePath: other });
    expect(fs.existsSync(other)).toBe(true);
    expect(window.title).toBe('Vigil — case-42.db');
    expect(events).toContainEqual({ type: 'data-changed', reason: 'database-opened' });
    await expect(desktop.core.service.listImports({})).resolves.toEqual([]);
  });

  it('File › Open database… keeps the current database and says why when the file is not one', async () => {
    const { desktop, userData } = await launch();
    const before = desktop.core.dbPath;
    const notADb = path.join(userData, 'notes.db');
    fs.writeFileSync(notADb, 'this is not SQLite, just text that is long enough to fill a header page');
    dialog.answers.push({ canceled: false, filePaths: [notADb] });
    menuItem('open-database').click!();
    await expect.poll(() => dialog.errors.length).toBe(1);
    expect(dialog.errors[0]!.title).toBe('Could not open the database');
    expect(desktop.core.dbPath).toBe(before);
    await expect(desktop.core.service.listImports({})).resolves.toEqual([]);
  });

  it('Help › About shows the version and the data folder, and can open the folder', async () => {
    const { userData } = await launch();
    dialog.answers.push({ response: 1 });
    menuItem('about').click!();
    await expect.poll(() => shell.paths).toEqual([userData]);
    expect(dialog.calls[0]!.options).toMatchObject({ message: 'Vigil 0.0.0-test' });
    expect(dialog.calls[0]!.options.detail).toContain(`Data folder: ${userData}`);
    expect(menuItem('data-folder-path').label).toBe(`Data folder: ${userData}`);
  });

  it('Help › Licences lists Vigil and every shipped package with its licence', async () => {
    await launch();
    menuItem('licences').click!();
    await expect.poll(() => dialog.calls.length).toBe(1);
    const detail = String(dialog.calls[0]!.options.detail);
    expect(detail).toMatch(/^Vigil \d+\.\d+\.\d+ — MIT/);
    expect(detail).toMatch(/\nzod \S+ — MIT/);
    expect(detail).toMatch(/\nbetter-sqlite3 \S+ — MIT/);
  });

  it('Help › Show data folder opens the user-data folder, where the database lives', async () => {
    const { desktop, userData } = await launch();
    menuItem('data-folder').click!();
    expect(shell.paths).toEqual([userData]);
    expect(desktop.core.dbPath).toBe(path.join(userData, 'vigil.db'));
  });

  it('offers developer tools only when not packaged', () => {
    const roles = (devTools: boolean) => {
      const template = menuTemplate({} as MenuCommands, { isMac: false, devTools, dataFolder: '/d' });
      const view = template.find((item) => item.label === 'View')!;
      return (view.submenu as Array<{ role?: string }>).map((item) => item.role);
    };
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });
});
