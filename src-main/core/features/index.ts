// Feature engineering: raw per-session and per-source-window features from SQLite, and the
// scaler/encoders fitted on training rows that turn them into a model's matrix.
export { DEFAULT_WINDOW_MS, NUMERIC_COUNT, NUMERIC_FEATURES } from './columns.js';
export { featureBatches, loadRawData, type PassOptions, yieldToEvents } from './dataset.js';
export { type Labeler, type RawData, rawBatches, UNLABELLED } from './raw-data.js';
export {
  checkSchema,
  type FeatureSchema,
  fitSchema,
  type SchemaOptions,
  scaledCount,
  transform,
} from './schema.js';
