// The Overview's rule hits by level say, beside the hits, how many sessions each level's click
// (`level:<name>`) selects: a request two rules of one level match is two hits but one session.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src-main/core/db/open.js';
import { ruleHitSummary } from '../../../src-main/core/db/rule-hits.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { importedLog, sessionsMatching } from '../../helpers/imported-log.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

const LINES = [
  '192.0.2.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  // Cross-site scripting and SQL injection in one query: two high hits on one session.
  '192.0.2.2 - - [12/Feb/2024:10:00:01 +0000] "GET /search?q=%3Cscript%3Ealert(1)%3C/script%3E%27%20OR%201=1-- HTTP/1.1" 200 90 "-" "curl/8.4.0"',
  '192.0.2.3 - - [12/Feb/2024:10:00:02 +0000] "GET /index.php?id=1%27%20OR%201=1-- HTTP/1.1" 200 90 "-" "curl/8.4.0"',
  // Local file inclusion (high) and path traversal (medium).
  '192.0.2.4 - - [12/Feb/2024:10:00:03 +0000] "GET /static/../../../etc/passwd HTTP/1.1" 404 0 "-" "curl/8.4.0"',
];

let db: Db;
beforeAll(async () => {
  db = await importedLog(tempDir(), LINES);
  return () => db.close();
});

const total = (filter: string) => sessionsMatching(db, filter).total;

describe('rule hits by level', () => {
  it('count the sessions of each level as level:<name> selects them, hits and sessions apart', () => {
    const summary = ruleHitSummary(db, {}, { maxPoints: 60, topRules: 20 });
    const high = summary.byLevel.find((row) => row.level === 'high');
    expect(high).toEqual({ level: 'high', hits: 4, sessions: 3 });
    for (const row of summary.byLevel) expect(row.sessions).toBe(total(`level:${row.level}`));
  });

  it('count them among the sessions a filter selects, too', () => {
    const filter = { clauses: parseFilterOrThrow('ua:curl -src:192.0.2.3') };
    const summary = ruleHitSummary(db, filter, { maxPoints: 60, topRules: 20 });
    expect(summary.source).toBe('sessions');
    expect(summary.byLevel.find((row) => row.level === 'high')).toEqual({
      level: 'high',
      hits: 3,
      sessions: 2,
    });
    for (const row of summary.byLevel)
      expect(row.sessions).toBe(total(`ua:curl -src:192.0.2.3 level:${row.level}`));
  });
});
