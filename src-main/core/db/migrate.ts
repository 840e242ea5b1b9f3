import type Database from 'better-sqlite3';
import { migrations } from './migrations/index.js';

export const SCHEMA_VERSION = migrations.length;

export class SchemaTooNewError extends Error {
  constructor(found: number) {
    super(
      `This database was written by a newer Vigil (schema version ${found}; this version knows up to ${SCHEMA_VERSION}). ` +
        'Update Vigil to open it, or choose another database with --db.',
    );
  }
}

/**
 * Applies pending numbered migrations, each in its own transaction, tracked by user_version.
 * `target` stops earlier (tests build databases as an older version left them).
 */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) throw new SchemaTooNewError(current);
  for (let version = current + 1; version <= target; version++) {
    const migration = migrations[version - 1]!;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.run?.(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return Math.max(current, target);
}
