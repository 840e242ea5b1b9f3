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
import { callChannel, EVENT_CHANNEL } from './channels.js';

async function call(name: OperationName, args: unknown): Promise<unknown> {
  const answer = (await ipcRenderer.invoke(callChannel(name), args)) as Answer<unknown>;
  if (!answer.ok) throw new Error(answer.error);
  return answer.value;
}

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
};

contextBridge.exposeInMainWorld('vigil', bridge);
