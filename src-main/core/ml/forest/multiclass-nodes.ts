// Node storage for the multi-class forest: the tree layout of ForestNodes (forest-nodes.ts) plus K
// class shares per node, grown alongside it and trimmed once at the end.
import { ForestNodes } from './forest-nodes.js';

export class MulticlassNodes {
  readonly tree = new ForestNodes();
  private values: Float32Array;

  constructor(readonly classes: number) {
    this.values = new Float32Array(1024 * classes);
  }

  get count(): number {
    return this.tree.count;
  }

  /** Reserves `k` consecutive ids (children in pairs, so right = left + 1). */
  reserve(k: number): number {
    const first = this.tree.reserve(k);
    const needed = this.tree.count * this.classes;
    if (needed > this.values.length) {
      const grown = new Float32Array(Math.max(needed, 2 * this.values.length));
      grown.set(this.values);
      this.values = grown;
    }
    return first;
  }

  /**
   * Makes `node` a leaf (for now: a split overwrites its feature) holding each class's share of
   * `totals`; a pure node holds exactly 1 for its class. A child's totals come from subtracting
   * its sibling's, which leaves ±1e-17 crumbs: shares are clamped to [0, 1] so a crumb never
   * stores a negative probability (loading refuses one, as it would refuse a damaged model).
   */
  setShares(node: number, totals: Float64Array, weight: number, pureClass: number): void {
    this.tree.setLeaf(node, 0);
    const at = node * this.classes;
    for (let c = 0; c < this.classes; c++) {
      const share = pureClass >= 0 ? (c === pureClass ? 1 : 0) : (totals[c] ?? 0) / weight;
      this.values[at + c] = Math.min(1, Math.max(0, share));
    }
  }

  trimmed() {
    const { value: _unused, ...tree } = this.tree.trimmed();
    return { ...tree, value: this.values.slice(0, this.tree.count * this.classes) };
  }
}
