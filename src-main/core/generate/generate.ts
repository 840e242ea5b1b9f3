// `vigil generate`: synthetic traffic with labelled attacks, streamed to a file: network sessions
// (CloudWatch CSV, VPC flow, WAF) or web requests (access logs). The same options give
// byte-identical output; memory holds one time slice of sessions, not the file.
import fs from 'node:fs';
import { LABELS_SUFFIX } from '../../../src-shared/label-files.js';
import { LineBuffer } from './line-buffer.js';
import { networkModel } from './network-model.js';
import { OutputFile } from './output-file.js';
import { planSlices } from './timeline.js';
import type { Labelled, ModelOptions, TrafficModel } from './traffic-model.js';
import { webModel } from './web/web-model.js';
import { isWebFormat, type OutputFormat } from './writers/index.js';

export interface GenerateOptions {
  /** Sessions (network formats) or requests (web formats) to generate. */
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
  /** Rows per label, in the model's label order (network labels, or web labels for access logs). */
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

/** Rows per label name; every model has `benign`. */
export type LabelCounts = { benign: number } & Record<string, number>;

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
  const { rows, seed, start, format } = options;
  const end = start + Math.round(options.days * DAY_MS);
  const model: ModelOptions = { rows, attackRows: Math.round(rows * options.attackRate), seed, start, end };
  const written = isWebFormat(format)
    ? await writeModel(webModel(model, format), model, options, hooks)
    : await writeModel(networkModel(model, format), model, options, hooks);
  return {
    out: options.out,
    format,
    rows,
    records: written.records,
    nodata: written.nodata,
    seed,
    labels: written.labels,
    bytes: fs.statSync(options.out).size,
    labelsFile: written.labelsFile,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
  };
}

/** Streams the model's benign traffic and campaigns, merged in time order, through its writer. */
async function writeModel<T extends Labelled>(
  traffic: TrafficModel<T>,
  model: ModelOptions,
  options: GenerateOptions,
  hooks: GenerateHooks,
): Promise<Pick<GenerateResult, 'records' | 'nodata' | 'labels' | 'labelsFile'>> {
  const { rows, attackRows, start, end } = model;
  const writer = traffic.writer;
  const labelsFile = writer.sidecarLabels ? `${options.out}${LABELS_SUFFIX}` : null;
  const output = new OutputFile(options.out, options.out.endsWith('.gz'));
  const sidecar = labelsFile ? new OutputFile(labelsFile, false) : null;

  const counts = new Float64Array(traffic.labels.length);
  const labelSuffix = traffic.labels.map((label) => `,${label}`);
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
      labelLines?.add(`${line}${labelSuffix[kind]}`);
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
    const batch: T[] = [];
    for (const slice of planSlices(rows - attackRows, start, end)) {
      if (hooks.signal?.aborted) throw new Error('cancelled');
      batch.length = 0;
      traffic.fillBenign(slice.from, slice.to, slice.benignRows, batch);
      for (const c of traffic.campaigns) {
        while (c.cursor < c.times.length && (c.times[c.cursor] ?? slice.to) < slice.to)
          batch.push(c.session(c.cursor++));
      }
      batch.sort(byStart); // stable: equal starts keep generation order, so output stays deterministic
      for (const item of batch) {
        writer.write(item, sink);
        counts[item.kind] = (counts[item.kind] ?? 0) + 1;
        if (lines.ready) {
          await flush(false);
          hooks.onProgress?.(done, rows);
        }
        done++;
      }
    }
    if (done !== rows) throw new Error(`internal error: generated ${done} rows instead of ${rows}`);
    await flush(true);
    await Promise.all([output.close(), sidecar?.close()]);
    hooks.onProgress?.(rows, rows);
  } catch (error) {
    await Promise.all([output.discard(), sidecar?.discard()]);
    throw error;
  }
  const labels: LabelCounts = { benign: 0 };
  traffic.labels.forEach((label, kind) => {
    labels[label] = counts[kind] ?? 0;
  });
  return { records, nodata, labels, labelsFile };
}

function byStart(a: Labelled, b: Labelled): number {
  return a.start - b.start;
}
