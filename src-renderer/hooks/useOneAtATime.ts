import { useCallback, useRef, useState } from 'react';

/**
 * Runs a save at most once at a time: a double click, or Enter then a click, while the first save
 * is on its way is dropped instead of saving twice (two cases, two identical notes). A ref, not
 * state, decides: both events can arrive before a render would disable the button. `pending`
 * is for drawing it disabled.
 */
export function useOneAtATime(): { pending: boolean; run(save: () => Promise<unknown>): void } {
  const running = useRef(false);
  const [pending, setPending] = useState(false);
  const run = useCallback((save: () => Promise<unknown>) => {
    if (running.current) return;
    running.current = true;
    setPending(true);
    const done = () => {
      running.current = false;
      setPending(false);
    };
    save().then(done, done);
  }, []);
  return { pending, run };
}
