// Where a run's threshold came from, in words, beside the threshold wherever a run is described
// (the CLI's run summary, Models' run detail). A default cut on a classifier is worth saying: its
// held-out precision, recall and F1 are measured at a cut nothing was tuned for, and can read 0
// beside a high ROC-AUC.
import type { ModelKind, ThresholdFrom } from './models.js';

export function thresholdFromInWords(from: ThresholdFrom | undefined, kind: ModelKind): string | null {
  switch (from) {
    case undefined:
      return null;
    case 'validation':
      return 'chosen for the best F1 on a validation slice of the training side';
    case 'population':
      return 'chosen against all the sessions, as the labels cover few of them (see Models: few labels)';
    case 'flag-rate':
      return kind === 'iforest'
        ? "the training scores' quantile for the contamination"
        : "the training scores' quantile for the flag rate";
    case 'default':
      return kind === 'iforest'
        ? "the Isolation Forest's default cut (sklearn's contamination='auto')"
        : 'the default 0.5, not tuned: the training side’s attacks were too few (split by time, too close together) to set a validation slice apart, so precision, recall and F1 are measured at an untuned cut (--flag-rate sets one)';
  }
}
