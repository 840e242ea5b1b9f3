import { type OperationName, type PageApi, pageOperationNames, VigilEvent } from '../../src-shared/api.js';
import type { VigilBridge } from '../../src-shared/bridge.js';
import { unwrapEnvelope } from './answer.js';
import type { Transport } from './transport.js';

declare global {
  interface Window {
    /** Present only inside the Electron window, set by the preload. */
    vigil?: VigilBridge;
  }
}

/** The page's API over the bridge: each operation's envelope unwrapped as serve mode's are. */
function unwrappedApi(bridge: VigilBridge): PageApi {
  const api: Partial<Record<OperationName, (args: never) => Promise<unknown>>> = {};
  for (const name of pageOperationNames) {
    const ask = bridge[name] as (args: unknown) => Promise<unknown>;
    api[name] = async (args: unknown) => unwrapEnvelope(await ask(args));
  }
  return api as PageApi;
}

export function electronTransport(bridge: VigilBridge): Transport {
  return {
    api: unwrappedApi(bridge),
    // Checked against the contract as serve mode's events are (http-events.ts): what a view acts on
    // (which answers a change puts out of date) is always one the contract names.
    onEvent: (listener) =>
      bridge.onEvent((event) => {
        const parsed = VigilEvent.safeParse(event);
        if (parsed.success) listener(parsed.data);
      }),
    // The file never moves: the core reads it where it is.
    importableFile: async (file, onProgress) => {
      const grant = await bridge.grantFile(file);
      onProgress(1);
      return grant;
    },
    saveExport: async (target) => {
      const saved = await bridge.saveExport(target);
      return saved && `Saved ${saved.name} (${saved.bytes} bytes, SHA-256 ${saved.sha256.slice(0, 12)}…).`;
    },
  };
}
