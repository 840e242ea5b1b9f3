import { describe, expect, it } from 'vitest';
import { callChannel, GRANT_FILE_CHANNEL, SAVE_EXPORT_CHANNEL } from '../../../src-main/electron/channels.js';
import { type OperationName, operationNames, operationsFor } from '../../../src-shared/api.js';
import { workspaceOnlyMessage } from '../../../src-shared/filter/workspace-only.js';
import { BrowserWindow, FakeFrame, fake, ipcMain, ipcRenderer } from '../../fakes/electron.js';
import { addOfflineFleet, desktopHarness, invokeFrom } from './harness.js';

const launch = desktopHarness();

describe('the IPC choke point', () => {
  it('registers one handler per operation offered to the app page, the save dialog, the file grant, and nothing else', async () => {
    await launch();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      [...operationsFor('app').map(callChannel), SAVE_EXPORT_CHANNEL, GRANT_FILE_CHANNEL].sort(),
    );
    // What takes a path or an endpoint has no channel at all.
    for (const name of ['startImport', 'exportReport', 'listLogGroups', 'startPull'] as const)
      expect(ipcMain.handlers.has(callChannel(name)), name).toBe(false);
  });

  it('answers { ok: true, value } to our window, with the schema defaults applied', async () => {
    const { window } = await launch();
    invokeFrom(window);
    await expect(ipcRenderer.invoke(callChannel('listImports'), {})).resolves.toEqual({
      ok: true,
      value: [],
    });
    await expect(ipcRenderer.invoke(callChannel('sessionPage'), undefined)).resolves.toEqual({
      ok: true,
      value: { items: [], total: 0 },
    });
  });

  it.each(operationsFor('app'))('%s rejects malformed arguments with { ok: false, error }', async (name) => {
    const { window } = await launch();
    invokeFrom(window);
    for (const raw of [42, 'DROP TABLE sessions', [1, 2], true]) {
      const answer = await ipcRenderer.invoke(callChannel(name), raw);
      expect(answer).toEqual({ ok: false, error: expect.stringContaining(`Invalid arguments for ${name}`) });
    }
  });

  it.each(operationNames)('%s refuses foreign senders before looking at the arguments', async (name) => {
    const { window } = await launch();
    const offered = (operationsFor('app') as OperationName[]).includes(name);
    const stranger = new BrowserWindow({});
    stranger.webContents.mainFrame.url = window.webContents.mainFrame.url;
    const refused = { ok: false, error: 'Refused: the call did not come from the Vigil window.' };
    const senders = [
      // another window showing the same page
      { sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame },
      // a frame inside our window
      {
        sender: window.webContents,
        senderFrame: new FakeFrame('vigil://app/index.html', window.webContents.mainFrame),
      },
      // our window after it was navigated somewhere else
      { sender: window.webContents, senderFrame: new FakeFrame('https://attacker.example/') },
      // a frame that is already gone
      { sender: window.webContents, senderFrame: null },
    ];
    for (const sender of senders) {
      fake.invokeAs = () => sender;
      // An operation not offered to the page has no channel: nobody, stranger or not, reaches it.
      if (offered) await expect(ipcRenderer.invoke(callChannel(name), {})).resolves.toEqual(refused);
      else await expect(ipcRenderer.invoke(callChannel(name), {})).rejects.toThrow(/No handler registered/);
    }
  });

  it.each([SAVE_EXPORT_CHANNEL, GRANT_FILE_CHANNEL])('%s refuses foreign senders too', async (channel) => {
    const { window } = await launch();
    invokeFrom(window, new FakeFrame('https://attacker.example/', window.webContents.mainFrame));
    await expect(
      ipcRenderer.invoke(channel, { caseId: 1, format: 'csv', path: '/etc/hosts' }),
    ).resolves.toEqual({
      ok: false,
      error: 'Refused: the call did not come from the Vigil window.',
    });
  });

  it('passes service errors on as a message, never a stack', async () => {
    const { window } = await launch();
    invokeFrom(window);
    const answer = await ipcRenderer.invoke(callChannel('jobStatus'), { jobId: 'no-such-job' });
    expect(answer).toMatchObject({ ok: false });
    expect((answer as { error: string }).error).not.toMatch(/\n\s+at /);
  });

  it("names a refusal's kind beside its message, as HTTP does", async () => {
    const { window, desktop } = await launch();
    invokeFrom(window);
    await addOfflineFleet(desktop);
    const filter = { clauses: [{ field: 'sigma', negate: false, values: [{ kind: 'text', value: 'sql' }] }] };
    await expect(
      ipcRenderer.invoke(callChannel('sourceOverview'), { source: 'fleet', filter }),
    ).resolves.toEqual({
      ok: false,
      error: workspaceOnlyMessage('sigma'),
      kind: 'workspace-only-term',
      term: 'sigma',
    });
  });
});
