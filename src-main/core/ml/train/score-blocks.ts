// Scores an in-memory data set block by block, with the same block sizes and the same carried
// sequence context as scoring a database (score-run), so a run's evaluation sees exactly the
// scores it will later write, and a million rows report progress between blocks instead of
// going silent for seconds.
import type { ModelKind } from '../../../../src-shared/models.js';
import type { Detector, FeatureData } from '../models/detector.js';
import { withContext } from './batch-context.js';

// Conv1D reads each source's preceding sessions: larger blocks cut fewer sequences at a boundary.
export const SCORE_BLOCK_ROWS: Record<ModelKind, number> = {
  iforest: 50_000,
  rf: 50_000,
  dense: 50_000,
  conv1d: 200_000,
};

/** Rows `from`..`to` of `data` as views, no copy. */
function rowsOf(data: FeatureData, from: number, to: number): FeatureData {
  const f = data.features;
  return {
    x: data.x.subarray(from * f, to * f),
    rows: to - from,
    features: f,
    sourceKey: data.sourceKey.subarray(from, to),
  };
}

export async function scoreInBlocks(
  detector: Detector,
  data: FeatureData,
  onBlock: (scored: number, total: number) => Promise<void> | void,
): Promise<Float64Array> {
  const blockRows = SCORE_BLOCK_ROWS[detector.kind];
  const scores = new Float64Array(data.rows);
  let previous: FeatureData | null = null;
  for (let from = 0; from < data.rows; from += blockRows) {
    const block = rowsOf(data, from, Math.min(data.rows, from + blockRows));
    const { data: withHistory, offset } = withContext(previous, block, detector.contextRows);
    scores.set((await detector.score(withHistory)).subarray(offset), from);
    previous = block;
    await onBlock(from + block.rows, data.rows);
  }
  return scores;
}
