// One training run, start to finish: check the labels (refusing what cannot teach), read the
// features, split without leakage, fit the scaler/encoders on the training side only, train,
// evaluate against the majority baseline on the held-out side, and store the run. A cancel or a
// failure ends the run as such, with no weights: nothing half-written is ever 'done'.

import {
  BACKEND_PENDING,
  type LabelSource,
  type ModelKind,
  type ModelParams,
  type ModelRun,
  type RunMetrics,
  type SplitKind,
} from '../../../../src-shared/models.js';
import { must } from '../../../../src-shared/must.js';
import type { Target } from '../../../../src-shared/threat-types.js';
import { completedImportIds, hasRuleHits, sessionCount } from '../../db/feature-rows.js';
import { createRun, endRun, finishRun, getRun } from '../../db/model-runs.js';
import type { Db } from '../../db/open.js';
import {
  DEFAULT_WINDOW_MS,
  fitSchema,
  loadRawData,
  type RawData,
  scaledCount,
  transform,
} from '../../features/index.js';
import { RULE_HIT_FEATURES } from '../../features/rule-hit-columns.js';
import { curvePoints } from '../evaluate/curves.js';
import {
  automaticSplit,
  baselineMetrics,
  binaryMetrics,
  pick,
  resolveLabels,
  type Split,
  splitRows,
  TrainingRefused,
  trainingSide,
} from '../evaluate/index.js';
import type { Detector, FeatureData } from '../models/detector.js';
import { KINDS } from '../models/kinds.js';
import { isNetKind } from '../models/net-detectors.js';
import { scoreInBlocks } from './score-blocks.js';
import { subset } from './subset.js';
import {
  chooseThreshold,
  flagRateRows,
  labelledCount,
  thresholdFrom,
  validatedThreshold,
} from './threshold.js';
import { evaluateKinds, resolveTargetLabels, toBinary } from './train-types.js';
import { validationSplit } from './validation.js';

export interface TrainRequest {
  kind: ModelKind;
  /** Omitted: malicious or not. `type`: the kind of threat (rf, dense). */
  target?: Target;
  labels?: LabelSource;
  split?: SplitKind;
  params: ModelParams;
}

export interface TrainHooks {
  signal?: AbortSignal;
  onRunCreated?: (runId: number) => void;
  /** Awaited: the worker posts and yields to its event loop here. */
  onProgress?: (fraction: number, message: string) => Promise<void> | void;
}

const DEFAULT_TOP_COUNTRIES = 10;
// Share of the overall progress bar each phase takes.
const READ_SHARE = 0.2;
const FIT_SHARE = 0.7;
const SCORE_SHARE = 0.08;

export async function trainRun(db: Db, request: TrainRequest, hooks: TrainHooks = {}): Promise<ModelRun> {
  const spec = KINDS[request.kind];
  const total = sessionCount(db);
  if (total === 0)
    throw new TrainingRefused('There are no sessions to train on: import logs first (vigil ingest FILE).');
  await hooks.onProgress?.(0, 'Checking the labels');
  const target = request.target ?? 'malicious';
  const { labels, kinds } =
    target === 'type'
      ? resolveTargetLabels(db, request.kind, request.labels, request.params.rareKinds)
      : { labels: resolveLabels(db, request.labels, spec.supervised), kinds: null };
  const params = request.params;
  const runId = createRun(db, {
    kind: request.kind,
    target,
    params,
    labelSource: labels?.source ?? null,
    // A network's backend is known once tfjs has picked one; forests always run on the CPU.
    backend: isNetKind(request.kind) ? BACKEND_PENDING : 'cpu',
    dataSnapshot: completedImportIds(db),
  });
  hooks.onRunCreated?.(runId);
  let detector: Detector | null = null;
  try {
    const windowMs = (params.windowMinutes ?? 0) * 60_000 || DEFAULT_WINDOW_MS;
    const excluded = excludedRuleFeatures(db, labels?.source, params);
    const loaded = await loadRawData(db, {
      windowMs,
      ruleHits: excluded === null && hasRuleHits(db),
      labelRead: labels?.read ?? null,
      labeler: labels?.labeler,
      signal: hooks.signal,
      onRows: (rows) =>
        void hooks.onProgress?.(
          READ_SHARE * Math.min(1, rows / total),
          `${rows.toLocaleString('en-US')} sessions read`,
        ),
    });
    // Threat types: `loaded.label` holds class codes; splits, thresholds and the detector-style
    // metrics read them as malicious or not, so every split keeps its guarantees.
    const codes = loaded.label;
    const raw: RawData = kinds ? { ...loaded, label: toBinary(codes) } : loaded;
    const chosen = labels
      ? request.split
        ? { split: splitRows(raw, request.split, { seed: params.seed ?? 0, gapMs: windowMs }), note: null }
        : automaticSplit(raw, { seed: params.seed ?? 0, gapMs: windowMs })
      : null;
    const split = chosen?.split ?? null;
    await hooks.onProgress?.(READ_SHARE, 'Fitting the feature scaling on the training rows');
    // From here on, only training rows shape the model: the scaler, the encoders, the threshold.
    // A model that learns no labels fits on the traffic of the training side, labelled or not:
    // `split.train` holds only labelled rows, with verdicts a few hundred sessions someone chose.
    const trainRows = !split
      ? Int32Array.from({ length: raw.rows }, (_, r) => r)
      : spec.supervised
        ? split.train
        : trainingSide(raw, split, windowMs);
    // Fitted on the training rows only; the same transform is applied to every row.
    const schema = fitSchema(raw, trainRows, {
      windowMs,
      topCountries: params.topCountries ?? DEFAULT_TOP_COUNTRIES,
    });
    const all: FeatureData = {
      x: transform(raw, schema),
      rows: raw.rows,
      features: schema.columns.length,
      sourceKey: raw.sourceKey,
      scaled: scaledCount(schema),
    };
    await hooks.onProgress?.(READ_SHARE, 'Preparing the training rows');
    const splitOptions = { seed: params.seed ?? 0, gapMs: windowMs };
    const inner =
      spec.supervised && split && params.flagRate === undefined
        ? validationSplit(raw, split, splitOptions)
        : null;
    const fitRows = inner?.train ?? trainRows;
    const y = spec.supervised ? pick(codes, fitRows) : null;
    const classes = kinds ? { classes: kinds.classes.length } : {};
    detector = await spec.train({ ...subset(all, fitRows), y, ...classes }, params, {
      signal: hooks.signal,
      onProgress: async (f, message) => hooks.onProgress?.(READ_SHARE + FIT_SHARE * f, message),
    });
    hooks.signal?.throwIfAborted();
    await hooks.onProgress?.(READ_SHARE + FIT_SHARE, 'Evaluating');
    // Every row is scored, so a sequence model sees each test row's history of its source.
    const scores = await scoreInBlocks(detector, all, (scored, rows) => {
      hooks.signal?.throwIfAborted();
      return hooks.onProgress?.(
        READ_SHARE + FIT_SHARE + SCORE_SHARE * (scored / rows),
        `Evaluating: ${scored.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} sessions scored`,
      );
    });
    const threshold =
      inner && split
        ? validatedThreshold(scores, raw.label, inner.test, { fit: fitRows, test: split.test })
        : chooseThreshold(
            request.kind,
            params,
            pick(scores, split ? flagRateRows(raw.label, fitRows, split.test) : fitRows),
          );
    const metrics =
      split && labels
        ? evaluate(
            raw,
            split,
            { side: trainRows.length, fit: fitRows, validation: inner?.test ?? null },
            scores,
            threshold,
            labels.counts,
            detector,
            schema.columns,
          )
        : null;
    if (metrics) metrics.population = population(raw.label, scores, threshold);
    if (metrics)
      metrics.thresholdFrom = thresholdFrom(
        request.kind,
        params,
        inner !== null && split !== null,
        raw.label,
      );
    if (metrics && excluded) metrics.excludedFeatures = excluded;
    if (metrics && split && kinds)
      metrics.multiclass = await evaluateKinds(detector, all, codes, split, fitRows, threshold, kinds);
    hooks.signal?.throwIfAborted();
    const weights = await detector.weights();
    hooks.signal?.throwIfAborted();
    const finished = finishRun(db, runId, {
      featureSchema: schema,
      split: split?.kind ?? null,
      metrics,
      backend: detector.backend,
      threshold,
      weights,
      message: labels ? (chosen?.note ?? null) : 'Trained without labels: not evaluated.',
    });
    if (!finished) throw new DOMException('The run was cancelled', 'AbortError');
    return must(getRun(db, runId), `run ${runId}, just finished`);
  } catch (error) {
    const cancelled = hooks.signal?.aborted || (error as Error).name === 'AbortError';
    endRun(db, runId, cancelled ? 'cancelled' : 'failed', cancelled ? 'Cancelled' : (error as Error).message);
    throw error;
  } finally {
    detector?.dispose();
  }
}

/**
 * The rule-hit features a run leaves out although the data has hits, and why (null: none left
 * out). Labels taken from the rule hits leave them out: fed the hits, a model would learn the
 * labels' own definition and score near perfectly on figures that say nothing about attacks.
 */
function excludedRuleFeatures(
  db: Db,
  labels: LabelSource | undefined,
  params: ModelParams,
): RunMetrics['excludedFeatures'] | null {
  const features = [...RULE_HIT_FEATURES];
  if (labels?.type === 'rule-hits')
    return {
      features,
      reason:
        'The labels are the detection-rule hits, so the rule-hit features are left out: a model given them would learn the labels’ definition (label leakage).',
    };
  if (params.ruleHitFeatures === false && hasRuleHits(db))
    return { features, reason: 'The rule-hit features were left out on request.' };
  return null;
}

function evaluate(
  raw: RawData,
  split: Split,
  /**
   * `side`: the training side's rows (labelled, or all of it for the Isolation Forest); `fit`: those
   * the model was fitted on, the side less the validation slice (`validation`) that chose the
   * threshold. Both are kept: the side alone overstated what the model learnt from.
   */
  rows: { side: number; fit: Int32Array; validation: Int32Array | null },
  scores: Float64Array,
  threshold: number,
  labelCounts: RunMetrics['labelCounts'],
  detector: Detector,
  columns: readonly string[],
): RunMetrics {
  const testLabels = pick(raw.label, split.test);
  const testScores = pick(scores, split.test);
  const trainPositives = maliciousIn(raw.label, split.train);
  return {
    model: binaryMetrics(testScores, testLabels, threshold),
    baseline: baselineMetrics(testLabels, trainPositives, split.train.length),
    trainRows: rows.side,
    testRows: split.test.length,
    trainPositives,
    testPositives: maliciousIn(raw.label, split.test),
    fitted: { rows: rows.fit.length, positives: maliciousIn(raw.label, rows.fit) },
    ...(rows.validation && {
      validation: { rows: rows.validation.length, positives: maliciousIn(raw.label, rows.validation) },
    }),
    labelCounts,
    history: detector.history,
    curves: curvePoints(testScores, testLabels),
    importances: detector.importances && rankImportances(detector.importances, columns),
  };
}

/** Malicious rows among `rows` (an Isolation Forest fits on unlabelled rows too: not counted). */
function maliciousIn(label: Uint8Array, rows: Int32Array): number {
  let n = 0;
  for (const r of rows) if (label[r] === 1) n++;
  return n;
}

/** Every session at training, the labelled ones, and those the run flags at its threshold. */
function population(label: Uint8Array, scores: Float64Array, threshold: number): RunMetrics['population'] {
  let flagged = 0;
  for (const score of scores) if (score >= threshold) flagged++;
  return { sessions: label.length, labelled: labelledCount(label), flagged };
}

/** Importances named by feature column, largest first (what the Models view lists). */
function rankImportances(values: Float64Array, columns: readonly string[]) {
  return columns
    .map((feature, i) => ({ feature, importance: values[i] ?? 0 }))
    .sort((a, b) => b.importance - a.importance);
}
