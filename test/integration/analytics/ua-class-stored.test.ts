// The user-agent groups of a filtered Overview come from the class stored with each agent, as the
// unfiltered one (the rollups) and `uaclass:` do: the three cannot disagree even where a stored
// class predates the patterns in force (a database written before they changed).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRequestsOverview } from '../../../src-main/core/analytics/web-requests.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const line = (second: number, ua: string) =>
  `10.0.0.1 - - [25/Apr/2024:00:00:${String(second).padStart(2, '0')} +0000] "GET / HTTP/1.1" 200 10 "-" "${ua}"`;

let db: Db;
beforeAll(async () => {
  const dir = tempDir();
  const file = path.join(dir, 'access.log');
  const lines = [line(1, GOOGLEBOT), line(2, GOOGLEBOT), line(3, 'curl/8.4.0'), line(4, '-')];
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  db = openDatabase(path.join(dir, 'web.db'));
  await runImport(db, { file, enrich: false, parser: 'inline' });
  // A class stored by other patterns than today's.
  db.prepare(`UPDATE user_agents SET class = 'tool' WHERE value = ?`).run(GOOGLEBOT);
});
afterAll(() => db.close());

const groups = (q: string) =>
  webRequestsOverview(db, q ? { clauses: parseFilterOrThrow(q) } : {}).userAgentClasses;

describe('user-agent groups', () => {
  it('are the stored classes, filtered or not', () => {
    const expected = [
      { userAgentClass: 'browser', sessions: 0 },
      { userAgentClass: 'bot', sessions: 0 },
      { userAgentClass: 'tool', sessions: 3 },
      { userAgentClass: 'empty', sessions: 1 },
    ];
    expect(groups('')).toEqual(expected);
    expect(groups('-src:0.0.0.0')).toEqual(expected);
  });

  it('under uaclass: hold only that class', () => {
    expect(groups('uaclass:tool')).toContainEqual({ userAgentClass: 'tool', sessions: 3 });
    expect(groups('uaclass:empty')).toContainEqual({ userAgentClass: 'empty', sessions: 1 });
  });
});
