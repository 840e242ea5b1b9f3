// Ctrl+C (SIGINT) and SIGTERM (what `kill`, systemd and container runtimes send) cancel a
// command's work the same clean way: the job in progress rolls back what it wrote and the
// command exits with CANCELLED_EXIT_CODE. Without a listener, SIGTERM ended the process on the
// spot and left its import marked as running.

/** The exit code of a command cancelled by either signal (128 + SIGINT, as shells report Ctrl+C). */
export const CANCELLED_EXIT_CODE = 130;

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Aborts `controller` (its reason: the signal's name) on the first SIGINT or SIGTERM. Only the
 * first is caught: a second one ends the process as usual, for a user who will not wait for the
 * rollback. Returns the function that stops listening.
 */
export function abortOnSignals(controller: AbortController): () => void {
  const stop = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    controller.abort(signal);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return stop;
}
