// biome-ignore-all lint/style/noNonNullAssertion: fitting and applying the scaler walk rows × columns of flat typed arrays (every index bounded by the row count and NUMERIC_COUNT); a check per cell would slow building the matrix of every session.
// The fitted half of feature engineering: the standard scaler and the country / protocol
// encoders. They are fitted on the training rows only (fitting them on test rows would leak the
// test distribution into the model) and saved with the run, so scoring applies the same transform.
// Data with HTTP requests adds the request features after the numeric ones (`requests: true`), and
// data with detection-rule hits the rule-hit features after those (`ruleHits: true`); a schema
// without either is exactly the flow schema it always was, saved runs included.
import { NUMERIC_COUNT, NUMERIC_FEATURES } from './columns.js';
import type { RawData } from './raw-data.js';
import { REQUEST_COUNT, REQUEST_FEATURES } from './request-columns.js';
import { RULE_HIT_COUNT, RULE_HIT_FEATURES } from './rule-hit-columns.js';

/** Every scaled column a schema can have, in matrix order (the one-hots follow them). */
export const SCALED_FEATURES = [...NUMERIC_FEATURES, ...REQUEST_FEATURES, ...RULE_HIT_FEATURES] as const;

export interface FeatureSchema {
  version: 1;
  windowMs: number;
  /** Every matrix column, in order. */
  columns: string[];
  /** Present (true) when the request features follow the numeric ones; absent for flow data. */
  requests?: true;
  /** Present (true) when the rule-hit features follow (the data had hits, the labels were not rule-derived). */
  ruleHits?: true;
  /** Per scaled column: the numeric features, the request features when `requests`, then the rule-hit ones. */
  mean: number[];
  std: number[];
  /** One-hot countries (most frequent in training first); anything else is `country_other`. */
  countries: string[];
  protocols: string[];
}

export interface SchemaOptions {
  windowMs: number;
  topCountries: number;
  topProtocols?: number;
}

export const SCHEMA_VERSION = 1;

export function fitSchema(raw: RawData, trainRows: Int32Array, options: SchemaOptions): FeatureSchema {
  if (trainRows.length === 0) throw new RangeError('cannot fit features on zero training rows');
  // The request features belong to the data, not to the training rows: a split that left every
  // request on the test side must still give the model columns to score them with.
  const blocks = scaledBlocks(raw, { requests: raw.request !== null, ruleHits: raw.ruleHits !== null });
  const scaled = blocks.reduce((n, block) => n + block.width, 0);
  const sum = new Float64Array(scaled);
  const squares = new Float64Array(scaled);
  for (const r of trainRows) {
    for (const { values, width, offset } of blocks) {
      const at = r * width;
      for (let j = 0; j < width; j++) {
        const v = values[at + j]!;
        sum[offset + j] = sum[offset + j]! + v;
        squares[offset + j] = squares[offset + j]! + v * v;
      }
    }
  }
  const n = trainRows.length;
  const mean = Array.from(sum, (s) => s / n);
  // A constant column gets std 1: it stays constant (0) instead of dividing by zero.
  const std = Array.from(squares, (q, j) => {
    const variance = q / n - mean[j]! ** 2;
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  const countries = topValues(raw.country, raw.countries, trainRows, options.topCountries);
  const protocols = topValues(raw.protocol, raw.protocols, trainRows, options.topProtocols ?? 8);
  return {
    version: SCHEMA_VERSION,
    windowMs: options.windowMs,
    ...(raw.request ? { requests: true as const } : {}),
    ...(raw.ruleHits ? { ruleHits: true as const } : {}),
    columns: [
      ...NUMERIC_FEATURES,
      ...(raw.request ? REQUEST_FEATURES : []),
      ...(raw.ruleHits ? RULE_HIT_FEATURES : []),
      ...countries.map((c) => `country_${c}`),
      'country_other',
      ...protocols.map((p) => `protocol_${p}`),
      'protocol_other',
    ],
    mean,
    std,
    countries,
    protocols,
  };
}

/** The most frequent non-empty values among the training rows (ties by name, for determinism). */
function topValues(codes: Int32Array, values: string[], rows: Int32Array, k: number): string[] {
  const counts = new Float64Array(values.length);
  for (const r of rows) counts[codes[r]!] = counts[codes[r]!]! + 1;
  return values
    .map((value, code) => ({ value, count: counts[code]! }))
    .filter((v) => v.value !== '' && v.count > 0)
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
    .slice(0, k)
    .map((v) => v.value);
}

/** Applies a fitted schema to every row of `raw`: scaled numeric columns, then one-hots. */
export function transform(raw: RawData, schema: FeatureSchema): Float32Array {
  checkSchema(schema);
  const cols = schema.columns.length;
  const out = new Float32Array(raw.rows * cols);
  const countrySlot = slots(raw.countries, schema.countries);
  const protocolSlot = slots(raw.protocols, schema.protocols);
  const scaled = scaledCount(schema);
  const countryBase = scaled;
  const protocolBase = scaled + schema.countries.length + 1;
  const blocks = scaledBlocks(raw, schema);
  for (let r = 0; r < raw.rows; r++) {
    const dst = r * cols;
    for (const { values, width, offset } of blocks) {
      const at = r * width;
      for (let j = 0; j < width; j++) {
        const k = offset + j;
        out[dst + k] = (values[at + j]! - schema.mean[k]!) / schema.std[k]!;
      }
    }
    out[dst + countryBase + countrySlot[raw.country[r]!]!] = 1;
    out[dst + protocolBase + protocolSlot[raw.protocol[r]!]!] = 1;
  }
  return out;
}

/** One group of scaled columns: its row-major values, its width and its first matrix column. */
interface ScaledBlock {
  values: Float32Array;
  width: number;
  offset: number;
}

/**
 * The scaled groups of a schema (or of data about to be fitted), in matrix order. A batch without
 * any request or rule hit (a flow import scored by a web model) reads as zeros in that group.
 */
function scaledBlocks(raw: RawData, groups: { requests?: boolean; ruleHits?: boolean }): ScaledBlock[] {
  const blocks: ScaledBlock[] = [{ values: raw.numeric, width: NUMERIC_COUNT, offset: 0 }];
  const add = (values: Float32Array | null, width: number) =>
    blocks.push({
      values: values ?? new Float32Array(raw.rows * width),
      width,
      offset: blocks.reduce((n, b) => n + b.width, 0),
    });
  if (groups.requests) add(raw.request, REQUEST_COUNT);
  if (groups.ruleHits) add(raw.ruleHits, RULE_HIT_COUNT);
  return blocks;
}

/** Dictionary code → one-hot slot; values outside the fitted list go to the "other" slot. */
function slots(values: string[], fitted: string[]): Int32Array {
  const index = new Map(fitted.map((v, i) => [v, i]));
  return Int32Array.from(values, (v) => index.get(v) ?? fitted.length);
}

/** How many columns the scaler covers: the numeric features, then the request and rule-hit ones if any. */
export function scaledCount(schema: FeatureSchema): number {
  return NUMERIC_COUNT + (schema.requests ? REQUEST_COUNT : 0) + (schema.ruleHits ? RULE_HIT_COUNT : 0);
}

export function checkSchema(schema: FeatureSchema): void {
  const scaled = scaledCount(schema);
  const expected = scaled + schema.countries.length + 1 + schema.protocols.length + 1;
  if (
    schema.version !== SCHEMA_VERSION ||
    schema.columns.length !== expected ||
    schema.mean.length !== scaled
  ) {
    throw new Error('This model was saved with a different feature layout; train it again.');
  }
}
