// The generated range is cut into short slices, each given its share of the benign rows by the
// population's activity at that time. Sessions are generated and sorted one slice at a time, so
// the output is in time order while memory holds one slice, never the whole file.
import { apportion } from './apportion.js';
import { benignIntensity } from './benign.js';

// Short enough for the diurnal curve to be smooth, long enough that sorting stays cheap.
const MAX_SLICE_MS = 30 * 60_000;
const TARGET_ROWS_PER_SLICE = 5_000;

export interface Slice {
  from: number;
  to: number;
  benignRows: number;
}

export function planSlices(benignRows: number, start: number, end: number): Slice[] {
  const count = Math.max(
    Math.ceil((end - start) / MAX_SLICE_MS),
    Math.ceil(benignRows / TARGET_ROWS_PER_SLICE),
    1,
  );
  const bounds = Array.from({ length: count + 1 }, (_, i) =>
    i === count ? end : start + Math.floor(((end - start) * i) / count),
  );
  const weights = Array.from(
    { length: count },
    (_, i) => benignIntensity((bounds[i]! + bounds[i + 1]!) / 2) * (bounds[i + 1]! - bounds[i]!),
  );
  const rows = apportion(benignRows, weights);
  return rows.map((benign, i) => ({ from: bounds[i]!, to: bounds[i + 1]!, benignRows: benign }));
}
