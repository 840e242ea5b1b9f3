import { VigilEvent } from '../../src-shared/api.js';

type Listener = (event: VigilEvent) => void;

/**
 * One shared EventSource for all subscribers, opened on the first and closed after the last.
 * After a reconnect, subscribers get a `data-changed` event: anything may have happened meanwhile.
 */
export function createEventSubscriber(url = '/api/events'): (listener: Listener) => () => void {
  const listeners = new Set<Listener>();
  let source: EventSource | null = null;
  const dispatch = (event: VigilEvent) => {
    for (const listener of listeners) listener(event);
  };
  const open = () => {
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
    };
    es.onopen = () => {
      if (dropped) dispatch({ type: 'data-changed', reason: 'reconnected' });
      dropped = false;
    };
    return es;
  };
  return (listener) => {
    listeners.add(listener);
    source ??= open();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        source?.close();
        source = null;
      }
    };
  };
}
