// The scaler and encoders must come from the training rows only: these tests build raw data whose
// test rows differ wildly from the training rows and check nothing of them leaks into the schema.
import { describe, expect, it } from 'vitest';
import { NUMERIC_COUNT, NUMERIC_FEATURES } from '../../../src-main/core/features/columns.js';
import type { RawData } from '../../../src-main/core/features/raw-data.js';
import { fitSchema, transform } from '../../../src-main/core/features/schema.js';

function rawData(values: number[], countries: number[], countryNames: string[]): RawData {
  const rows = values.length;
  const numeric = new Float32Array(rows * NUMERIC_COUNT);
  for (const [r, v] of values.entries()) numeric.fill(v, r * NUMERIC_COUNT, (r + 1) * NUMERIC_COUNT);
  return {
    rows,
    numeric,
    request: null,
    ruleHits: null,
    country: Int32Array.from(countries),
    protocol: new Int32Array(rows),
    sourceKey: new Int32Array(rows),
    sessionId: Float64Array.from({ length: rows }, (_, i) => i + 1),
    startTs: Float64Array.from({ length: rows }, (_, i) => i),
    label: new Uint8Array(rows),
    countries: countryNames,
    protocols: ['HTTPS'],
    sources: 1,
  };
}

describe('feature schema', () => {
  // Rows 0-3 train (values 1..4, country US/DE); rows 4-5 test (values 1000, country CN).
  const raw = rawData([1, 2, 3, 4, 1000, 1000], [0, 0, 1, 0, 2, 2], ['US', 'DE', 'CN']);
  const train = Int32Array.from([0, 1, 2, 3]);
  const schema = fitSchema(raw, train, { windowMs: 3_600_000, topCountries: 5 });

  it('fits mean and standard deviation on the training rows only', () => {
    expect(schema.mean[0]).toBeCloseTo(2.5, 6);
    expect(schema.std[0]).toBeCloseTo(Math.sqrt(1.25), 6);
    // Fitted on all rows, the mean would be 335: the test rows would have leaked in.
    const leaky = fitSchema(raw, Int32Array.from([0, 1, 2, 3, 4, 5]), { windowMs: 1, topCountries: 5 });
    expect(leaky.mean[0]).toBeGreaterThan(300);
  });

  it('one-hot encodes only countries seen in training; others fall into country_other', () => {
    expect(schema.countries).toEqual(['US', 'DE']);
    expect(schema.columns.slice(NUMERIC_COUNT, NUMERIC_COUNT + 3)).toEqual([
      'country_US',
      'country_DE',
      'country_other',
    ]);
    const x = transform(raw, schema);
    const cols = schema.columns.length;
    const row = (r: number) => Array.from(x.subarray(r * cols, (r + 1) * cols));
    expect(row(0).slice(NUMERIC_COUNT, NUMERIC_COUNT + 3)).toEqual([1, 0, 0]);
    expect(row(4).slice(NUMERIC_COUNT, NUMERIC_COUNT + 3)).toEqual([0, 0, 1]);
    // The test rows are scaled with the training statistics: far outside the training range.
    expect(row(4)[0]).toBeCloseTo((1000 - 2.5) / Math.sqrt(1.25), 2);
  });

  it('names every column, numeric features first', () => {
    expect(schema.columns.slice(0, NUMERIC_COUNT)).toEqual([...NUMERIC_FEATURES]);
    expect(schema.columns.at(-1)).toBe('protocol_other');
  });

  it('refuses to fit on zero rows', () => {
    expect(() => fitSchema(raw, new Int32Array(0), { windowMs: 1, topCountries: 5 })).toThrow(
      /zero training rows/,
    );
  });
});
