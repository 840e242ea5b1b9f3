// Scores every session of the finished imports with a stored run, in batches: features from the
// run's saved schema, scores, flags at the run's threshold and an explanation for each flagged
// session. Reads go through their own connection so batches can be staged while the read pass is
// open; the pass is published at once at the end (db/scores.ts), so a run never shows half its
// sessions scored, whether the pass is cancelled, fails or is killed.
import { must } from '../../../../src-shared/must.js';
import { sessionCount } from '../../db/feature-rows.js';
import { getRun, runArtifacts } from '../../db/model-runs.js';
import type { Db } from '../../db/open.js';
import { discardStagedScores, prepareScoreWriter, publishScores } from '../../db/scores.js';
import { checkSchema, type FeatureSchema, featureBatches } from '../../features/index.js';
import type { FeatureData } from '../models/detector.js';
import { KINDS } from '../models/kinds.js';
import { withContext } from './batch-context.js';
import { topContributions } from './explanation.js';
import { SCORE_BLOCK_ROWS } from './score-blocks.js';
import { flaggedKinds, runClassNames, scoreWithKinds } from './score-kinds.js';

export interface ScoreHooks {
  signal?: AbortSignal;
  /** Sessions per batch (default: per kind). */
  batchRows?: number;
  onProgress?: (rows: number, total: number) => Promise<void> | void;
}

export interface ScoreSummary {
  runId: number;
  scored: number;
  flagged: number;
}

export async function scoreRun(
  reader: Db,
  writer: Db,
  runId: number,
  hooks: ScoreHooks = {},
): Promise<ScoreSummary> {
  const run = getRun(writer, runId);
  if (!run) throw new Error(`No model run with id ${runId}`);
  const artifacts = runArtifacts(writer, runId);
  if (run.status !== 'done' || !artifacts || run.threshold === null)
    throw new Error(`Run ${runId} is ${run.status}: only a finished run can score sessions`);
  const schema = artifacts.featureSchema as FeatureSchema;
  checkSchema(schema);
  const detector = await KINDS[run.kind].load(artifacts.weights);
  const classes = runClassNames(run, detector);
  const write = prepareScoreWriter(writer);
  const total = sessionCount(reader);
  let scored = 0;
  let flaggedTotal = 0;
  let previous: FeatureData | null = null;
  try {
    for await (const { raw, matrix } of featureBatches(reader, schema, {
      batchRows: hooks.batchRows ?? SCORE_BLOCK_ROWS[run.kind],
      signal: hooks.signal,
    })) {
      const batch = { x: matrix, rows: raw.rows, features: schema.columns.length, sourceKey: raw.sourceKey };
      const { data, offset } = withContext(previous, batch, detector.contextRows);
      previous = batch;
      // Threat-type runs read no context rows (offset 0), so the probabilities line up with the batch.
      const { scores: all, proba } = await scoreWithKinds(detector, data, classes);
      const scores = all.subarray(offset);
      const flagged = new Uint8Array(raw.rows);
      const flaggedRows: number[] = [];
      for (let r = 0; r < raw.rows; r++) {
        if (must(scores[r], 'the score of a row of the batch') >= run.threshold) {
          flagged[r] = 1;
          flaggedRows.push(r);
        }
      }
      const explanations: (string | null)[] = new Array(raw.rows).fill(null);
      const contributions = await detector.explain(
        data,
        flaggedRows.map((r) => r + offset),
      );
      flaggedRows.forEach((r, i) => {
        if (contributions)
          explanations[r] = JSON.stringify(
            topContributions(
              schema,
              must(contributions[i], 'the contributions of a flagged row'),
              data.x.subarray((r + offset) * data.features, (r + offset + 1) * data.features),
            ),
          );
      });
      hooks.signal?.throwIfAborted();
      const kinds = proba && classes ? flaggedKinds(proba, classes, flaggedRows, raw.rows) : undefined;
      write({ sessionIds: raw.sessionId, scores, flagged, explanations, kinds, rows: raw.rows });
      scored += raw.rows;
      flaggedTotal += flaggedRows.length;
      await hooks.onProgress?.(scored, total);
    }
    hooks.signal?.throwIfAborted();
    publishScores(writer, runId);
    return { runId, scored, flagged: flaggedTotal };
  } catch (error) {
    discardStagedScores(writer);
    throw error;
  } finally {
    detector.dispose();
  }
}
