// A set of address ranges merged into disjoint sorted intervals, tested by binary search.
export class RangeSet {
  private readonly los: bigint[] = [];
  private readonly his: bigint[] = [];

  constructor(ranges: readonly { lo: bigint; hi: bigint }[]) {
    const sorted = [...ranges].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
    for (const { lo, hi } of sorted) {
      const last = this.his.length - 1;
      // Overlapping or adjacent ranges merge, so each address is in at most one interval.
      if (last >= 0 && lo <= this.his[last]! + 1n) {
        if (hi > this.his[last]!) this.his[last] = hi;
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
      if (value < this.los[mid]!) high = mid - 1;
      else if (value > this.his[mid]!) low = mid + 1;
      else return true;
    }
    return false;
  }

  get size(): number {
    return this.los.length;
  }
}
