// A real SQLite file in a temp dir per test, and the import's outcome read back from it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { quarantinePage } from '../../../src-main/core/db/quarantine.js';
import { sessionPage } from '../../../src-main/core/db/sessions.js';
import { type ImportRequest, runImport } from '../../../src-main/core/ingest/pipeline.js';
import type { ImportRecord, QuarantineRow, Session } from '../../../src-shared/domain.js';

export interface Imported {
  record: ImportRecord;
  /** In file order. */
  sessions: Session[];
  quarantine: QuarantineRow[];
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A fresh database in its own temp dir, closed and deleted after the test. */
export function tempWorkspace(): {
  db: Db;
  dir: string;
  write(name: string, content: string | Buffer): string;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-ingest-'));
  const db = openDatabase(path.join(dir, 'vigil.db'));
  cleanups.push(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    db,
    dir,
    write(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
  };
}

export async function importFile(db: Db, request: ImportRequest): Promise<Imported> {
  const record = await runImport(db, { enrich: false, ...request });
  return { record, ...readBack(db, record.id) };
}

export function readBack(db: Db, importId: number): { sessions: Session[]; quarantine: QuarantineRow[] } {
  const page = sessionPage(db, {
    filter: { importId },
    sort: 'startTs',
    direction: 'asc',
    offset: 0,
    limit: 1_000_000,
  });
  const sessions = page.items.sort((a, b) => a.rawLine - b.rawLine);
  return { sessions, quarantine: quarantinePage(db, importId, 0, 1_000_000).items };
}

/** The import's counts add up, and agree with what the database holds. */
export function expectReconciled(result: Imported): void {
  const { record } = result;
  expect(record.rowsRead).toBe(record.stored + record.quarantined + record.duplicates);
  expect(result.sessions).toHaveLength(record.stored);
  expect(result.quarantine).toHaveLength(record.quarantined);
}

/** Joins lines (text or raw bytes) with LF and a final LF. */
export function joinLines(lines: readonly (string | Buffer)[]): Buffer {
  return Buffer.concat(
    lines.flatMap((line) => [typeof line === 'string' ? Buffer.from(line) : line, Buffer.from('\n')]),
  );
}
