// Export… in the desktop app: the analyst picks the file in a native save dialog, then the core
// writes it there. The page never names a path, so a compromised page cannot write anywhere, and it
// learns only the chosen file's name, not where the analyst keeps it.
import path from 'node:path';
import type { BrowserWindow, Dialog, IpcMain, SaveDialogOptions } from 'electron';
import type { VigilService } from '../../src-shared/api.js';
import {
  ExportTarget,
  exportFileName,
  type ReportFormat,
  type SavedExport,
} from '../../src-shared/reports.js';
import { SAVE_EXPORT_CHANNEL } from './channels.js';
import { handleChecked, type IsTrusted } from './ipc.js';

const FILTERS: Record<ReportFormat, SaveDialogOptions['filters']> = {
  html: [{ name: 'HTML report', extensions: ['html'] }],
  pdf: [{ name: 'PDF report', extensions: ['pdf'] }],
  csv: [{ name: 'CSV sessions', extensions: ['csv'] }],
  json: [{ name: 'JSON sessions', extensions: ['json'] }],
  stix: [{ name: 'STIX 2.1 bundle', extensions: ['json'] }],
};

export interface SaveExportContext {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  window(): BrowserWindow | null;
  service(): VigilService;
  isTrusted: IsTrusted;
}

async function askWhere(ctx: SaveExportContext, target: ExportTarget): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: 'Export',
    defaultPath: exportFileName(target),
    filters: FILTERS[target.format],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const window = ctx.window();
  const choice = window
    ? await ctx.dialog.showSaveDialog(window, options)
    : await ctx.dialog.showSaveDialog(options);
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}

export function registerSaveExport(ipcMain: IpcMain, ctx: SaveExportContext): void {
  handleChecked(
    ipcMain,
    SAVE_EXPORT_CHANNEL,
    'saveExport',
    ExportTarget,
    ctx.isTrusted,
    async (target): Promise<SavedExport | null> => {
      const chosen = await askWhere(ctx, target);
      if (chosen === null) return null;
      const { path: written, ...result } = await ctx.service().exportReport({ ...target, path: chosen });
      return { ...result, name: path.basename(written) };
    },
  );
}
