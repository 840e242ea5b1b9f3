// `uaclass:browser|bot|tool|empty`: the class of each user agent is stored in its dictionary when
// the import interns it (migration 022 adds the column), and the term selects exactly the
// sessions whose user agent src-shared/user-agent-class.ts puts in the class (for `empty`, also
// the requests without one). Checked on a generated access log (browsers, crawlers, scanners,
// `-` user agents, lines that are not HTTP) against the classifier run here on every session, and
// against the Overview's user-agent panel, whose bars apply this term when clicked.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRequestsOverview } from '../../../src-main/core/analytics/web-requests.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { whereClause } from '../../../src-main/core/db/sessions.js';
import { generateTraffic } from '../../../src-main/core/generate/generate.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { suggestionsFor } from '../../../src-shared/filter/suggest.js';
import { USER_AGENT_CLASSES, userAgentClass } from '../../../src-shared/user-agent-class.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

interface Stored {
  id: number;
  agent: string | null;
  request: number;
}
let stored: Stored[];

beforeAll(async () => {
  const dir = tempDir();
  const file = path.join(dir, 'access.log');
  await generateTraffic({
    rows: 20_000,
    seed: 12,
    out: file,
    format: 'combined',
    start: Date.UTC(2024, 3, 25),
    days: 2,
    attackRate: 0.1,
  });
  // Requests with no user agent (`-` and empty) and a line that is no request at all.
  fs.appendFileSync(
    file,
    [
      '198.51.100.7 - - [26/Apr/2024:10:00:00 +0000] "GET /a HTTP/1.1" 200 10 "-" "-"',
      '198.51.100.7 - - [26/Apr/2024:10:00:01 +0000] "POST /b HTTP/1.1" 404 10 "-" ""',
      '198.51.100.8 - - [26/Apr/2024:10:00:02 +0000] "\\x16\\x03\\x01" 400 0 "-" "-"',
      // No request (the connection closed before one came) but a browser's user agent: no class.
      '198.51.100.9 - - [26/Apr/2024:10:00:03 +0000] "-" 408 0 "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"',
      '',
    ].join('\n'),
  );
  db = openDatabase(path.join(dir, 'ua.db'));
  await runImport(db, { file, enrich: false });
  stored = db
    .prepare(
      `SELECT id, (SELECT value FROM user_agents WHERE id = user_agent_id) AS agent,
         (method_id IS NOT NULL OR path_id IS NOT NULL) AS request FROM sessions ORDER BY id`,
    )
    .all() as Stored[];
}, 120_000);

afterAll(() => db.close());

function idsOf(filterText: string): number[] {
  const where = whereClause({ clauses: parseFilterOrThrow(filterText) });
  return db.prepare(`SELECT id FROM sessions ${where.sql} ORDER BY id`).pluck().all(where.params) as number[];
}

/** The class of a stored session as the classifier gives it; null for a session that is no request. */
const classOf = (s: Stored) => (s.request ? (s.agent === null ? 'empty' : userAgentClass(s.agent)) : null);

describe('uaclass:', () => {
  it('selects the sessions whose user agent is of the class, for every class', () => {
    for (const c of USER_AGENT_CLASSES) {
      const expected = stored.filter((s) => classOf(s) === c).map((s) => s.id);
      expect(expected.length, `sessions of class ${c} in the generated log`).toBeGreaterThan(0);
      expect(idsOf(`uaclass:${c}`), c).toEqual(expected);
    }
  });

  it('gives a class to every web request and to nothing else: the classes together are uaclass:*', () => {
    const agentNoRequest = stored.filter((s) => !s.request && s.agent !== null);
    expect(agentNoRequest.length, 'a session with a user agent but no request').toBeGreaterThan(0);
    const classed = USER_AGENT_CLASSES.flatMap((c) => idsOf(`uaclass:${c}`)).sort((a, b) => a - b);
    expect(classed).toEqual(idsOf('uaclass:*'));
    expect(idsOf(`uaclass:${USER_AGENT_CLASSES.join(',')}`)).toEqual(idsOf('uaclass:*'));
  });

  it('takes several classes, any case, and negation', () => {
    const botsOrTools = stored.filter((s) => ['bot', 'tool'].includes(classOf(s) ?? '')).map((s) => s.id);
    expect(idsOf('uaclass:BOT,tool')).toEqual(botsOrTools);
    const notBrowser = stored.filter((s) => classOf(s) !== 'browser').map((s) => s.id);
    expect(idsOf('-uaclass:browser')).toEqual(notBrowser);
  });

  it('counts what the Overview user-agent bars show, unfiltered and filtered', () => {
    for (const filter of [{}, { clauses: parseFilterOrThrow('code:>=400') }]) {
      const answer = webRequestsOverview(db, filter);
      for (const { userAgentClass: c, sessions } of answer.userAgentClasses) {
        const clauses = [...(filter.clauses ?? []), ...parseFilterOrThrow(`uaclass:${c}`)];
        const where = whereClause({ clauses });
        const n = db.prepare(`SELECT count(*) FROM sessions ${where.sql}`).pluck().get(where.params);
        expect(n, c).toBe(sessions);
      }
    }
  });

  it('refuses a class that does not exist, and suggests the four, then * (any: a web request)', () => {
    expect(() => parseFilterOrThrow('uaclass:robot')).toThrow(
      'uaclass: "robot" is not one of browser, bot, tool, empty',
    );
    const values = suggestionsFor({ kind: 'value', field: 'uaclass', prefix: '', from: 8, to: 8 });
    expect(values.map((s) => s.label)).toEqual([...USER_AGENT_CLASSES, '*']);
    expect(suggestionsFor({ kind: 'field', prefix: 'uac', from: 0, to: 3 }).map((s) => s.label)).toEqual([
      'uaclass:',
    ]);
  });
});
