// Honest evaluation: labels that can teach something, splits that do not leak, and metrics
// reported beside the majority-class baseline.
export { bestF1Threshold } from './best-threshold.js';
export { labelClass, parseLabelSpec, type ResolvedLabels, resolveLabels } from './labels.js';
export { baselineMetrics, binaryMetrics, pick } from './metrics.js';
export { populationThreshold } from './population-threshold.js';
export { LABEL_HELP, MIN_MINORITY, TrainingRefused } from './refusal.js';
export {
  automaticSplit,
  defaultSplit,
  type Split,
  type SplitInput,
  splitByAttackTime,
  splitRows,
  TEST_SHARE,
  trainingSide,
} from './split.js';
