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
export class CellTable {
  /** The key of the next `find()`: integers (doubles, so time buckets past 2^31 fit exactly). */
  readonly key: Float64Array;
  keys: Float64Array;
  values: Float64Array;
  size = 0;
  private index: Int32Array;

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

  get capacity(): number {
    return this.keys.length / this.keyWidth;
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
    if (this.size === this.capacity) {
      this.grow();
      return this.find();
    }
    const slot = this.size++;
    this.index[at] = slot;
    this.keys.set(this.key, slot * this.keyWidth);
    return slot;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
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
