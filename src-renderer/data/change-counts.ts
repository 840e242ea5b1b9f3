import type { QueryOperation } from '../../src-shared/data-changes.js';

/**
 * How many times each operation's answers were put out of date, for what keeps answers outside the
 * query store (the Sessions table's blocks, fetched around the scroll position): it starts over
 * when its count moves.
 */
export class ChangeCounts {
  private readonly counts = new Map<QueryOperation, number>();
  private readonly listeners = new Set<() => void>();

  count(name: QueryOperation): number {
    return this.counts.get(name) ?? 0;
  }

  bump(names: Iterable<QueryOperation>): void {
    for (const name of names) this.counts.set(name, this.count(name) + 1);
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
