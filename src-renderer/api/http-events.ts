import { VigilEvent } from '../../src-shared/api.js';

type Listener = (event: VigilEvent) => void;

/** How long a question waits for the stream at most: a stream that never opens must not stop the page. */
const OPEN_WAIT_MS = 3_000;

export interface EventStream {
  /** Subscribes to core events; returns the function that unsubscribes. */
  onEvent(listener: Listener): () => void;
  /**
   * Opens the stream if it is not yet, and resolves once it first opened (or failed, or took too
   * long). A question asked after that cannot miss a change: one made before the stream opened is
   * in the answer, one made after comes as an event. Asked before, an answer could predate a change
   * whose event went to no one (the embedded sample loading while the page's first questions were
   * answered left the Overview at 0 sessions).
   */
  opened(): Promise<void>;
}

/**
 * One EventSource for the page's life, opened by the first question or subscriber (see `opened`).
 * After a reconnect, subscribers get a `data-changed` event: anything may have happened meanwhile.
 */
export function createEventStream(url = '/api/events'): EventStream {
  const listeners = new Set<Listener>();
  const dispatch = (event: VigilEvent) => {
    for (const listener of listeners) listener(event);
  };
  let firstOpen: Promise<void> | null = null;
  const open = (): Promise<void> =>
    new Promise<void>((resolve) => {
      setTimeout(resolve, OPEN_WAIT_MS);
      const es = new EventSource(url);
      let dropped = false;
      es.onmessage = (message) => {
        try {
          const parsed = VigilEvent.safeParse(JSON.parse(message.data));
          if (parsed.success) dispatch(parsed.data);
        } catch {
          // Not JSON: nothing a view could use.
        }
      };
      es.onerror = () => {
        dropped = true;
        resolve();
      };
      es.onopen = () => {
        resolve();
        if (dropped) dispatch({ type: 'data-changed', reason: 'reconnected' });
        dropped = false;
      };
    });
  const opened = () => {
    firstOpen ??= open();
    return firstOpen;
  };
  return {
    onEvent: (listener) => {
      listeners.add(listener);
      void opened();
      return () => listeners.delete(listener);
    },
    opened,
  };
}
