// `vigil generate`: synthetic web traffic with labelled attacks, streamed to a file. The same
// options give byte-identical output; memory holds one time slice of sessions, not the file.
import fs from 'node:fs';
import { planAttacks } from './attack-plan.js';
import { BenignTraffic } from './benign.js';
import { LineBuffer } from './line-buffer.js';
import { OutputFile } from './output-file.js';
import { buildPopulation, buildServers, populationSize } from './population.js';
import { Rng } from './rng.js';
import { emptyLabelCounts, LABELS, type LabelCounts, type Session } from './session.js';
import { planSlices } from './timeline.js';
import { createWriter, type OutputFormat } from './writers/index.js';

export interface GenerateOptions {
  /** Sessions to generate. */
  rows: number;
  seed: number;
  out: string;
  format: OutputFormat;
  /** Epoch ms of the first possible session. */
  start: number;
  days: number;
  /** Share of sessions that are attacks, 0..0.9. */
  attackRate: number;
}

export interface GenerateResult {
  out: string;
  format: OutputFormat;
  rows: number;
  /** Data lines written (VPC flow logs write two records per answered session). */
  records: number;
  /** VPC NODATA records: lines that are not sessions and carry no label. */
  nodata: number;
  seed: number;
  labels: LabelCounts;
  /** Size of the output file (compressed size for .gz). */
  bytes: number;
  /** The sidecar with `line,label` for formats without a label column, else null. */
  labelsFile: string | null;
  start: string;
  end: string;
}

export interface GenerateHooks {
  onProgress?: (rowsDone: number, rows: number) => void;
  signal?: AbortSignal;
}

const DAY_MS = 86_400_000;

export const DEFAULT_START = Date.UTC(2024, 3, 25);
export const DEFAULT_DAYS = 7;
export const DEFAULT_ATTACK_RATE = 0.03;

export function checkOptions(o: GenerateOptions): void {
  if (!Number.isSafeInteger(o.rows) || o.rows < 1)
    throw new Error('rows must be a whole number of at least 1');
  if (!Number.isSafeInteger(o.seed) || o.seed < 0)
    throw new Error('seed must be a non-negative whole number');
  if (!Number.isFinite(o.start)) throw new Error('start must be a valid date and time');
  // A day or more always contains a 01:00-05:00 UTC window for the rare-country injector.
  if (!Number.isFinite(o.days) || o.days < 1 || o.days > 366)
    throw new Error('days must be between 1 and 366');
  if (!Number.isFinite(o.attackRate) || o.attackRate < 0 || o.attackRate > 0.9)
    throw new Error('attack rate must be between 0 and 0.9');
}

export async function generateTraffic(
  options: GenerateOptions,
  hooks: GenerateHooks = {},
): Promise<GenerateResult> {
  checkOptions(options);
  const { rows, seed, start } = options;
  const end = start + Math.round(options.days * DAY_MS);
  const population = buildPopulation(populationSize(rows), new Rng(seed, 'population'));
  const servers = buildServers(new Rng(seed, 'servers'));
  const attackRows = Math.round(rows * options.attackRate);
  const campaigns = planAttacks(attackRows, seed, { start, end, population, servers });
  const benign = new BenignTraffic(population, servers, new Rng(seed, 'benign'));
  const writer = createWriter(options.format, { seed, servers });
  const labelsFile = writer.sidecarLabels ? `${options.out}.labels.csv` : null;
  const output = new OutputFile(options.out, options.out.endsWith('.gz'));
  const sidecar = labelsFile ? new OutputFile(labelsFile, false) : null;

  const labels = emptyLabelCounts();
  const lines = new LineBuffer();
  const labelLines = sidecar ? new LineBuffer() : null;
  labelLines?.add('line,label');
  let line = 0;
  let records = 0;
  let nodata = 0;
  const sink = {
    record(value: string, kind: number): void {
      lines.add(value);
      line++;
      records++;
      labelLines?.add(`${line},${LABELS[kind]}`);
    },
    other(value: string): void {
      lines.add(value);
      line++;
      nodata++;
    },
  };
  const flush = (all: boolean) =>
    Promise.all([
      output.write(lines.take(all), (chunk) => lines.recycle(chunk)),
      labelLines && sidecar?.write(labelLines.take(all), (chunk) => labelLines.recycle(chunk)),
    ]);

  try {
    if (writer.header !== null) {
      lines.add(writer.header);
      line++;
    }
    let done = 0;
    const batch: Session[] = [];
    for (const slice of planSlices(rows - attackRows, start, end)) {
      if (hooks.signal?.aborted) throw new Error('cancelled');
      batch.length = 0;
      benign.fill(slice.from, slice.to, slice.benignRows, batch);
      for (const c of campaigns) {
        while (c.cursor < c.times.length && c.times[c.cursor]! < slice.to) batch.push(c.session(c.cursor++));
      }
      batch.sort(byStart); // stable: equal starts keep generation order, so output stays deterministic
      for (const session of batch) {
        writer.write(session, sink);
        labels[LABELS[session.kind]!]++;
        if (lines.ready) {
          await flush(false);
          hooks.onProgress?.(done, rows);
        }
        done++;
      }
    }
    if (done !== rows) throw new Error(`internal error: generated ${done} sessions instead of ${rows}`);
    await flush(true);
    await Promise.all([output.close(), sidecar?.close()]);
    hooks.onProgress?.(rows, rows);
  } catch (error) {
    await Promise.all([output.discard(), sidecar?.discard()]);
    throw error;
  }
  return {
    out: options.out,
    format: options.format,
    rows,
    records,
    nodata,
    seed,
    labels,
    bytes: fs.statSync(options.out).size,
    labelsFile,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
  };
}

function byStart(a: Session, b: Session): number {
  return a.start - b.start;
}
