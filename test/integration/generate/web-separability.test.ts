// The web labels must be learnable from what an analyst looks at (the request's text, each
// source's behaviour), but not readable off one field: attackers also send browser user agents,
// benign traffic also has tools, odd queries and errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { userAgentClass } from '../../../src-shared/user-agent-class.js';
import { bestThresholdAccuracy } from './best-threshold.js';
import { generate, tempDirs } from './harness.js';
import { parseCombined, readWebLog, type WebLine } from './web-logs.js';

const isBrowserAgent = (agent: string) => userAgentClass(agent) === 'browser';

const tempDir = tempDirs();
let lines: WebLine[] = [];
let sources: [label: string, group: WebLine[]][] = [];

beforeAll(async () => {
  const dir = tempDir();
  const result = await generate(dir, {
    format: 'combined',
    rows: 60_000,
    attackRate: 0.1,
    seed: 99,
    name: 'web.log',
  });
  const read = readWebLog(result.out);
  lines = read.lines.map((line, i) => parseCombined(line, read.labels[i]!));
  const groups = new Map<string, WebLine[]>();
  for (const l of lines) {
    const key = `${l.label} ${l.client}`;
    const group = groups.get(key);
    if (group) group.push(l);
    else groups.set(key, [l]);
  }
  sources = [...groups].map(([key, group]) => [key.split(' ')[0]!, group]);
}, 60_000);

const attack = (l: WebLine) => l.label !== 'benign';

/** Best balanced accuracy of one threshold on one numeric value, attacks against benign. */
const bestThreshold = (value: (l: WebLine) => number) =>
  bestThresholdAccuracy(lines.map((l) => [value(l), attack(l) ? 1 : 0] as const));

/** The target with percent-encoding undone twice (double encoding) and `+` as space, lower-cased. */
function decoded(l: WebLine): string {
  let text = (l.target ?? '').replaceAll('+', ' ');
  for (let round = 0; round < 2; round++) {
    try {
      text = decodeURIComponent(text);
    } catch {
      text = text.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    }
  }
  return text.toLowerCase();
}

const MARKERS: Record<string, RegExp> = {
  sqli: /\b(or|and|union|select|sleep|waitfor|order by|extractvalue|updatexml|convert|cast|drop)\b|--|#|\/\*/,
  xss: /<[a-z]|javascript:|on(error|load|focus|toggle|mouseover)=|\{\{/,
  traversal: /\.\.[/\\;]|\.\.%2f|%c0%ae|:\/\/|etc\/passwd|win\.ini/,
  cmdi: /[;|`&\n]|\$\(|\$\{ifs\}|\$ifs|\(\) \{/,
};

describe('web attacks are visible in what an analyst reads', () => {
  it.each(Object.keys(MARKERS))('%s: most of its requests carry the technique in the request', (kind) => {
    const own = lines.filter((l) => l.label === kind);
    const marked = own.filter(
      (l) => MARKERS[kind]!.test(decoded(l)) || MARKERS[kind]!.test(l.agent.toLowerCase()),
    );
    expect(own.length).toBeGreaterThan(50);
    expect(marked.length / own.length).toBeGreaterThan(0.6);
  });

  it('but a keyword rule also fires on benign requests (product names, searches, quotes)', () => {
    const benign = lines.filter((l) => !attack(l));
    const hits = benign.filter((l) => MARKERS.sqli!.test(decoded(l)) || /['"<]/.test(decoded(l)));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length / benign.length).toBeLessThan(0.02);
  });
});

describe('web attack sources are separable by behaviour', () => {
  const feature = (label: string, f: (g: WebLine[]) => number, minRequests = 20) =>
    sources.filter(([l, g]) => l === label && g.length >= minRequests).map(([, g]) => f(g));
  const errorShare = (g: WebLine[]) => g.filter((l) => l.status >= 400).length / g.length;
  const loginPosts = (g: WebLine[]) =>
    g.filter((l) => l.method === 'POST' && /login/.test(l.target ?? '')).length / g.length;
  const medianGap = (g: WebLine[]) => {
    const gaps = g
      .slice(1)
      .map((l, i) => l.time - g[i]!.time)
      .sort((a, b) => a - b);
    return gaps[gaps.length >> 1] ?? 0;
  };

  it('scanners and web-shell hunters get mostly errors; busy benign clients rarely do', () => {
    for (const kind of ['scanner', 'webshell']) {
      const shares = feature(kind, errorShare);
      expect(shares.length, kind).toBeGreaterThan(0);
      expect(Math.min(...shares), kind).toBeGreaterThan(0.6);
    }
    expect(Math.max(...feature('benign', errorShare))).toBeLessThan(0.35);
  });

  it('credential stuffing: a source does little but POST to a login', () => {
    const shares = feature('credential_stuffing', loginPosts);
    expect(shares.length).toBeGreaterThan(0);
    expect(Math.min(...shares)).toBeGreaterThan(0.9);
    expect(Math.max(...feature('benign', loginPosts, 5))).toBeLessThan(0.5);
  });

  it('enumeration: minutes between requests and mostly errors, which no busy benign source shows', () => {
    const slowAndFailing = (g: WebLine[]) => (medianGap(g) >= 60_000 && errorShare(g) > 0.5 ? 1 : 0);
    const enumerators = feature('enumeration', slowAndFailing);
    expect(enumerators.length).toBeGreaterThan(0);
    expect(Math.min(...enumerators)).toBe(1);
    expect(Math.max(...feature('benign', slowAndFailing))).toBe(0);
  });

  it('attack sources are mostly addresses no benign request comes from', () => {
    const benignIps = new Set(lines.filter((l) => !attack(l)).map((l) => l.client));
    const attacks = sources.filter(([label]) => label !== 'benign');
    const shared = attacks.filter(([, g]) => benignIps.has(g[0]!.client));
    expect(shared.length / attacks.length).toBeLessThan(0.2);
  });
});

describe('no single field gives the web labels away', () => {
  it.each([
    ['status', (l: WebLine) => l.status],
    ['bytes', (l: WebLine) => l.bytes],
    ['target length', (l: WebLine) => (l.target ?? '').length],
    ['query length', (l: WebLine) => ((l.target ?? '').split('?')[1] ?? '').length],
    ['hour of day', (l: WebLine) => new Date(l.time).getUTCHours()],
    ['browser or not', (l: WebLine) => (isBrowserAgent(l.agent) ? 0 : 1)],
  ])('%s: no threshold reaches 0.9 balanced accuracy', (_, value) => {
    expect(bestThreshold(value)).toBeLessThan(0.9);
  });

  it('attackers often send a browser user agent, and benign traffic also comes from tools and bots', () => {
    const attacks = lines.filter(attack);
    const benign = lines.filter((l) => !attack(l));
    expect(attacks.filter((l) => isBrowserAgent(l.agent)).length / attacks.length).toBeGreaterThan(0.3);
    expect(benign.filter((l) => !isBrowserAgent(l.agent)).length / benign.length).toBeGreaterThan(0.03);
  });
});
