import type { ImportRecord } from '../../src-shared/domain.js';
import { useVigilQuery } from '../data/vigil-query.js';

/** The imports table, asked again when an import ends or the data changes (src-shared/data-changes.ts). */
export function useImports(): { imports: ImportRecord[]; error: string | null } {
  const imports = useVigilQuery('listImports', {});
  return { imports: imports.data ?? [], error: imports.error?.message ?? null };
}
