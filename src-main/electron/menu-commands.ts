// What the menu items do. Views are opened by hash route in the renderer; files are chosen in
// native dialogs here, so real paths reach the core without a round trip through the page.
import path from 'node:path';
import type { App, BrowserWindow, Dialog, OpenDialogOptions, Shell } from 'electron';
import { operations } from '../../src-shared/api.js';
import { pairLabelFiles } from '../../src-shared/label-files.js';
import type { CurrentCore } from './current-core.js';
import { licenceLines } from './licences.js';
import type { MenuCommands } from './menu.js';
import { saveSettings } from './settings.js';

export interface DesktopContext {
  app: Pick<App, 'getVersion'>;
  dialog: Dialog;
  shell: Pick<Shell, 'openPath'>;
  window(): BrowserWindow | null;
  core: CurrentCore;
  /** Opens a view in the renderer by hash route, e.g. `#/import/cloudwatch`. */
  navigate(hash: string): void;
  userData: string;
  appRoot: string;
}

const LOG_FILES: OpenDialogOptions['filters'] = [
  { name: 'Logs', extensions: ['csv', 'json', 'jsonl', 'ndjson', 'log', 'txt', 'gz'] },
  { name: 'All files', extensions: ['*'] },
];
const DATABASES: OpenDialogOptions['filters'] = [
  { name: 'Vigil database', extensions: ['db', 'sqlite', 'sqlite3'] },
  { name: 'All files', extensions: ['*'] },
];

async function choose(ctx: DesktopContext, options: OpenDialogOptions): Promise<string[]> {
  const window = ctx.window();
  const choice = window
    ? await ctx.dialog.showOpenDialog(window, options)
    : await ctx.dialog.showOpenDialog(options);
  return choice.canceled ? [] : choice.filePaths;
}

/** Menu clicks cannot return errors to anyone: every failure becomes a dialog, never an unhandled rejection. */
function reporting(ctx: DesktopContext, title: string, work: () => Promise<unknown>): () => void {
  return () => {
    work().catch((error: unknown) =>
      ctx.dialog.showErrorBox(title, error instanceof Error ? error.message : String(error)),
    );
  };
}

export function menuCommands(ctx: DesktopContext): MenuCommands {
  return {
    importFiles: reporting(ctx, 'Import failed', async () => {
      const paths = await choose(ctx, {
        title: 'Import log files',
        properties: ['openFile', 'multiSelections'],
        filters: LOG_FILES,
      });
      if (paths.length === 0) return;
      ctx.navigate('#/import');
      // As the Import view does: a log chosen with its LOG.labels.csv is one labelled import.
      const { logs, strays } = pairLabelFiles(paths.map((file) => ({ name: path.basename(file), file })));
      const plain = logs.flatMap(({ log, labels }) => (labels ? [] : [log.file]));
      if (plain.length > 0)
        await ctx.core.service.startImport(operations.startImport.args.parse({ paths: plain }));
      for (const { log, labels } of logs)
        if (labels)
          await ctx.core.service.startImport(
            operations.startImport.args.parse({ paths: [log.file], labels: labels.file }),
          );
      if (strays.length > 0)
        throw new Error(
          `${strays.map((stray) => stray.name).join(', ')}: a labels file is imported with its log, chosen together.`,
        );
    }),
    connectCloudWatch: () => ctx.navigate('#/import/cloudwatch'),
    openDatabase: reporting(ctx, 'Could not open the database', async () => {
      const [file] = await choose(ctx, {
        title: 'Open a Vigil database',
        properties: ['openFile', 'promptToCreate'],
        filters: DATABASES,
      });
      if (!file) return;
      await ctx.core.switchTo(file);
      saveSettings(ctx.userData, { databasePath: ctx.core.dbPath });
      ctx.window()?.setTitle(`Vigil — ${path.basename(ctx.core.dbPath)}`);
    }),
    // Reports are exported from a case; the Cases view is where that happens.
    exportReport: () => ctx.navigate('#/cases'),
    about: reporting(ctx, 'About Vigil', async () => {
      const { response } = await ctx.dialog.showMessageBox({
        type: 'info',
        title: 'About Vigil',
        message: `Vigil ${ctx.app.getVersion()}`,
        detail: [
          `Data folder: ${ctx.userData}`,
          `Database: ${ctx.core.dbPath}`,
          `Electron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node ${process.versions.node}`,
        ].join('\n'),
        buttons: ['OK', 'Show data folder'],
        defaultId: 0,
      });
      if (response === 1) await ctx.shell.openPath(ctx.userData);
    }),
    licences: reporting(ctx, 'Licences', async () => {
      await ctx.dialog.showMessageBox({
        type: 'info',
        title: 'Licences',
        message: 'Vigil and the packages it ships',
        detail: licenceLines(ctx.appRoot).join('\n'),
      });
    }),
    showDataFolder: reporting(ctx, 'Could not open the data folder', async () => {
      const problem = await ctx.shell.openPath(ctx.userData);
      if (problem) throw new Error(problem);
    }),
  };
}
