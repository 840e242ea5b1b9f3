// A stand-in for the renderer's transport in component tests: answers the calls a component
// makes from a table the test fills, and records them.
import { vi } from 'vitest';

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

export const transport = { api, onEvent: () => () => {}, importablePath: async () => '' };
