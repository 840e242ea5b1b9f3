// Thresholds are stored as Float32 (half the memory of sklearn's float64) without changing any
// decision: for a float32 x, `x <= t` equals `x <= floorToFloat32(t)` when the latter is the
// largest float32 not above t. Rounding to nearest could round up onto a data value and flip it.

const f32 = new Float32Array(1);
const bits = new Int32Array(f32.buffer);

export function floorToFloat32(value: number): number {
  const rounded = Math.fround(value);
  if (rounded <= value || Number.isNaN(value)) return rounded;
  // One float32 step toward −∞: decrement the magnitude of positives, increment negatives.
  f32[0] = rounded;
  if (rounded === 0) bits[0] = 0x80000001;
  else if (rounded > 0) bits[0] = bits[0]! - 1;
  else bits[0] = bits[0]! + 1;
  return f32[0]!;
}
