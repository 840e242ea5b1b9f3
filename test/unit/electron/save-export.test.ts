// Export in the desktop app: the page asks for an export, the main process asks the analyst where
// in a native save dialog, and only then does the core write. The page never names a path.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { SAVE_EXPORT_CHANNEL } from '../../../src-main/electron/channels.js';
import { operations } from '../../../src-shared/api.js';
import { dialog, ipcRenderer } from '../../fakes/electron.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';
import { desktopHarness, invokeFrom, type Launched, strangerFrame } from './harness.js';

const launch = desktopHarness();
const tempDir = createTempDirs();

async function withCase(): Promise<Launched & { caseId: number }> {
  const launched = await launch();
  // A second connection to the app's database file, as the CLI would have.
  const db = openDatabase(launched.desktop.core.dbPath);
  const ids = insertSessions(db, [{ startTs: 1_700_000_000_000, srcIp: '203.0.113.9', ruleName: '@SUM(1)' }]);
  db.close();
  const created = await launched.desktop.core.service.createCase(
    operations.createCase.args.parse({ title: 'Saved case', sessionIds: ids }),
  );
  invokeFrom(launched.window);
  return { ...launched, caseId: created.case.id };
}

describe('Export in the desktop app', () => {
  it('writes where the analyst chose in the save dialog, parented to the window', async () => {
    const { caseId, window } = await withCase();
    const file = path.join(tempDir(), 'chosen name.csv');
    dialog.answers.push({ canceled: false, filePath: file });
    const answer = await ipcRenderer.invoke(SAVE_EXPORT_CHANNEL, { caseId, format: 'csv' });
    expect(answer).toMatchObject({ ok: true, value: { name: 'chosen name.csv', sessions: 1 } });
    expect((answer as { value: object }).value).not.toHaveProperty('path');
    expect(fs.readFileSync(file, 'utf8')).toContain("'@SUM(1)");
    expect(dialog.calls).toEqual([
      {
        method: 'showSaveDialog',
        options: {
          title: 'Export',
          defaultPath: `case-${caseId}.csv`,
          filters: [{ name: 'CSV sessions', extensions: ['csv'] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      },
    ]);
    expect(window.isDestroyed()).toBe(false);
  });

  it('writes nothing and answers null when the analyst cancels', async () => {
    const { caseId, userData } = await withCase();
    const before = fs.readdirSync(userData);
    const answer = await ipcRenderer.invoke(SAVE_EXPORT_CHANNEL, { caseId, format: 'stix' });
    expect(answer).toEqual({ ok: true, value: null });
    expect(dialog.calls[0]?.options).toMatchObject({
      defaultPath: `case-${caseId}.stix.json`,
      filters: [{ name: 'STIX 2.1 bundle', extensions: ['json'] }],
    });
    expect(fs.readdirSync(userData)).toEqual(before);
  });

  it('refuses strangers and malformed requests before any dialog opens', async () => {
    const { caseId, window } = await withCase();
    for (const args of [
      { format: 'html' },
      { caseId, format: 'docx' },
      { caseId, format: 'csv', path: '/etc/x' },
    ]) {
      const answer = (await ipcRenderer.invoke(SAVE_EXPORT_CHANNEL, args)) as { ok: boolean; error?: string };
      // A path from the page is not an argument of this channel: zod drops it, the dialog decides.
      if ('path' in args) expect(answer.ok).toBe(true);
      else
        expect(answer).toMatchObject({
          ok: false,
          error: expect.stringMatching(/Invalid arguments for saveExport/),
        });
    }
    expect(dialog.calls.map((call) => call.options.defaultPath)).toEqual([`case-${caseId}.csv`]);
    invokeFrom(window, strangerFrame('https://attacker.example/', window.webContents.mainFrame));
    expect(await ipcRenderer.invoke(SAVE_EXPORT_CHANNEL, { caseId, format: 'csv' })).toEqual({
      ok: false,
      error: 'Refused: the call did not come from the Vigil window.',
    });
    expect(dialog.calls).toHaveLength(1);
    expect(fs.existsSync('/etc/x')).toBe(false);
  });
});
