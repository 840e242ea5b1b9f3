// Detection models as the API sees them: what a training request may say, what a run reports
// (metrics beside the majority-class baseline), and the per-session scores with their "why".
import { z } from 'zod';
import { must } from './must.js';
import { RULE_LEVELS } from './rule-levels.js';
import { KindTesting, MulticlassMetrics, RareKinds, Target } from './threat-types.js';

/**
 * Every model kind, once: what the screens call it, whether it learns from labels and whether it
 * can learn the kind of threat (`types`: true, or why not). The flag queue, the retrain panel,
 * Triage, the Train dialog and training's checks all read these records; a new kind is a record
 * here, a trainer and loader (core ml/models/kinds.ts), and no migration.
 */
export const MODEL_KIND_RECORDS = [
  {
    kind: 'iforest',
    supervised: false,
    label: 'Isolation Forest (unsupervised)',
    types:
      'the Isolation Forest learns no labels: it scores how unusual a session is, not which attack it is. Train rf or dense for threat types',
  },
  { kind: 'rf', supervised: true, label: 'Random Forest', types: true },
  { kind: 'dense', supervised: true, label: 'Dense network', types: true },
  {
    kind: 'conv1d',
    supervised: true,
    label: 'Conv1D network (per-source sequences)',
    types: 'the Conv1D network learns malicious or benign only; train rf or dense for threat types',
  },
] as const;
export type ModelKindRecord = (typeof MODEL_KIND_RECORDS)[number];

export const MODEL_KINDS = MODEL_KIND_RECORDS.map((record) => record.kind) as unknown as readonly [
  ModelKindRecord['kind'],
  ...ModelKindRecord['kind'][],
];
export const ModelKind = z.enum(MODEL_KINDS);
export type ModelKind = z.infer<typeof ModelKind>;

/** The kinds that learn from labels (and whose scores are class probabilities). */
export type SupervisedKind = Extract<ModelKindRecord, { supervised: true }>['kind'];
export const SUPERVISED_KINDS = MODEL_KIND_RECORDS.filter((record) => record.supervised).map(
  (record) => record.kind,
) as SupervisedKind[];

export const kindRecord = (kind: ModelKind): ModelKindRecord =>
  must(
    MODEL_KIND_RECORDS.find((record) => record.kind === kind),
    `the record of model kind ${kind}`,
  );

export const SPLITS = ['time', 'ip', 'random'] as const;
export const SplitKind = z.enum(SPLITS);
export type SplitKind = z.infer<typeof SplitKind>;

/**
 * Where the labels come from: a column of the data (`label`, or an extra column kept from the
 * source), a map from detection type to a label value, or the analysts' verdicts. A map's values
 * are `malicious` or `benign` for the malicious target, a kind of threat (or `benign`) for the
 * type target; training checks them against the target.
 */
export const LabelSource = z.discriminatedUnion('type', [
  z.object({ type: z.literal('column'), column: z.string().min(1).max(200) }),
  z.object({
    type: z.literal('detection-map'),
    map: z.record(z.string().max(500), z.string().min(1).max(60)),
    /** Where the map was read from, for the record. */
    file: z.string().max(4096).optional(),
  }),
  z.object({ type: z.literal('verdicts') }),
  /**
   * Detection-rule hits, stated as labels: a session with a hit is malicious (for threat types, the
   * kind named by its most severe rule's file), a session without one benign. With `level`
   * (`--labels rules:LEVEL`) only hits at that level or above count. The run records it, so its
   * metrics read as agreement with the rules, not with the truth.
   */
  z.object({ type: z.literal('rule-hits'), level: z.enum(RULE_LEVELS).optional() }),
]);
export type LabelSource = z.infer<typeof LabelSource>;

export const ModelParams = z.object({
  /** Trees (iforest, rf). */
  trees: z.number().int().min(1).max(2000).optional(),
  /** Rows drawn per isolation tree. */
  maxSamples: z.number().int().min(2).max(1_000_000).optional(),
  maxDepth: z.number().int().min(1).max(64).optional(),
  minSamplesLeaf: z.number().int().min(1).max(100_000).optional(),
  /** Isolation Forest: expected share of anomalies, sets the flag threshold. */
  contamination: z.number().gt(0).max(0.5).optional(),
  /** Flag this share of sessions instead (threshold = that quantile of the training scores). */
  flagRate: z.number().gt(0).lt(1).optional(),
  /** Per-source sliding window of the behaviour features, in minutes (default 60). */
  windowMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
  /**
   * false: leave the detection-rule hits out of the features (they are read when the data has hits
   * and the labels are not rule-derived; default true).
   */
  ruleHitFeatures: z.boolean().optional(),
  /** Threat-type runs: what to do with kinds too rare to learn (RareKinds; default refuse). */
  rareKinds: RareKinds.optional(),
  /** Countries one-hot encoded (the rest become "other"). */
  topCountries: z.number().int().min(1).max(50).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .optional(),
  epochs: z.number().int().min(1).max(1000).optional(),
  batchSize: z.number().int().min(1).max(65536).optional(),
  learningRate: z.number().gt(0).max(1).optional(),
  /** Conv1D: sessions of the same source in one input sequence. */
  sequence: z.number().int().min(2).max(256).optional(),
});
export type ModelParams = z.infer<typeof ModelParams>;

export const Confusion = z.object({
  tp: z.number().int(),
  fp: z.number().int(),
  tn: z.number().int(),
  fn: z.number().int(),
});

export const BinaryMetrics = z.object({
  rocAuc: z.number(),
  prAuc: z.number(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  threshold: z.number(),
  confusion: Confusion,
});
export type BinaryMetrics = z.infer<typeof BinaryMetrics>;

/** Evaluation on the held-out side of the split, beside the predict-the-majority baseline. */
export const RunMetrics = z.object({
  model: BinaryMetrics,
  baseline: BinaryMetrics,
  /**
   * The whole training side of the split (and its malicious sessions): what the baseline's
   * majority is read from. A run whose threshold a validation slice chose was fitted on fewer:
   * `fitted` says how many (src-shared/trained-on.ts words both).
   */
  trainRows: z.number().int(),
  testRows: z.number().int(),
  trainPositives: z.number().int(),
  testPositives: z.number().int(),
  /**
   * The sessions the model was fitted on, and the malicious among them: the training side less the
   * validation slice (and, by time, the window's gap before it). Absent on runs before 2026-12-06.
   */
  fitted: z.object({ rows: z.number().int(), positives: z.number().int() }).optional(),
  /**
   * The validation slice of the training side, not fitted on, that chose the threshold. Absent when
   * the run had none (a flag rate, too few attacks, the Isolation Forest), and on runs before 2026-12-06.
   */
  validation: z.object({ rows: z.number().int(), positives: z.number().int() }).optional(),
  /** Malicious and benign sessions among all labelled ones. */
  labelCounts: z.object({ malicious: z.number().int(), benign: z.number().int() }),
  /** Loss per epoch (networks). */
  history: z.object({ loss: z.array(z.number()), valLoss: z.array(z.number()) }).optional(),
  /**
   * The model's ROC ([false-positive rate, true-positive rate]) and PR ([recall, precision]) curves
   * on the test rows, thinned to a few hundred points (core: ml/evaluate/curves.ts curvePoints).
   */
  curves: z
    .object({
      roc: z.array(z.tuple([z.number(), z.number()])),
      pr: z.array(z.tuple([z.number(), z.number()])),
    })
    .optional(),
  /**
   * Feature columns the data had but the run left out, and why: the rule-hit features when the
   * labels come from the same rule hits (label leakage: the model would only learn the labels'
   * definition, and its figures would say nothing about finding attacks).
   */
  excludedFeatures: z.object({ features: z.array(z.string()), reason: z.string() }).optional(),
  /**
   * What the held-out figures describe, beside what the run flags: every session at training, those
   * with a label (the held-out side is drawn from these only: with verdicts, the few an analyst
   * chose), and how many of all the sessions score at or above the threshold. Absent on older runs.
   */
  population: z
    .object({ sessions: z.number().int(), labelled: z.number().int(), flagged: z.number().int() })
    .optional(),
  /** Where the threshold came from (src-shared/threshold-words.ts). Absent on older runs. */
  thresholdFrom: z.enum(['validation', 'population', 'flag-rate', 'default']).optional(),
  /** Feature importances (random forest: normalised mean decrease in impurity), largest first. */
  importances: z.array(z.object({ feature: z.string(), importance: z.number() })).optional(),
  /**
   * Threat-type runs: the figures per kind. `model` and `baseline` above are then the same run seen
   * as a detector (score = 1 − P(benign)), so every run compares on ROC-AUC, PR-AUC and F1.
   */
  multiclass: MulticlassMetrics.optional(),
});
export type RunMetrics = z.infer<typeof RunMetrics>;
export type ThresholdFrom = NonNullable<RunMetrics['thresholdFrom']>;

/** A network run's backend until tfjs has picked one (forests run on 'cpu' from the start). */
export const BACKEND_PENDING = 'pending';
/** The backend of a run that ended (cancelled, failed, interrupted) before one was picked. */
export const BACKEND_NONE = 'none';

/** interrupted: the process training it stopped (crash, kill) before the run finished. */
export const RunStatus = z.enum(['training', 'done', 'failed', 'cancelled', 'interrupted']);

export const ModelRun = z.object({
  id: z.number().int(),
  kind: ModelKind,
  /** What the run learned to answer: malicious or not, or the kind of threat. */
  target: Target,
  status: RunStatus,
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  params: ModelParams,
  labelSource: LabelSource.nullable(),
  /** null when the run was not evaluated (unsupervised, no labels). */
  split: SplitKind.nullable(),
  metrics: RunMetrics.nullable(),
  backend: z.string(),
  durationMs: z.number().nullable(),
  /** Import ids of the data the run was trained on. */
  dataSnapshot: z.array(z.number().int()),
  /** Sessions scoring at or above it are flagged (scores: higher = more suspicious). */
  threshold: z.number().nullable(),
  message: z.string().nullable(),
  active: z.boolean(),
  /** Feature columns the model reads, in order. */
  features: z.array(z.string()),
  scoredSessions: z.number().int(),
  flaggedSessions: z.number().int(),
});
export type ModelRun = z.infer<typeof ModelRun>;

/**
 * The run's model, and what it answers when that is the kind of threat: "rf (threat types)". The
 * Models view and the CLI both name runs with it, so a threat-type run never reads as the
 * malicious-or-not model of its kind (they share the kind's one active slot).
 */
export const runName = (run: Pick<ModelRun, 'kind' | 'target'>): string =>
  run.target === 'type' ? `${run.kind} (threat types)` : run.kind;

/**
 * "Run 3 is now the active rf model; run 1 (rf (threat types)) steps down." in the CLI and in
 * Models alike: a kind has one active slot, and the run it takes it from stops flagging.
 */
export const activatedInWords = (
  run: Pick<ModelRun, 'id' | 'kind' | 'target'>,
  before: Pick<ModelRun, 'id' | 'kind' | 'target'> | undefined,
): string =>
  `Run ${run.id} is now the active ${runName(run)} model` +
  (before ? `; run ${before.id} (${runName(before)}) steps down.` : '.');

export const FeatureContribution = z.object({
  feature: z.string(),
  contribution: z.number(),
  /** The session's value of the column as the features store it (kept since 2026-12-06). */
  value: z.number().optional(),
  /** The training rows' average of the column (the scaler's mean); absent for a one-hot. */
  typical: z.number().optional(),
  /** Standard deviations of the training rows between the value and `typical`. */
  sd: z.number().optional(),
});
export type FeatureContribution = z.infer<typeof FeatureContribution>;

export const SessionScore = z.object({
  runId: z.number().int(),
  kind: ModelKind,
  active: z.boolean(),
  score: z.number(),
  flagged: z.boolean(),
  /** Top features behind a flag (null for rows that were not flagged); of its kind, for threat types. */
  explanation: z.array(FeatureContribution).nullable(),
  /** Threat-type runs, flagged sessions: the most probable kind of threat and its probability. */
  predictedKind: z.string().nullable(),
  kindProbability: z.number().nullable(),
  /** Whether the run's held-out side judged the predicted kind (null: no kind predicted). */
  kindTesting: KindTesting.nullable().optional(),
});
export type SessionScore = z.infer<typeof SessionScore>;

export const TrainArgs = z.object({
  kind: ModelKind,
  /** Omitted: malicious or benign. `type`: the kind of threat (rf, dense), benign one of the kinds. */
  target: Target.optional(),
  /** Omitted: the `label` column when the data has one (Isolation Forest trains without labels). */
  labels: LabelSource.optional(),
  /** Omitted: by time when the data spans more than a day, else grouped by source IP. */
  split: SplitKind.optional(),
  params: ModelParams.default({}),
});
export type TrainArgs = z.infer<typeof TrainArgs>;
