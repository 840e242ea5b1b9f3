// biome-ignore-all lint/style/noNonNullAssertion: fitting and applying the scaler walk rows × columns of flat typed arrays (every index bounded by the row count and NUMERIC_COUNT); a check per cell would slow building the matrix of every session.
// The fitted half of feature engineering: the standard scaler and the country / protocol
// encoders. They are fitted on the training rows only (fitting them on test rows would leak the
// test distribution into the model) and saved with the run, so scoring applies the same transform.
// Data with HTTP requests adds the request features after the numeric ones (`requests: true`); a
// schema without requests is exactly the flow schema it always was, saved runs included.
import { NUMERIC_COUNT, NUMERIC_FEATURES } from './columns.js';
import type { RawData } from './raw-data.js';
import { REQUEST_COUNT, REQUEST_FEATURES } from './request-columns.js';

export interface FeatureSchema {
  version: 1;
  windowMs: number;
  /** Every matrix column, in order. */
  columns: string[];
  /** Present (true) when the request features follow the numeric ones; absent for flow data. */
  requests?: true;
  /** Per scaled column: the numeric features, then the request features when `requests`. */
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
  const request = raw.request;
  const scaled = NUMERIC_COUNT + (request ? REQUEST_COUNT : 0);
  const sum = new Float64Array(scaled);
  const squares = new Float64Array(scaled);
  for (const r of trainRows) {
    const base = r * NUMERIC_COUNT;
    for (let j = 0; j < NUMERIC_COUNT; j++) {
      const v = raw.numeric[base + j]!;
      sum[j] = sum[j]! + v;
      squares[j] = squares[j]! + v * v;
    }
    if (!request) continue;
    const at = r * REQUEST_COUNT;
    for (let j = 0; j < REQUEST_COUNT; j++) {
      const v = request[at + j]!;
      sum[NUMERIC_COUNT + j] = sum[NUMERIC_COUNT + j]! + v;
      squares[NUMERIC_COUNT + j] = squares[NUMERIC_COUNT + j]! + v * v;
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
    ...(request ? { requests: true as const } : {}),
    columns: [
      ...NUMERIC_FEATURES,
      ...(request ? REQUEST_FEATURES : []),
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
  // A batch without any request (scoring a flow import with a web model) reads as all zeros.
  const request = schema.requests ? (raw.request ?? new Float32Array(raw.rows * REQUEST_COUNT)) : null;
  for (let r = 0; r < raw.rows; r++) {
    const src = r * NUMERIC_COUNT;
    const dst = r * cols;
    for (let j = 0; j < NUMERIC_COUNT; j++) {
      out[dst + j] = (raw.numeric[src + j]! - schema.mean[j]!) / schema.std[j]!;
    }
    if (request) {
      const at = r * REQUEST_COUNT;
      for (let j = 0; j < REQUEST_COUNT; j++) {
        const k = NUMERIC_COUNT + j;
        out[dst + k] = (request[at + j]! - schema.mean[k]!) / schema.std[k]!;
      }
    }
    out[dst + countryBase + countrySlot[raw.country[r]!]!] = 1;
    out[dst + protocolBase + protocolSlot[raw.protocol[r]!]!] = 1;
  }
  return out;
}

/** Dictionary code → one-hot slot; values outside the fitted list go to the "other" slot. */
function slots(values: string[], fitted: string[]): Int32Array {
  const index = new Map(fitted.map((v, i) => [v, i]));
  return Int32Array.from(values, (v) => index.get(v) ?? fitted.length);
}

/** How many columns the scaler covers: the numeric features, and the request features if any. */
export function scaledCount(schema: FeatureSchema): number {
  return NUMERIC_COUNT + (schema.requests ? REQUEST_COUNT : 0);
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
