// A set of address ranges merged into disjoint sorted intervals, tested by binary search.
// The search stays inside the intervals, which have a low and a high end each.
import { must } from '../../../src-shared/must.js';

const INTERVAL = 'an end of an interval';

export class RangeSet {
  private readonly los: bigint[] = [];
  private readonly his: bigint[] = [];

  constructor(ranges: readonly { lo: bigint; hi: bigint }[]) {
    const sorted = [...ranges].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
    for (const { lo, hi } of sorted) {
      const lastHi = this.his.at(-1);
      // Overlapping or adjacent ranges merge, so each address is in at most one interval.
      if (lastHi !== undefined && lo <= lastHi + 1n) {
        if (hi > lastHi) this.his[this.his.length - 1] = hi;
      } else {
        this.los.push(lo);
        this.his.push(hi);
      }
    }
  }

  has(value: bigint): boolean {
    let low = 0;
    let high = this.los.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (value < must(this.los[mid], INTERVAL)) high = mid - 1;
      else if (value > must(this.his[mid], INTERVAL)) low = mid + 1;
      else return true;
    }
    return false;
  }

  get size(): number {
    return this.los.length;
  }
}
