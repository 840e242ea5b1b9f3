/**
 * A hash table from a fixed-width tuple of integers to a fixed-width row of sums, held in typed
 * arrays. Rollup windows add every stored row to several of these; a JS Map would need a composite
 * key (a string, or a double past the small-integer range) and an object per cell, which cost more
 * time and memory than the insert of the row itself. Open addressing, linear probing, load ≤ 1/2.
 *
 * Use: write the key into `key`, call `find()`, then add into `values` at `slot * valueWidth`.
 * Slots are numbered 0..size-1 in insertion order. A new cell starts as zeros. Read `values` after
 * `find()`: a find that grows the table replaces the arrays.
 */
import type { ArrayPool } from './array-pool.js';

/** A copy of a table's cells (keys and sums trimmed to its size), to rebuild it on another thread. */
export interface CellTableState {
  keyWidth: number;
  valueWidth: number;
  keys: Float64Array;
  values: Float64Array;
  index: Int32Array;
  size: number;
}

export class CellTable {
  /** The key of the next `find()`: integers (doubles, so time buckets past 2^31 fit exactly). */
  readonly key: Float64Array;
  keys: Float64Array;
  values: Float64Array;
  size = 0;
  private index: Int32Array;

  /** `capacity` must be a power of two (the index is probed with a bit mask). */
  constructor(
    readonly keyWidth: number,
    readonly valueWidth: number,
    capacity = 1024,
  ) {
    this.key = new Float64Array(keyWidth);
    this.keys = new Float64Array(capacity * keyWidth);
    this.values = new Float64Array(capacity * valueWidth);
    this.index = new Int32Array(capacity * 2).fill(-1);
  }

  /** A table holding `state`'s cells (it takes the arrays over; a new cell makes it grow). */
  static fromState(state: CellTableState): CellTable {
    const table = new CellTable(state.keyWidth, state.valueWidth, 1);
    table.keys = state.keys;
    table.values = state.values;
    table.index = state.index;
    table.size = state.size;
    return table;
  }

  /** A copy of the cells in arrays from `pool`, whose buffers may be transferred. */
  snapshot(pool: ArrayPool): CellTableState {
    const keys = pool.float64(this.size * this.keyWidth);
    keys.set(this.keys.subarray(0, keys.length));
    const values = pool.float64(this.size * this.valueWidth);
    values.set(this.values.subarray(0, values.length));
    const index = pool.int32(this.index.length);
    index.set(this.index);
    return { keyWidth: this.keyWidth, valueWidth: this.valueWidth, keys, values, index, size: this.size };
  }

  /** The slot of `key`, created (all zeros) when the table does not hold it yet. */
  find(): number {
    const width = this.keyWidth;
    const key = this.key;
    const keys = this.keys;
    const mask = this.index.length - 1;
    for (let at = hash(key, 0, width) & mask; ; at = (at + 1) & mask) {
      const slot = this.index[at]!;
      if (slot < 0) return this.append(at);
      let i = 0;
      const base = slot * width;
      while (i < width && keys[base + i] === key[i]) i++;
      if (i === width) return slot;
    }
  }

  clear(): void {
    this.index.fill(-1);
    this.values.fill(0, 0, this.size * this.valueWidth);
    this.size = 0;
  }

  private append(at: number): number {
    if (this.size * this.keyWidth === this.keys.length) {
      this.grow();
      return this.find();
    }
    const slot = this.size++;
    this.index[at] = slot;
    this.keys.set(this.key, slot * this.keyWidth);
    return slot;
  }

  private grow(): void {
    // Twice the room the index was made for: a power of two, which the probing mask relies on
    // (a table rebuilt from a snapshot holds exactly its cells, not a power of two of them).
    const capacity = this.index.length;
    const keys = new Float64Array(capacity * this.keyWidth);
    keys.set(this.keys);
    const values = new Float64Array(capacity * this.valueWidth);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
    this.index = new Int32Array(capacity * 2).fill(-1);
    const mask = this.index.length - 1;
    for (let slot = 0; slot < this.size; slot++) {
      let at = hash(keys, slot * this.keyWidth, this.keyWidth) & mask;
      while (this.index[at]! >= 0) at = (at + 1) & mask;
      this.index[at] = slot;
    }
  }
}

function hash(values: Float64Array, offset: number, width: number): number {
  let h = 0x9e3779b9;
  for (let i = offset; i < offset + width; i++) {
    const v = values[i]!;
    // Low and high 32 bits of an integer-valued double (ToInt32 wraps modulo 2^32).
    h = Math.imul(h ^ (v | 0), 0x85ebca6b);
    h = Math.imul(h ^ ((v / 4294967296) | 0), 0xc2b2ae35);
  }
  return h ^ (h >>> 15);
}
