// Exposes `window.vigil`: one method per contract operation and an event subscription, nothing
// else. The renderer never sees ipcRenderer, so it cannot call a channel we did not mean to open.
import { contextBridge, type IpcRendererEvent, ipcRenderer, webUtils } from 'electron';
import {
  type Answer,
  type OperationName,
  operationNames,
  type VigilApi,
  type VigilEvent,
} from '../../src-shared/api.js';
import type { VigilBridge } from '../../src-shared/bridge.js';
import type { ExportResult } from '../../src-shared/reports.js';
import {
  callChannel,
  EVENT_CHANNEL,
  isHashRoute,
  NAVIGATE_CHANNEL,
  SAVE_EXPORT_CHANNEL,
} from './channels.js';
import { importDropsOnWindow } from './drop-import.js';

async function invokeChecked(channel: string, args: unknown): Promise<unknown> {
  const answer = (await ipcRenderer.invoke(channel, args)) as Answer<unknown>;
  if (!answer.ok) throw new Error(answer.error);
  return answer.value;
}

const call = (name: OperationName, args: unknown) => invokeChecked(callChannel(name), args);

// One explicit function per operation name of the contract; no way to name another channel.
const api = Object.fromEntries(
  operationNames.map((name) => [name, (args: unknown) => call(name, args)]),
) as VigilApi;

const bridge: VigilBridge = {
  ...api,
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, payload: VigilEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  pathForFile: (file) => webUtils.getPathForFile(file),
  saveExport: (target) => invokeChecked(SAVE_EXPORT_CHANNEL, target) as Promise<ExportResult | null>,
};

contextBridge.exposeInMainWorld('vigil', bridge);

// Menu items that open a view (File › Connect to CloudWatch Logs…) arrive as hash routes.
ipcRenderer.on(NAVIGATE_CHANNEL, (_event: IpcRendererEvent, hash: unknown) => {
  if (isHashRoute(hash)) window.location.hash = hash;
});

importDropsOnWindow(document, {
  pathForFile: (file) => webUtils.getPathForFile(file),
  startImport: (paths) => call('startImport', { paths }),
  showImports: () => {
    window.location.hash = '#/import';
  },
});
