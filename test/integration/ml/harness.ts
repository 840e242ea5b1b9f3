// Shared by the model tests: a database in a temp folder filled with generated, labelled traffic
// (or the embedded sample), through the real import pipeline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { type GenerateOptions, generateTraffic } from '../../../src-main/core/generate/generate.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { SAMPLE } from '../../helpers/temp.js';

/** A temp folder kept for the whole test file (a generated database is shared by its tests). */
export function suiteDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-ml-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const START = Date.UTC(2024, 3, 25);

/** Generates `rows` sessions (with a label column) and imports them into `dir/v.db`. */
export async function generatedDb(dir: string, options: Partial<GenerateOptions> = {}): Promise<string> {
  const out = path.join(dir, 'traffic.csv');
  await generateTraffic({
    rows: 8000,
    seed: 7,
    out,
    format: 'cloudwatch-csv',
    start: START,
    days: 2,
    attackRate: 0.08,
    ...options,
  });
  return importInto(dir, out);
}

/**
 * One generated database for a whole test file, opened once: `path()` and `db()` are valid from
 * the file's beforeAll on.
 */
export function sharedGeneratedDb(options: Partial<GenerateOptions>): { path: () => string; db: () => Db } {
  const dir = suiteDir();
  let file = '';
  let db: Db | null = null;
  beforeAll(async () => {
    file = await generatedDb(dir, options);
    db = openDatabase(file);
    return () => db?.close();
  });
  return { path: () => file, db: () => db! };
}

export async function sampleDb(dir: string): Promise<string> {
  return importInto(dir, SAMPLE);
}

export async function importInto(dir: string, file: string): Promise<string> {
  const dbPath = path.join(dir, 'v.db');
  const db = openDatabase(dbPath);
  try {
    const record = await runImport(db, { file, enrich: false, cacheDir: null, parser: 'inline' });
    if (record.status !== 'done') throw new Error(`import ${record.status}: ${record.message}`);
  } finally {
    db.close();
  }
  return dbPath;
}
