// A validation slice of the training side, split the same way as train/test (same kind, same
// guarantees), on which a classifier's flag threshold is chosen. Only training rows are placed:
// the test side is never looked at before the final evaluation.
import { must } from '../../../../src-shared/must.js';
import type { RawData } from '../../features/index.js';
import { UNLABELLED } from '../../features/index.js';
import { type Split, splitByAttackTime, splitRows, TrainingRefused } from '../evaluate/index.js';

export function validationSplit(
  raw: RawData,
  outer: Split,
  options: { seed: number; gapMs: number },
): Split | null {
  const label = new Uint8Array(raw.rows).fill(UNLABELLED);
  for (const r of outer.train) label[r] = must(raw.label[r], 'the label of a training row');
  const input = { ...raw, label };
  const refused = (split: () => Split): Split | null => {
    try {
      return split();
    } catch (error) {
      if (error instanceof TrainingRefused) return null;
      throw error;
    }
  };
  // By time, the usual cut (the side's last quarter of sessions) can fall after the last attack
  // campaign, leaving the slice without an attack although the side holds many (rule-hit labels on
  // a generated week: 170 from four campaigns, none in the last quarter). The later part of the
  // attacks then validates: still later traffic than the model is fitted on, with the gap.
  // Null: too few attackers to spare some for validation, and the kind's default threshold is used.
  return (
    refused(() => splitRows(input, outer.kind, { seed: options.seed + 1, gapMs: options.gapMs })) ??
    (outer.kind === 'time' ? refused(() => splitByAttackTime(input, options.gapMs)) : null)
  );
}
