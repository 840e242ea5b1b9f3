// The web-request panels read from a real imported access log: every figure is counted again here
// from the lines written, so a wrong group, a lost class or a shifted bucket fails.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeSeries } from '../../../src-main/core/analytics/time-series.js';
import { webRequestsOverview } from '../../../src-main/core/analytics/web-requests.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { ruleHitCounts } from '../../../src-main/core/db/rule-hit-counts.js';
import { ruleHitSummary, sessionRuleHits } from '../../../src-main/core/db/rule-hits.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { RULE_LEVELS } from '../../../src-shared/rules.js';
import { OVERVIEW_POINTS } from '../../../src-shared/time-buckets.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const SQLMAP = 'sqlmap/1.8#stable (https://sqlmap.org)';

interface Line {
  ip: string;
  minute: number;
  method: string;
  target: string;
  status: number;
  ua: string;
}

// Three clients over three hours: a browser, a crawler and a scanner (with an empty user agent).
const LINES: Line[] = [];
for (let i = 0; i < 30; i++)
  LINES.push({
    ip: '10.0.0.1',
    minute: i * 4,
    method: 'GET',
    target: `/shop/item${i % 3}`,
    status: 200,
    ua: CHROME,
  });
for (let i = 0; i < 12; i++)
  LINES.push({
    ip: '10.0.0.2',
    minute: 60 + i * 5,
    method: 'GET',
    target: '/robots.txt',
    status: i % 4 ? 200 : 304,
    ua: GOOGLEBOT,
  });
for (let i = 0; i < 20; i++)
  LINES.push({
    ip: '203.0.113.9',
    minute: 120 + i,
    method: i % 5 ? 'GET' : 'POST',
    target: `/login?id=${i}'%20OR%201=1`,
    status: i % 10 ? 404 : 500,
    ua: i < 15 ? SQLMAP : '-',
  });
const START = Date.UTC(2024, 9, 10, 0, 0, 0);

function combined(l: Line): string {
  const d = new Date(START + l.minute * 60_000);
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00 +0000`;
  return `${l.ip} - - [${time}] "${l.method} ${l.target} HTTP/1.1" ${l.status} 512 "-" "${l.ua}"`;
}

let db: Db;
let flowsDb: Db;

beforeAll(async () => {
  const dir = tempDir();
  const file = path.join(dir, 'access.log');
  fs.writeFileSync(file, `${LINES.map(combined).join('\n')}\n`);
  db = openDatabase(path.join(dir, 'web.db'));
  const job = await runImport(db, { file, enrich: false, parser: 'inline' });
  expect(job.stored).toBe(LINES.length);
  flowsDb = openDatabase(path.join(dir, 'empty.db'));
});

afterAll(() => {
  db.close();
  flowsDb.close();
});

const count = (keep: (l: Line) => boolean) => LINES.filter(keep).length;

describe('webRequestsOverview', () => {
  it('says there are no requests when none was ever stored', () => {
    expect(webRequestsOverview(flowsDb, {})).toMatchObject({ hasRequests: false, requests: 0, topPaths: [] });
  });

  it('counts status classes per bucket, from the lines', () => {
    const answer = webRequestsOverview(db, {});
    expect(answer.hasRequests).toBe(true);
    expect(answer.requests).toBe(LINES.length);
    const totals = [0, 1, 2, 3, 4].map((i) =>
      answer.statusSeries.reduce((sum, p) => sum + (p.counts[i] ?? 0), 0),
    );
    expect(totals).toEqual([
      0,
      count((l) => l.status < 300),
      count((l) => l.status >= 300 && l.status < 400),
      count((l) => l.status >= 400 && l.status < 500),
      count((l) => l.status >= 500),
    ]);
    // Buckets are contiguous from the first request's bucket, none after the last request.
    const ts = answer.statusSeries.map((p) => p.t);
    expect(ts[0]).toBe(Math.floor(START / answer.bucketMs) * answer.bucketMs);
    for (let i = 1; i < ts.length; i++) expect((ts[i] ?? 0) - (ts[i - 1] ?? 0)).toBe(answer.bucketMs);
    const scannerBucket = Math.floor((START + 120 * 60_000) / answer.bucketMs) * answer.bucketMs;
    expect(answer.statusSeries.find((p) => p.t === scannerBucket)?.counts[4]).toBeGreaterThan(0);
  });

  it('lists the top paths, methods and user agents by class, busiest first', () => {
    const answer = webRequestsOverview(db, {});
    expect(answer.topPaths[0]).toEqual({ path: '/login', sessions: 20 });
    expect(answer.topPaths).toContainEqual({ path: '/robots.txt', sessions: 12 });
    expect(answer.topPaths).toContainEqual({ path: '/shop/item0', sessions: 10 });
    expect(answer.methods).toEqual([
      { method: 'GET', sessions: count((l) => l.method === 'GET') },
      { method: 'POST', sessions: count((l) => l.method === 'POST') },
    ]);
    expect(answer.userAgentClasses).toEqual([
      { userAgentClass: 'browser', sessions: 30 },
      { userAgentClass: 'bot', sessions: 12 },
      { userAgentClass: 'tool', sessions: 15 },
      { userAgentClass: 'empty', sessions: 5 },
    ]);
    expect(answer.topUserAgents[0]).toEqual({ userAgent: CHROME, userAgentClass: 'browser', sessions: 30 });
    expect(answer.topUserAgents).toContainEqual({ userAgent: SQLMAP, userAgentClass: 'tool', sessions: 15 });
  });

  it('answers for one IP (the Graph side panel) and for a status filter', () => {
    const scanner = webRequestsOverview(db, { clauses: parseFilterOrThrow('ip:203.0.113.9') });
    expect(scanner.requests).toBe(20);
    expect(scanner.topPaths).toEqual([{ path: '/login', sessions: 20 }]);
    const errors = webRequestsOverview(db, { clauses: parseFilterOrThrow('code:500..599') });
    expect(errors.requests).toBe(count((l) => l.status >= 500));
    expect(errors.methods.reduce((sum, m) => sum + m.sessions, 0)).toBe(errors.requests);
  });

  it('draws status classes and rule hits on the Sessions chart’s axis, whatever the filter keeps', () => {
    // One IP's requests span minutes of a log that spans more: its bars still stand where the
    // Sessions chart (every stored session's span) puts those minutes, in buckets of the same size.
    const filter = { clauses: parseFilterOrThrow('ip:203.0.113.9') };
    const sessions = timeSeries(db, filter);
    const web = webRequestsOverview(db, filter);
    const hits = ruleHitSummary(db, filter, { maxPoints: OVERVIEW_POINTS, topRules: 5 });
    expect(web.bucketMs).toBe(sessions.bucketMs);
    expect(hits.bucketMs).toBe(sessions.bucketMs);
    expect(web.statusSeries.map((p) => p.t)).toEqual(sessions.points.map((p) => p.t));
    const starts = new Set(sessions.points.map((p) => p.t));
    for (const point of hits.points) expect(starts.has(point.t)).toBe(true);
  });

  it('counts each session’s rule hits and their highest level (the Sessions column)', () => {
    const ids = db.prepare('SELECT id FROM sessions ORDER BY id').pluck().all() as number[];
    const counts = ruleHitCounts(db, ids);
    // The shipped rules matched the scanner's requests at import (SQL injection, its user agent).
    expect(counts.length).toBeGreaterThan(0);
    const expected = ids.flatMap((id) => {
      const hits = sessionRuleHits(db, id);
      if (hits.length === 0) return [];
      // A hit of a rule without a level (-1 here) ranks with informational, but is not said to be one.
      const top = Math.max(...hits.map((h) => (h.level === null ? -1 : RULE_LEVELS.indexOf(h.level))));
      const level = RULE_LEVELS[top] ?? null;
      return [{ sessionId: id, hits: hits.length, level }];
    });
    expect(counts).toEqual(expected);
    expect(ruleHitCounts(db, [])).toEqual([]);
  });
});
