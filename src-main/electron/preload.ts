// Exposes `window.vigil`: one method per operation offered to the app page, an event subscription,
// file grants and the save dialog, nothing else. The renderer never sees ipcRenderer, so it cannot
// call a channel we did not mean to open, and nothing it can call takes a path or an endpoint.
import { contextBridge, type IpcRendererEvent, ipcRenderer, webUtils } from 'electron';
import {
  type Answer,
  type OperationName,
  operationsFor,
  type PageApi,
  type VigilEvent,
} from '../../src-shared/api.js';
import type { VigilBridge } from '../../src-shared/bridge.js';
import type { SavedExport } from '../../src-shared/reports.js';
import type { GrantedFile } from '../core/file-grants.js';
import {
  callChannel,
  EVENT_CHANNEL,
  GRANT_FILE_CHANNEL,
  isHashRoute,
  NAVIGATE_CHANNEL,
  SAVE_EXPORT_CHANNEL,
} from './channels.js';
import { importDropsOnWindow } from './drop-import.js';

/**
 * The answer's value, or its error thrown. A refusal's kind stays behind: the context bridge copies
 * an Error's message alone. The page checks what it knows a source refuses before asking
 * (views/sources/useSourceQuery.ts), so the app never needs it.
 */
async function invokeChecked(channel: string, args: unknown): Promise<unknown> {
  const answer = (await ipcRenderer.invoke(channel, args)) as Answer<unknown>;
  if (!answer.ok) throw new Error(answer.error);
  return answer.value;
}

const call = (name: OperationName, args: unknown) => invokeChecked(callChannel(name), args);

// One explicit function per operation offered to this page; no way to name another channel.
const api = Object.fromEntries(
  operationsFor('app').map((name) => [name, (args: unknown) => call(name, args)]),
) as PageApi;

/** Electron gives no path for a File the page made itself, so only the analyst's own files pass. */
async function grantFile(file: File): Promise<string> {
  const path = webUtils.getPathForFile(file);
  if (path === '') throw new Error(`${file.name} is not a file on this computer.`);
  return ((await invokeChecked(GRANT_FILE_CHANNEL, { path })) as GrantedFile).id;
}

const bridge: VigilBridge = {
  ...api,
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, payload: VigilEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  grantFile,
  saveExport: (target) => invokeChecked(SAVE_EXPORT_CHANNEL, target) as Promise<SavedExport | null>,
};

contextBridge.exposeInMainWorld('vigil', bridge);

// Menu items that open a view (File › Connect to CloudWatch Logs…) arrive as hash routes.
ipcRenderer.on(NAVIGATE_CHANNEL, (_event: IpcRendererEvent, hash: unknown) => {
  if (isHashRoute(hash)) window.location.hash = hash;
});

importDropsOnWindow(document, {
  grantFile,
  importFiles: (grants, labels) => call('importFiles', { grants, ...(labels ? { labels } : {}) }),
  showImports: () => {
    window.location.hash = '#/import';
  },
});
