// Migration 025: a database whose user agents were classed by the earlier patterns (a Cubot
// phone's browser as a bot) gets them classed again, so the unfiltered Overview (the stored class)
// and a filtered one (classed as read) give the same user-agent groups, and `uaclass:` agrees.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webRequestsOverview } from '../../../src-main/core/analytics/web-requests.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { dropAddressSortKeys } from '../../helpers/older-schema.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const CUBOT =
  'Mozilla/5.0 (Linux; Android 9; CUBOT P30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const line = (second: number, ua: string) =>
  `10.0.0.1 - - [25/Apr/2024:00:00:${String(second).padStart(2, '0')} +0000] "GET / HTTP/1.1" 200 10 "-" "${ua}"`;

describe('migration 025: user agents classed again', () => {
  it('re-classes a stored agent the earlier patterns got wrong, so every path groups it alike', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'access.log');
    fs.writeFileSync(file, `${[line(1, CUBOT), line(2, CUBOT), line(3, GOOGLEBOT)].join('\n')}\n`);
    const dbPath = path.join(dir, 'vigil.db');
    let db = openDatabase(dbPath);
    await runImport(db, { file, enrich: false, parser: 'inline' });
    // As a database written before 025 holds it.
    db.prepare(`UPDATE user_agents SET class = 'bot' WHERE value = ?`).run(CUBOT);
    db.exec('ALTER TABLE imports DROP COLUMN origin'); // migration 026
    dropAddressSortKeys(db); // migration 027
    db.exec('ALTER TABLE rules DROP COLUMN no_level'); // migration 028
    db.pragma('user_version = 24');
    db.close();

    db = openDatabase(dbPath);
    const classOf = db.prepare('SELECT class FROM user_agents WHERE value = ?').pluck();
    expect(classOf.get(CUBOT)).toBe('browser');
    expect(classOf.get(GOOGLEBOT)).toBe('bot');
    const groups = (q: string) =>
      webRequestsOverview(db, q ? { clauses: parseFilterOrThrow(q) } : {}).userAgentClasses;
    expect(groups('')).toEqual(groups('-src:0.0.0.0'));
    expect(groups('')).toContainEqual({ userAgentClass: 'browser', sessions: 2 });
    expect(webRequestsOverview(db, { clauses: parseFilterOrThrow('uaclass:bot') }).requests).toBe(1);
    db.close();
  });
});
