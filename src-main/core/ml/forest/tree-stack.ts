// biome-ignore-all lint/style/noNonNullAssertion: the node stack of tree growing stores entries in flat typed arrays (4 ints and 2 floats per entry, read at the top index only); a check per read would cost at every node of every tree.
// Explicit stack of nodes waiting to be grown (depth-first, so it holds about one entry per
// level); the popped entry is exposed as fields to avoid allocating an object per node.

export class TreeStack {
  private ints = new Int32Array(4 * 64);
  private floats = new Float64Array(2 * 64);
  private size = 0;
  id = 0;
  start = 0;
  end = 0;
  depth = 0;
  weight = 0;
  weight1 = 0;

  push(id: number, start: number, end: number, depth: number, weight: number, weight1: number): void {
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
    this.floats[2 * at] = weight;
    this.floats[2 * at + 1] = weight1;
  }

  /** Moves the top entry into the fields; false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const at = --this.size;
    this.id = this.ints[4 * at]!;
    this.start = this.ints[4 * at + 1]!;
    this.end = this.ints[4 * at + 2]!;
    this.depth = this.ints[4 * at + 3]!;
    this.weight = this.floats[2 * at]!;
    this.weight1 = this.floats[2 * at + 1]!;
    return true;
  }
}
