// The Methods panel of a fuzzed server: a scanner that tries a new method on every request must not
// turn the panel into a list of hundreds. It lists the busiest ones, as the paths and user agents
// do, and says how many methods and requests it left out, so its rows and that line add up to the
// requests counted above the status chart.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRequestsOverview } from '../../../src-main/core/analytics/web-requests.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { TOP_WEB_VALUES } from '../../../src-shared/web-requests.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
// 40 GETs and 10 POSTs from a browser; then a fuzzer's 30 methods, the i-th sent i + 1 times.
const FUZZED = Array.from({ length: 30 }, (_, i) => `FUZZ${String.fromCharCode(65 + (i % 26))}${i}`);
const lines: string[] = [];
const line = (ip: string, second: number, method: string) =>
  `${ip} - - [10/Oct/2024:00:${String(Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')} +0000] "${method} /x HTTP/1.1" 405 0 "-" "probe"`;
for (let i = 0; i < 50; i++) lines.push(line('10.0.0.1', i, i < 40 ? 'GET' : 'POST'));
FUZZED.forEach((method, i) => {
  for (let k = 0; k <= i; k++) lines.push(line('203.0.113.7', 60 + (lines.length % 3000), method));
});
const perMethod = new Map<string, number>();
for (const l of lines) {
  const method = l.split('"')[1]?.split(' ')[0] ?? '';
  perMethod.set(method, (perMethod.get(method) ?? 0) + 1);
}
const busiest = [...perMethod].sort((a, b) => b[1] - a[1]);

let db: Db;
beforeAll(async () => {
  const dir = tempDir();
  const file = path.join(dir, 'fuzzed.log');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  db = openDatabase(path.join(dir, 'fuzzed.db'));
  const job = await runImport(db, { file, enrich: false, parser: 'inline' });
  expect(job.stored).toBe(lines.length);
});
afterAll(() => db?.close());

describe('the Methods panel of a fuzzed server', () => {
  for (const [name, filter] of [
    ['every request (the rollups)', {}],
    ['a filter (the sessions)', { clauses: parseFilterOrThrow('code:405') }],
  ] as const)
    it(`lists the busiest methods and counts the rest, for ${name}`, () => {
      const answer = webRequestsOverview(db, filter);
      expect(answer.requests).toBe(lines.length);
      expect(answer.methods.map((m) => m.method)).toEqual(
        busiest.slice(0, TOP_WEB_VALUES).map(([method]) => method),
      );
      const left = busiest.slice(TOP_WEB_VALUES);
      expect(answer.otherMethods).toEqual({
        methods: left.length,
        sessions: left.reduce((sum, [, n]) => sum + n, 0),
      });
      const listed = answer.methods.reduce((sum, m) => sum + m.sessions, 0);
      expect(listed + answer.otherMethods.sessions).toBe(answer.requests);
    });
});
