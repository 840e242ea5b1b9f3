// Why training was refused, in the analyst's words. The core's reasons are precise but written for
// the CLI too (they name --labels flags), so the dialog leads with a plain explanation and what to
// do in this window, and keeps the core's first sentences as the detail.

export interface Refusal {
  title: string;
  explanation: string;
  remedy: string;
  /** The core's own reason, without the command-line help. */
  detail: string;
}

const CLI_HELP = /\s*Give labels with both classes via[\s\S]*$/;

export function explainRefusal(message: string): Refusal | null {
  const detail = message.replace(CLI_HELP, '').trim();
  const remedy =
    'Pick labels that contain both classes (a detection-type map, or analyst verdicts from Triage), or train the Isolation Forest, which needs no labels.';
  if (/one class, nothing to learn/.test(message))
    return {
      title: 'Training refused: the labels have only one class',
      explanation:
        'Every labelled session here is of the same kind, so there is nothing to tell apart. A model trained on it would look 100 % accurate just by always giving that one answer — which is how the tools Vigil replaces reported "perfect" models on the CloudWatch sample, where every row is a WAF rule hit.',
      remedy,
      detail,
    };
  if (/Refusing to train: only \d+/.test(message))
    return {
      title: 'Training refused: too few examples of one class',
      explanation:
        'A model needs at least 10 sessions of each class: enough to learn from and still keep some aside to test honestly.',
      remedy: 'Label more sessions (Triage), widen the detection-type map, or train the Isolation Forest.',
      detail,
    };
  if (/still too few to learn and to test on/.test(message))
    return {
      title: 'Training refused: a kind is too rare to learn',
      explanation:
        'Kinds with fewer than 10 sessions are merged into “other”, and here even “other” has fewer than 10: too few to learn from and still keep some aside to test honestly.',
      remedy:
        'Tick “Leave out kinds too rare to learn” to train on the other kinds (the run names what it left out), or label more sessions of that kind.',
      detail: detail.replace(/\s*\(--rare-kinds leave-out;[^)]*\)/, ''),
    };
  if (/No analyst verdicts yet/.test(message))
    return {
      title: 'Training refused: no verdicts yet',
      explanation: 'Verdicts become labels once analysts mark sessions malicious or benign in Triage.',
      remedy,
      detail,
    };
  if (/no label column|No session has a value in column|names none of the detection types/.test(message))
    return {
      title: 'Training refused: no usable labels',
      explanation:
        'The label source you picked does not say which sessions are malicious and which are benign.',
      remedy,
      detail,
    };
  return null;
}
