// The one IPC choke point: a handler per contract operation that checks the sender is our window,
// validates the arguments with the shared schema and answers { ok, value } | { ok, error }.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  type Answer,
  type OperationName,
  operationNames,
  operations,
  type VigilService,
} from '../../src-shared/api.js';
import { callChannel } from './channels.js';

export function registerIpc(
  ipcMain: IpcMain,
  service: VigilService,
  isTrusted: (sender: WebContents) => boolean,
): () => void {
  for (const name of operationNames) {
    ipcMain.handle(callChannel(name), (event: IpcMainInvokeEvent, raw: unknown) =>
      answer(name, event, raw, service, isTrusted),
    );
  }
  return () => {
    for (const name of operationNames) ipcMain.removeHandler(callChannel(name));
  };
}

async function answer(
  name: OperationName,
  event: IpcMainInvokeEvent,
  raw: unknown,
  service: VigilService,
  isTrusted: (sender: WebContents) => boolean,
): Promise<Answer<unknown>> {
  // Only accept messages from the window the app created, never from a navigated or foreign frame.
  if (!isTrusted(event.sender) || event.senderFrame?.parent)
    return { ok: false, error: 'Refused: unknown sender' };
  const parsed = operations[name].args.safeParse(raw ?? {});
  if (!parsed.success)
    return {
      ok: false,
      error: `Invalid arguments for ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    };
  try {
    const call = service[name] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await call(parsed.data) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
