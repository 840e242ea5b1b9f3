// A workspace holding a few access-log lines, imported as a file the way `vigil ingest` does (the
// shipped rules run at import), and the page of sessions a filter-language text selects in it.
import fs from 'node:fs';
import path from 'node:path';
import { type Db, openDatabase } from '../../src-main/core/db/open.js';
import { sessionPage } from '../../src-main/core/db/sessions.js';
import { runImport } from '../../src-main/core/ingest/pipeline.js';
import type { Session } from '../../src-shared/domain.js';
import { parseFilterOrThrow } from '../../src-shared/filter/index.js';

export async function importedLog(dir: string, lines: readonly string[]): Promise<Db> {
  fs.writeFileSync(path.join(dir, 'a.log'), `${lines.join('\n')}\n`);
  const db = openDatabase(path.join(dir, 'v.db'));
  await runImport(db, { file: path.join(dir, 'a.log'), enrich: false });
  return db;
}

/** The first 100 sessions `filter` selects, by source address, and how many it selects. */
export function sessionsMatching(db: Db, filter: string): { items: Session[]; total: number } {
  return sessionPage(db, {
    filter: { clauses: parseFilterOrThrow(filter) },
    sort: 'srcIp',
    direction: 'asc',
    offset: 0,
    limit: 100,
  });
}
