import { useEffect, useState } from 'react';

export type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: string };

/**
 * Runs `load` whenever `key` changes and keeps the latest answer; an answer to an older key that
 * arrives late is dropped, so a fast analyst never sees the previous IP's data.
 */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Load<T> | null {
  const [result, setResult] = useState<Load<T> | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for everything `load` reads.
  useEffect(() => {
    if (key === null) return setResult(null);
    let live = true;
    setResult({ state: 'loading' });
    load().then(
      (value) => live && setResult({ state: 'ready', value }),
      (error: Error) => live && setResult({ state: 'error', error: error.message }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return result;
}
