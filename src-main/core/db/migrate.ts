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

let announce: ((notice: string) => void) | null = null;

/**
 * Where to say that a slow data migration is about to run on an existing database (the CLI and
 * the app print it; the core itself writes nothing). A new database is not announced.
 */
export function announceMigrationsTo(listener: ((notice: string) => void) | null): void {
  announce = listener;
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
    if (current > 0 && migration.notice) announce?.(migration.notice);
    db.transaction(() => {
      db.exec(migration.sql);
      migration.run?.(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return Math.max(current, target);
}
