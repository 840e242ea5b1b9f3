import { useEffect, useRef } from 'react';
import type { VigilEvent } from '../../src-shared/api.js';
import { transport } from '../api/index.js';

/** Calls `listener` for every core event while the component is mounted (always its latest version). */
export function useVigilEvents(listener: (event: VigilEvent) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => transport.onEvent((event) => latest.current(event)), []);
}
