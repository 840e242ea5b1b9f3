// Explicit stack of nodes waiting to be grown, for K classes (the two-class one is tree-stack.ts):
// each entry keeps its K class totals. The popped entry is exposed as fields, its totals copied to
// `totals`, since pushing its children reuses its slot.

export class MulticlassStack {
  private ints = new Int32Array(4 * 64);
  private floats: Float64Array;
  private size = 0;
  id = 0;
  start = 0;
  end = 0;
  depth = 0;
  readonly totals: Float64Array;

  constructor(private readonly classes: number) {
    this.floats = new Float64Array(classes * 64);
    this.totals = new Float64Array(classes);
  }

  push(id: number, start: number, end: number, depth: number, totals: Float64Array): void {
    if (4 * (this.size + 1) > this.ints.length) {
      const ints = new Int32Array(this.ints.length * 2);
      ints.set(this.ints);
      this.ints = ints;
      const floats = new Float64Array(this.floats.length * 2);
      floats.set(this.floats);
      this.floats = floats;
    }
    const at = this.size++;
    this.ints[4 * at] = id;
    this.ints[4 * at + 1] = start;
    this.ints[4 * at + 2] = end;
    this.ints[4 * at + 3] = depth;
    this.floats.set(totals.subarray(0, this.classes), at * this.classes);
  }

  /** Moves the top entry into the fields; false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const at = --this.size;
    this.id = this.ints[4 * at] ?? 0;
    this.start = this.ints[4 * at + 1] ?? 0;
    this.end = this.ints[4 * at + 2] ?? 0;
    this.depth = this.ints[4 * at + 3] ?? 0;
    this.totals.set(this.floats.subarray(at * this.classes, (at + 1) * this.classes));
    return true;
  }
}
