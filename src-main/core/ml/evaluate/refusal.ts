/** Training that must not happen (labels that teach nothing); the message says why and what to do. */
export class TrainingRefused extends Error {
  override readonly name = 'TrainingRefused';
}

export const LABEL_HELP =
  'Give labels with both classes via --labels column:NAME (a column whose values say malicious or benign), ' +
  '--labels detection-map:FILE (a JSON object mapping each detection type to "malicious" or "benign"), ' +
  '--labels verdicts once analysts have given verdicts, ' +
  '--labels rule-hits (a session a detection rule matched is an attack; the run says its labels are rule-derived); ' +
  'or train the unsupervised Isolation Forest (--model iforest).';

/** Fewer examples of a class than this cannot be both learned from and evaluated on. */
export const MIN_MINORITY = 10;
