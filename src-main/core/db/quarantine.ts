import type { QuarantineRow } from '../../../src-shared/domain.js';
import type { Db } from './open.js';

export function prepareQuarantineInsert(db: Db) {
  const stmt = db.prepare('INSERT INTO quarantine (import_id, line, reason, raw) VALUES (?, ?, ?, ?)');
  return (importId: number, line: number, reason: string, raw: string) =>
    stmt.run(importId, line, reason, raw);
}

export function quarantinePage(db: Db, importId: number, offset: number, limit: number) {
  const items = db
    .prepare(
      'SELECT id, import_id AS importId, line, reason, raw FROM quarantine WHERE import_id = ? ORDER BY line LIMIT ? OFFSET ?',
    )
    .all(importId, limit, offset) as QuarantineRow[];
  const { total } = db
    .prepare('SELECT count(*) AS total FROM quarantine WHERE import_id = ?')
    .get(importId) as {
    total: number;
  };
  return { items, total };
}

export function deleteQuarantine(db: Db, importId: number): void {
  db.prepare('DELETE FROM quarantine WHERE import_id = ?').run(importId);
}
