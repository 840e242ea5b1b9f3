// Every term of the filter language is either compiled to a source's SQL or refused as a term
// only the workspace knows, with the refusal's kind (a 4xx, never a 500): a term added to the
// language that the source SQL does not translate fails here until it is translated or listed in
// src-shared/filter/workspace-only.ts.
import { describe, expect, it } from 'vitest';
import {
  filterConditions,
  refuseWorkspaceOnlyTerms,
} from '../../../src-main/core/connectors/clickhouse/filter-sql.js';
import { buildMapping } from '../../../src-main/core/connectors/clickhouse/mapping.js';
import { errorStatus } from '../../../src-main/server/error-status.js';
import { FIELD_NAMES, FILTER_FIELDS } from '../../../src-shared/filter/fields.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import { isWorkspaceOnlyTerm, workspaceOnlyMessage } from '../../../src-shared/filter/workspace-only.js';
import { RefusedError } from '../../../src-shared/refusal.js';

const mapping = buildMapping('vigil');

describe("a source's filter terms", () => {
  it.each(FIELD_NAMES)('%s: compiled, or refused as workspace-only', (field) => {
    // The help's example, the term alone (`code:>=400`, `sigma:"SQL injection"` …).
    const example = FILTER_FIELDS[field].example.split(/,\s+/)[0] as string;
    const clauses = parseFilterOrThrow(example).filter((clause) => clause.field === field);
    expect(clauses.length, example).toBeGreaterThan(0);
    const compile = () => filterConditions(mapping, { clauses });
    if (!isWorkspaceOnlyTerm(field)) {
      expect(compile()).toHaveLength(clauses.length);
      return;
    }
    for (const ask of [compile, () => refuseWorkspaceOnlyTerms({ clauses })]) {
      const thrown = (() => {
        try {
          ask();
        } catch (error) {
          return error;
        }
        return null;
      })();
      expect(thrown).toBeInstanceOf(RefusedError);
      expect((thrown as RefusedError).refusal).toEqual({ kind: 'workspace-only-term', term: field });
      expect((thrown as RefusedError).message).toBe(workspaceOnlyMessage(field));
      expect(errorStatus(thrown)).toBe(422);
    }
  });
});
