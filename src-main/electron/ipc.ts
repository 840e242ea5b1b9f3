// The one IPC choke point: a handler per operation offered to the app page that checks the sender
// is our window, validates the arguments with the shared schema and answers { ok, value } | { ok,
// error }. Operations that take a path or an endpoint are not offered to a page, so they get no
// channel at all: the page exports through the save dialog and imports files it was granted.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { type Answer, operations, operationsFor, type VigilService } from '../../src-shared/api.js';
import { callChannel } from './channels.js';

export type IsTrusted = (event: IpcMainInvokeEvent) => boolean;

/**
 * Registers one checked handler: refused unless `isTrusted`, arguments parsed by `schema` (named
 * `label` in the message), and whatever `run` returns or throws wrapped in the answer envelope.
 * Every channel the preload can reach goes through here.
 */
export function handleChecked<T>(
  ipcMain: IpcMain,
  channel: string,
  label: string,
  schema: z.ZodType<T>,
  isTrusted: IsTrusted,
  run: (args: T) => Promise<unknown>,
): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, raw: unknown): Promise<Answer<unknown>> => {
    if (!isTrusted(event))
      return { ok: false, error: 'Refused: the call did not come from the Vigil window.' };
    const parsed = schema.safeParse(raw ?? {});
    if (!parsed.success)
      return { ok: false, error: `Invalid arguments for ${label}: ${z.prettifyError(parsed.error)}` };
    try {
      return { ok: true, value: await run(parsed.data) };
    } catch (error) {
      // The message only: a stack would tell the page about our files and is no use to the analyst.
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  });
}

export function registerIpc(
  ipcMain: IpcMain,
  // A getter, not a service: File › Open database… swaps the core underneath the open channels.
  currentService: () => VigilService,
  isTrusted: IsTrusted,
): () => void {
  const offered = operationsFor('app');
  for (const name of offered) {
    const schema: z.ZodType<unknown> = operations[name].args;
    handleChecked(ipcMain, callChannel(name), name, schema, isTrusted, (args) => {
      const call = currentService()[name] as (args: unknown) => Promise<unknown>;
      return call(args);
    });
  }
  return () => {
    for (const name of offered) ipcMain.removeHandler(callChannel(name));
  };
}
