// One place where every call's filter is made ready to run: its free text resolved (db/free-text.ts),
// so the Overview, Sessions, Graph, Triage and exports answer a word from the rollups and indexes
// where they can; and scoped to finished imports (db/visibility.ts), so no view shows a session of
// an import that is still being written. No service has to remember either.
import type { SessionFilter } from '../../../src-shared/domain.js';
import { resolveFreeText } from '../db/free-text.js';
import type { Db } from '../db/open.js';
import { scopeToFinished } from '../db/visibility.js';

export function scopingFilters<S extends object>(db: Db, service: S): S {
  const wrapped = Object.entries(service).map(([name, call]) => [
    name,
    (args: unknown) => (call as (args: unknown) => unknown)(withScopedFilter(db, args)),
  ]);
  return Object.fromEntries(wrapped) as S;
}

function withScopedFilter(db: Db, args: unknown): unknown {
  if (typeof args !== 'object' || args === null || !('filter' in args)) return args;
  const filter = (args as { filter?: SessionFilter }).filter;
  return filter ? { ...args, filter: scopeToFinished(db, resolveFreeText(db, filter)) } : args;
}
