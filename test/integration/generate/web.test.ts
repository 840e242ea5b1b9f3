// `vigil generate --format combined|alb`: every line valid for its format's documented grammar,
// every line labelled in the sidecar, every attack kind present, the traffic realistic enough
// (IPv6, `-` fields, escaped quotes, lines that are not HTTP, a status mix) to exercise importers.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEB_LABELS } from '../../../src-main/core/generate/web/labels.js';
import { generate, START, tempDirs } from './harness.js';
import { type AlbLine, parseAlb, parseCombined, readWebLog, type WebLine } from './web-logs.js';

const tempDir = tempDirs();
const DAY = 86_400_000;
const ROWS = 100_000;

interface Parsed<T extends WebLine> {
  result: Awaited<ReturnType<typeof generate>>;
  lines: T[];
  text: string[];
}

async function generateWeb<T extends WebLine>(
  format: 'combined' | 'alb',
  parse: (line: string, label: string) => T,
  dir: string,
): Promise<Parsed<T>> {
  const result = await generate(dir, {
    format,
    rows: ROWS,
    seed: 4,
    attackRate: 0.05,
    name: `access.${format}`,
  });
  const { lines, labels } = readWebLog(result.out);
  return { result, lines: lines.map((line, i) => parse(line, labels[i]!)), text: lines };
}

let combined: Parsed<WebLine>;
let alb: Parsed<AlbLine>;

beforeAll(async () => {
  const dir = tempDir();
  combined = await generateWeb('combined', parseCombined, dir);
  alb = await generateWeb('alb', parseAlb, dir);
}, 120_000);

describe.each([
  ['combined', () => combined],
  ['alb', () => alb],
] as const)('generated %s log', (_format, get) => {
  it('has one line per request, each valid for the documented grammar and labelled in the sidecar', () => {
    const { result, lines } = get();
    expect(result.records).toBe(ROWS);
    expect(result.labelsFile).toBe(`${result.out}.labels.csv`);
    expect(lines).toHaveLength(ROWS); // parsing threw on any line the grammar refuses
    const counted = Object.fromEntries(WEB_LABELS.map((label) => [label, 0]));
    for (const line of lines) counted[line.label]!++;
    expect(counted).toEqual(result.labels);
    expect(Object.keys(result.labels)).toEqual([...WEB_LABELS]);
  });

  it('has exactly the asked share of attacks, and every kind at a rate near its planned share', () => {
    const { result } = get();
    expect(ROWS - result.labels.benign).toBe(ROWS * 0.05);
    for (const label of WEB_LABELS.slice(1)) {
      // Shares of the attack rows are 7-25 % per kind: each kind gets at least 5 %.
      expect(result.labels[label], label).toBeGreaterThan(0.05 * ROWS * 0.05);
    }
  });

  it('writes requests in time order inside the asked range', () => {
    const { lines } = get();
    const backwards = lines.filter((l, i) => i > 0 && l.time < lines[i - 1]!.time);
    expect(backwards).toEqual([]);
    expect(lines[0]!.time).toBeGreaterThanOrEqual(START);
    expect(lines.at(-1)!.time).toBeLessThan(START + 7 * DAY);
  });

  it('looks like a real site’s log: a status mix, IPv6 clients, crawlers, HEAD and POST', () => {
    const { lines } = get();
    const benign = lines.filter((l) => l.label === 'benign');
    const share = (test: (l: WebLine) => boolean) => benign.filter(test).length / benign.length;
    expect(share((l) => l.status === 200)).toBeGreaterThan(0.75);
    expect(share((l) => l.status === 304)).toBeGreaterThan(0.03);
    expect(share((l) => l.status === 404)).toBeGreaterThan(0.003);
    expect(share((l) => l.status === 301)).toBeGreaterThan(0.0005);
    expect(share((l) => l.client.includes(':'))).toBeGreaterThan(0.05);
    expect(share((l) => /Googlebot|bingbot/.test(l.agent))).toBeGreaterThan(0.01);
    expect(share((l) => l.method === 'POST')).toBeGreaterThan(0.002);
    expect(share((l) => l.method === 'HEAD')).toBeGreaterThan(0.0001);
    // A few lines that are not HTTP at all (a TLS handshake on the plain port, an empty connection).
    expect(lines.filter((l) => l.raw !== null).length).toBeGreaterThan(0);
  });
});

describe('combined specifics', () => {
  it('writes `-` for absent fields and empty bodies, and escapes quotes, backslashes and bytes', () => {
    const { text, lines } = combined;
    expect(text.some((t) => / 304 - "/.test(t))).toBe(true);
    expect(lines.some((l) => l.referrer === '-')).toBe(true);
    expect(lines.some((l) => l.agent === '-')).toBe(true);
    expect(text.some((t) => t.includes('\\"'))).toBe(true);
    expect(text.some((t) => /"\\x16\\x03\\x01/.test(t) || /"-" 408 -/.test(t))).toBe(true);
    // Every line is ASCII: anything else was escaped.
    expect(text.filter((t) => !/^[\x20-\x7e]*$/.test(t))).toEqual([]);
  });
});

describe('alb specifics', () => {
  it('answers after it was asked, and fills target, times and actions consistently', () => {
    const inconsistent = alb.lines.filter((l) => {
      const forwarded = l.actions.endsWith('forward');
      return (
        l.answeredUs < l.createdUs ||
        (l.backend !== '-') !== forwarded ||
        (l.targetStatus !== '-') !== forwarded ||
        (!forwarded && l.ruleTimes.join(' ') !== '-1 -1 -1') ||
        (l.actions === 'waf' && l.elbStatus !== 403) ||
        (l.actions === 'waf,redirect' && !l.redirect.startsWith('https://')) ||
        (l.raw !== null && l.actions !== '-')
      );
    });
    expect(inconsistent.map((l) => l.fields.join(' '))).toEqual([]);
    const types = new Set(alb.lines.map((l) => l.type));
    expect(types).toEqual(new Set(['http', 'https', 'h2']));
    expect(alb.lines.some((l) => l.classification === 'Acceptable')).toBe(true);
    expect(alb.lines.some((l) => l.error !== '-')).toBe(true);
  });

  it('describes the same requests as the combined log of the same seed', () => {
    // One traffic model, two renderings: labels and statuses line up line by line.
    expect(alb.lines.map((l) => l.label)).toEqual(combined.lines.map((l) => l.label));
    expect(alb.lines.map((l) => l.status)).toEqual(combined.lines.map((l) => l.status));
    expect(alb.lines.map((l) => l.client)).toEqual(combined.lines.map((l) => l.client));
  });
});

describe('web log files', () => {
  it('compress to .gz whose text is the plain file; the sidecar stays plain', async () => {
    const dir = tempDir();
    const plain = await generate(dir, { format: 'combined', rows: 20_000, name: 'x.log' });
    const packed = await generate(dir, { format: 'combined', rows: 20_000, name: 'x.log.gz' });
    const compressed = fs.readFileSync(packed.out);
    expect(compressed.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(compressed).equals(fs.readFileSync(plain.out))).toBe(true);
    expect(packed.labelsFile).toBe(path.join(dir, 'x.log.gz.labels.csv'));
    expect(fs.readFileSync(packed.labelsFile!).equals(fs.readFileSync(plain.labelsFile!))).toBe(true);
  });
});
