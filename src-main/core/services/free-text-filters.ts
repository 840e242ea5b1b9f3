// One place where every call's filter has its free text resolved (db/free-text.ts), so the
// Overview, Sessions, Graph, Triage and exports all answer a word from the rollups and indexes
// where they can, without each service remembering to.
import type { SessionFilter } from '../../../src-shared/domain.js';
import { resolveFreeText } from '../db/free-text.js';
import type { Db } from '../db/open.js';

export function resolvingFreeText<S extends object>(db: Db, service: S): S {
  const wrapped = Object.entries(service).map(([name, call]) => [
    name,
    (args: unknown) => (call as (args: unknown) => unknown)(withResolvedFilter(db, args)),
  ]);
  return Object.fromEntries(wrapped) as S;
}

function withResolvedFilter(db: Db, args: unknown): unknown {
  if (typeof args !== 'object' || args === null || !('filter' in args)) return args;
  const filter = (args as { filter?: SessionFilter }).filter;
  return filter ? { ...args, filter: resolveFreeText(db, filter) } : args;
}
