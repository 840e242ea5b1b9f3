// Each record of the field table is a column the migrations made, with the type, nullability and
// kind (stored or generated) the record says: a field added to the table without its migration,
// or a migration that changes a column under the table, fails here.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { type FieldDef, SESSION_FIELDS } from '../../../src-shared/fields/index.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
  /** 0 a stored column, 2 or 3 a generated one. */
  hidden: number;
}

const SQL_TYPES: Record<FieldDef['type'], string[]> = {
  integer: ['INTEGER'],
  number: ['INTEGER', 'REAL'],
  time: ['INTEGER'],
  text: ['TEXT'],
};

describe('the field table and the sessions table', () => {
  it('agree on every column', () => {
    const db = openDatabase(path.join(tempDir(), 'schema.db'));
    const columns = new Map(
      (db.prepare('PRAGMA table_xinfo(sessions)').all() as ColumnInfo[]).map((c) => [c.name, c]),
    );
    for (const field of SESSION_FIELDS as readonly FieldDef[]) {
      const column = columns.get(field.column);
      expect(column, `${field.name}: sessions.${field.column}`).toBeDefined();
      expect(column!.hidden > 0, `${field.name} generated`).toBe(field.origin === 'generated');
      const type = field.storage === 'interned' ? ['INTEGER'] : SQL_TYPES[field.type];
      expect(type, `${field.name}: ${column!.type}`).toContain(column!.type);
      const required = column!.notnull === 1 || column!.pk === 1;
      if (field.origin !== 'generated') expect(required, `${field.name} nullable`).toBe(!field.nullable);
    }
    db.close();
  });
});
