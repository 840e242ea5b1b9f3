// Shared by the generator's integration tests: generate into a temp folder, read the output back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { type GenerateOptions, generateTraffic } from '../../../src-main/core/generate/generate.js';

export const START = Date.UTC(2024, 3, 25);

/** A fresh temporary folder per call, removed after each test (big outputs must not pile up). */
export function tempDirs(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-generate-'));
    made.push(dir);
    return dir;
  };
}

export async function generate(dir: string, overrides: Partial<GenerateOptions> & { name?: string } = {}) {
  const { name = 'traffic.csv', ...rest } = overrides;
  const options: GenerateOptions = {
    rows: 10_000,
    seed: 1,
    out: path.join(dir, name),
    format: 'cloudwatch-csv',
    start: START,
    days: 7,
    attackRate: 0.03,
    ...rest,
  };
  return generateTraffic(options);
}

export interface CsvSession {
  bytesIn: number;
  bytesOut: number;
  start: number;
  end: number;
  srcIp: string;
  country: string;
  protocol: string;
  code: number;
  dstPort: number;
  dstIp: string;
  detection: string;
  label: string;
}

/** RFC 4180 split of one line (the generator quotes a few hostile observation names). */
export function splitCsv(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (line[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

export function readCloudwatch(file: string): CsvSession[] {
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(1);
  return lines.map((line) => {
    const f = splitCsv(line);
    return {
      bytesIn: Number(f[0]),
      bytesOut: Number(f[1]),
      start: Date.parse(f[2]!),
      end: Date.parse(f[3]!),
      srcIp: f[4]!,
      country: f[5]!,
      protocol: f[6]!,
      code: Number(f[7]),
      dstPort: Number(f[8]),
      dstIp: f[9]!,
      detection: f[15]!,
      label: f[16]!,
    };
  });
}

/** Sessions grouped by source and label: one group per attack campaign or benign client. */
export function bySource(sessions: CsvSession[]): Map<string, CsvSession[]> {
  const groups = new Map<string, CsvSession[]>();
  for (const s of sessions) {
    const key = `${s.label} ${s.srcIp}`;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  return groups;
}

/** Label → line number map from a PATH.labels.csv sidecar. */
export function readSidecar(file: string): Map<number, string> {
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  if (lines[0] !== 'line,label') throw new Error(`unexpected sidecar header: ${lines[0]}`);
  return new Map(
    lines.slice(1).map((line) => {
      const [n, label] = line.split(',');
      return [Number(n), label!] as const;
    }),
  );
}
