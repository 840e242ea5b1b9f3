// A validation slice of the training side, split the same way as train/test (same kind, same
// guarantees), on which a classifier's flag threshold is chosen. The test side is never looked
// at before the final evaluation.
import { must } from '../../../../src-shared/must.js';
import type { RawData } from '../../features/index.js';
import { UNLABELLED } from '../../features/index.js';
import { type Split, splitRows, TrainingRefused } from '../evaluate/index.js';

export function validationSplit(
  raw: RawData,
  outer: Split,
  options: { seed: number; gapMs: number },
): Split | null {
  const label = new Uint8Array(raw.rows).fill(UNLABELLED);
  for (const r of outer.train) label[r] = must(raw.label[r], 'the label of a training row');
  try {
    return splitRows({ ...raw, label }, outer.kind, { seed: options.seed + 1, gapMs: options.gapMs });
  } catch (error) {
    // Too few attackers to spare some for validation: the kind's default threshold is used.
    if (error instanceof TrainingRefused) return null;
    throw error;
  }
}
