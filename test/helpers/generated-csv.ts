import path from 'node:path';
import { generateTraffic } from '../../src-main/core/generate/generate.js';

export const GENERATED_START = Date.UTC(2024, 3, 25);

/** A generated CloudWatch CSV of `rows` sessions over 3 days from GENERATED_START, 5 % attacks. */
export async function generatedCsv(dir: string, name: string, rows: number, seed: number): Promise<string> {
  const out = path.join(dir, name);
  await generateTraffic({
    rows,
    seed,
    out,
    format: 'cloudwatch-csv',
    start: GENERATED_START,
    days: 3,
    attackRate: 0.05,
  });
  return out;
}
