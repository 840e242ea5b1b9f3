// Exposes `window.vigil`: one method per operation offered to the app page, an event subscription,
// file grants and the save dialog, nothing else. The renderer never sees ipcRenderer, so it cannot
// call a channel we did not mean to open, and nothing it can call takes a path or an endpoint.
import { contextBridge, type IpcRendererEvent, ipcRenderer, webUtils } from 'electron';
import {
  type Answer,
  type OperationName,
  operationsFor,
  type PageAnswers,
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
 * The answer's value, or its error thrown, for what the preload itself asks (the desktop extras,
 * a dropped file's import): their failures carry no refusal.
 */
async function invokeChecked(channel: string, args: unknown): Promise<unknown> {
  const answer = (await ipcRenderer.invoke(channel, args)) as Answer<unknown>;
  if (!answer.ok) throw new Error(answer.error);
  return answer.value;
}

// One explicit function per operation offered to this page; no way to name another channel. Each
// resolves to the answer envelope itself: the context bridge would copy a thrown Error's message
// alone and drop a refusal's kind, which the page needs to offer its fix (api/answer.ts unwraps).
const api = Object.fromEntries(
  operationsFor('app').map((name: OperationName) => [
    name,
    (args: unknown) => ipcRenderer.invoke(callChannel(name), args) as Promise<Answer<unknown>>,
  ]),
) as PageAnswers;

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
  importFiles: (grants, labels) =>
    invokeChecked(callChannel('importFiles'), { grants, ...(labels ? { labels } : {}) }),
  showImports: () => {
    window.location.hash = '#/import';
  },
});
