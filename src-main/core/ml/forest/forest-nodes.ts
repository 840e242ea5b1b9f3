// Growable node storage for the random forest: one set of typed arrays for all trees (ids are
// global), doubled as needed and trimmed once at the end, so growing a tree allocates nothing
// per node.

export class ForestNodes {
  feature = new Int32Array(1024);
  threshold = new Float32Array(1024);
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  /** Weighted share of class 1 among the training rows that reached the node. */
  value = new Float32Array(1024);
  count = 0;

  /** Reserves `k` consecutive ids (children are reserved in pairs so right = left + 1). */
  reserve(k: number): number {
    const first = this.count;
    this.count += k;
    if (this.count > this.feature.length) this.grow(Math.max(this.count, 2 * this.feature.length));
    return first;
  }

  setLeaf(node: number, value: number): void {
    this.feature[node] = -1;
    this.threshold[node] = 0;
    this.left[node] = -1;
    this.right[node] = -1;
    this.value[node] = value;
  }

  trimmed(): {
    feature: Int32Array;
    threshold: Float32Array;
    left: Int32Array;
    right: Int32Array;
    value: Float32Array;
  } {
    const n = this.count;
    return {
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n),
    };
  }

  private grow(capacity: number): void {
    const copy = <T extends Int32Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.feature = copy(this.feature, (n) => new Int32Array(n));
    this.threshold = copy(this.threshold, (n) => new Float32Array(n));
    this.left = copy(this.left, (n) => new Int32Array(n));
    this.right = copy(this.right, (n) => new Int32Array(n));
    this.value = copy(this.value, (n) => new Float32Array(n));
  }
}
