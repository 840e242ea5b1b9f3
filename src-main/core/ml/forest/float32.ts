// Thresholds are stored as Float32 (half the memory of sklearn's float64) without changing any
// decision: for a float32 x, `x <= t` equals `x <= floorToFloat32(t)` when the latter is the
// largest float32 not above t. Rounding to nearest could round up onto a data value and flip it.

// One float32 seen as its bits.
const word = new DataView(new ArrayBuffer(4));

export function floorToFloat32(value: number): number {
  const rounded = Math.fround(value);
  if (rounded <= value || Number.isNaN(value)) return rounded;
  // One float32 step toward −∞: decrement the magnitude of positives, increment negatives.
  word.setFloat32(0, rounded);
  if (rounded === 0) word.setInt32(0, 0x80000001);
  else word.setInt32(0, word.getInt32(0) + (rounded > 0 ? -1 : 1));
  return word.getFloat32(0);
}
