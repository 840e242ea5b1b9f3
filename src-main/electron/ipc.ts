// The one IPC choke point: a handler per operation offered to the app page that checks the sender
// is our window and answers through `callOperation` (as HTTP and the CLI do): { ok, value } | { ok,
// error } (with a refusal's kind beside the error, src-shared/refusal.ts). Operations that take a
// path or an endpoint are not offered to a page, so they get no channel at all: the page exports
// through the save dialog and imports files it was granted.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { type Answer, failureAnswer, operationsFor, type VigilService } from '../../src-shared/api.js';
import { callOperation } from '../../src-shared/call.js';
import { callChannel } from './channels.js';

export type IsTrusted = (event: IpcMainInvokeEvent) => boolean;

const REFUSED = { ok: false, error: 'Refused: the call did not come from the Vigil window.' } as const;

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
    if (!isTrusted(event)) return REFUSED;
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
    ipcMain.handle(
      callChannel(name),
      async (event: IpcMainInvokeEvent, raw: unknown): Promise<Answer<unknown>> => {
        if (!isTrusted(event)) return REFUSED;
        const outcome = await callOperation(currentService(), name, raw);
        if (outcome.ok) return { ok: true, value: outcome.value };
        return failureAnswer(outcome.error, outcome.invalid ? null : outcome.refusal);
      },
    );
  }
  return () => {
    for (const name of offered) ipcMain.removeHandler(callChannel(name));
  };
}
