import type Database from 'better-sqlite3';
import { must } from '../../../src-shared/must.js';
import { pauseForeignKeys } from './foreign-keys.js';
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
    const migration = must(migrations[version - 1], `migration ${version}`);
    if (current > 0 && migration.notice && (migration.noticeWhen?.(db) ?? true)) announce?.(migration.notice);
    // A table rebuild drops the old table, and with foreign keys on that DROP would cascade into
    // every row that references it. The setting cannot change inside a transaction, so it is
    // turned off around it, and the rebuilt schema's references are checked before it commits.
    const resumeForeignKeys = migration.rebuildsTables ? pauseForeignKeys(db) : () => {};
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        migration.run?.(db);
        if (migration.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0)
            throw new Error(
              `Migration ${version} left ${broken.length} broken references; nothing was changed.`,
            );
        }
        db.pragma(`user_version = ${version}`);
      })();
    } finally {
      resumeForeignKeys();
    }
  }
  return Math.max(current, target);
}
