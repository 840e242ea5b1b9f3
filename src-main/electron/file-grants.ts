// Files the analyst picked (the Import view's file chooser) or dropped on the window become one-time
// import grants here. Electron knows a dropped file's path only in the renderer process, so the
// preload reads it from the File object itself (webUtils gives no path for a File the page made)
// and sends it on this channel, which the page's own code cannot reach: the page holds grants, never paths.
import fs from 'node:fs';
import path from 'node:path';
import type { IpcMain } from 'electron';
import { z } from 'zod';
import type { FileGrants, GrantedFile } from '../core/file-grants.js';
import { GRANT_FILE_CHANNEL } from './channels.js';
import { handleChecked, type IsTrusted } from './ipc.js';

const GrantRequest = z.object({ path: z.string().min(1).max(4096) });

export function registerFileGrants(ipcMain: IpcMain, grants: FileGrants, isTrusted: IsTrusted): void {
  handleChecked(
    ipcMain,
    GRANT_FILE_CHANNEL,
    'grantFile',
    GrantRequest,
    isTrusted,
    async ({ path: file }): Promise<GrantedFile> => {
      const stat = await fs.promises.stat(file).catch(() => null);
      // A dropped folder, or a file that went away since: say so now rather than as a failed import.
      if (!stat?.isFile()) throw new Error(`${path.basename(file)} is not a file Vigil can import.`);
      return grants.issue(file);
    },
  );
}
