// Average path length of an unsuccessful search in a binary search tree of n points (Liu et al.
// 2008), exactly as scikit-learn's `_average_path_length`: it normalises depths to scores and
// stands in for the subtree a leaf of n > 1 samples would still have grown.

const EULER_GAMMA = 0.5772156649015329;

export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}
