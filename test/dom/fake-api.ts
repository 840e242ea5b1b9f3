// A stand-in for the renderer's transport in component tests: answers the calls a component
// makes from a table the test fills, and records them.
import { vi } from 'vitest';
import type { VigilEvent } from '../../src-shared/api.js';

export const calls: { name: string; args: unknown }[] = [];
export const answers: Record<string, (args: never) => unknown> = {};

export const api = new Proxy(
  {},
  {
    get: (_target, name: string) =>
      vi.fn(async (args: unknown) => {
        calls.push({ name, args });
        const answer = answers[name];
        if (!answer) throw new Error(`no fake answer for ${name}`);
        return answer(args as never);
      }),
  },
);

const listeners = new Set<(event: VigilEvent) => void>();

/** Delivers a core event to every component listening, as the real transport would. */
export function emit(event: VigilEvent): void {
  for (const listener of listeners) listener(event);
}

export const transport = {
  api,
  onEvent: (listener: (event: VigilEvent) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  importableFile: async () => '',
  /** Recorded as a call; `answers.saveExport` gives what the transport would say. */
  saveExport: async (target: unknown) => {
    calls.push({ name: 'saveExport', args: target });
    const answer = answers.saveExport;
    if (!answer) throw new Error('no fake answer for saveExport');
    return answer(target as never);
  },
};
