// The labels must be learnable from what an analyst looks at (per-source behaviour), but not
// readable off one column: otherwise a model trained on this data would learn nothing useful.
import { beforeAll, describe, expect, it } from 'vitest';
import { bestThresholdAccuracy } from './best-threshold.js';
import { bySource, type CsvSession, generate, readCloudwatch, tempDirs } from './harness.js';

const tempDir = tempDirs();
let sessions: CsvSession[] = [];
let sources: [label: string, group: CsvSession[]][] = [];

beforeAll(async () => {
  const dir = tempDir();
  const result = await generate(dir, { rows: 60_000, attackRate: 0.1, seed: 99 });
  sessions = readCloudwatch(result.out);
  sources = [...bySource(sessions)].map(([key, group]) => [key.split(' ')[0]!, group]);
});

function feature(label: string, f: (group: CsvSession[]) => number, minSessions = 1): number[] {
  return sources.filter(([l, g]) => l === label && g.length >= minSessions).map(([, g]) => f(g));
}

const distinctPorts = (g: CsvSession[]) => new Set(g.map((s) => s.dstPort)).size;
const failureShare = (g: CsvSession[]) => g.filter((s) => s.code === 401 || s.code === 403).length / g.length;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!;

function variation(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) / mean;
}

function gapVariation(g: CsvSession[]): number {
  const starts = g.map((s) => s.start).sort((a, b) => a - b);
  return variation(starts.slice(1).map((t, i) => t - starts[i]!));
}

describe('attacks are separable by per-source features', () => {
  it('port_scan: each source hits many more distinct ports than any benign client', () => {
    const scans = feature('port_scan', distinctPorts);
    expect(scans.length).toBeGreaterThan(0);
    expect(Math.min(...scans)).toBeGreaterThan(10 * Math.max(...feature('benign', distinctPorts)));
  });

  it('brute_force: one port, mostly refused, near-constant request size', () => {
    const bytesIn = (g: CsvSession[]) => variation(g.map((s) => s.bytesIn));
    expect(Math.max(...feature('brute_force', distinctPorts))).toBe(1);
    expect(Math.min(...feature('brute_force', failureShare))).toBeGreaterThan(0.6);
    expect(Math.max(...feature('benign', failureShare, 20))).toBeLessThan(0.3);
    expect(Math.max(...feature('brute_force', bytesIn))).toBeLessThan(0.1);
    expect(Math.min(...feature('benign', bytesIn, 10))).toBeGreaterThan(0.3);
  });

  it('beaconing: gaps so regular that their coefficient of variation is far below any busy benign client', () => {
    const beacons = feature('beaconing', gapVariation, 10);
    expect(beacons.length).toBeGreaterThan(0);
    expect(Math.max(...beacons)).toBeLessThan(0.1);
    expect(Math.min(...feature('benign', gapVariation, 10))).toBeGreaterThan(0.3);
  });

  it('exfiltration: typical session sends megabytes out and lasts minutes, unlike 99 % of benign sources', () => {
    // Not all: a client whose only session was a big download looks the same, as in real logs.
    const out = (g: CsvSession[]) => median(g.map((s) => s.bytesOut));
    const duration = (g: CsvSession[]) => median(g.map((s) => s.end - s.start));
    expect(Math.min(...feature('exfiltration', out))).toBeGreaterThan(
      10 * quantile(feature('benign', out), 0.99),
    );
    expect(Math.min(...feature('exfiltration', duration))).toBeGreaterThan(
      quantile(feature('benign', duration), 0.99),
    );
  });

  it('rare_country_odd_hours: a rare country at 01:00-05:00 UTC, which benign traffic almost never is', () => {
    const benign = sessions.filter((s) => s.label === 'benign');
    const perCountry = new Map<string, number>();
    for (const s of benign) perCountry.set(s.country, (perCountry.get(s.country) ?? 0) + 1);
    const rule = (s: CsvSession) => {
      const hour = new Date(s.start).getUTCHours();
      return (perCountry.get(s.country) ?? 0) / benign.length < 0.005 && hour >= 1 && hour < 5;
    };
    const rare = sessions.filter((s) => s.label === 'rare_country_odd_hours');
    expect(rare.filter(rule)).toHaveLength(rare.length);
    expect(benign.filter(rule).length / benign.length).toBeLessThan(0.005);
  });

  it('attack sources are mostly addresses no benign session uses', () => {
    const benignIps = new Set(sessions.filter((s) => s.label === 'benign').map((s) => s.srcIp));
    const attacks = sources.filter(([label]) => label !== 'benign');
    const shared = attacks.filter(([, g]) => benignIps.has(g[0]!.srcIp));
    expect(shared.length / attacks.length).toBeLessThan(0.2);
  });
});

describe('no single column gives the labels away', () => {
  /** Best balanced accuracy of one threshold on one numeric column, attacks against benign. */
  const bestThreshold = (value: (s: CsvSession) => number) =>
    bestThresholdAccuracy(sessions.map((s) => [value(s), s.label === 'benign' ? 0 : 1] as const));

  it.each([
    ['bytes_in', (s: CsvSession) => s.bytesIn],
    ['bytes_out', (s: CsvSession) => s.bytesOut],
    ['duration', (s: CsvSession) => s.end - s.start],
    ['dst_port', (s: CsvSession) => s.dstPort],
    ['response.code', (s: CsvSession) => s.code],
    ['hour of day', (s: CsvSession) => new Date(s.start).getUTCHours()],
  ])('%s: no threshold reaches 0.9 balanced accuracy', (_, value) => {
    expect(bestThreshold(value)).toBeLessThan(0.9);
  });

  it('detection_types: never the label, every value also on benign rows, the generic one on every kind', () => {
    const labels = new Set(sessions.map((s) => s.label));
    const byDetection = new Map<string, Set<string>>();
    for (const s of sessions) {
      if (!byDetection.has(s.detection)) byDetection.set(s.detection, new Set());
      byDetection.get(s.detection)!.add(s.label);
    }
    expect([...byDetection.keys()].filter((detection) => labels.has(detection))).toEqual([]);
    expect(byDetection.size).toBeGreaterThan(1);
    for (const seen of byDetection.values()) expect(seen.has('benign')).toBe(true);
    expect(byDetection.get('waf_rule')).toEqual(labels);
  });
});
