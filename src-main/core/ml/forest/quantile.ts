// numpy's default percentile (linear interpolation between closest ranks), which sklearn uses
// for IsolationForest's offset, so a contamination threshold means the same thing on both sides.
import { must } from '../../../../src-shared/must.js';

export function percentile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) throw new RangeError('percentile of an empty array');
  if (!(q >= 0 && q <= 100)) throw new RangeError('percentile q must be in [0, 100]');
  const sorted = Float64Array.from(values).sort();
  const position = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = must(sorted[lo], 'the lower rank');
  return a + (must(sorted[hi], 'the upper rank') - a) * (position - lo);
}
