// What the session reads return over sessions with every field: a page of the Sessions table in
// every sort (the SELECT list and the ORDER BY per sort field) and the rows the model feature
// builder reads. The golden file was written before both came from the field table
// (src-shared/fields); a field that reads back differently, or a sort that orders differently, fails.
import { describe, expect, it } from 'vitest';
import { FEATURE_ROW, featureRows } from '../../../src-main/core/db/feature-rows.js';
import { sessionPage } from '../../../src-main/core/db/sessions.js';
import { SESSION_SORT_FIELDS } from '../../../src-shared/domain.js';
import { workspace } from '../triage/harness.js';
import { importEveryField } from './every-field.js';

describe('session reads over every field', () => {
  it('pages every sort as before', async () => {
    const ws = workspace();
    await importEveryField(ws);
    // By name: the file does not depend on the order the sort fields are listed in.
    const sorts = [...SESSION_SORT_FIELDS].sort();
    const pages = sorts.flatMap((sort) =>
      (['asc', 'desc'] as const).map((direction) => {
        const page = sessionPage(ws.db, { filter: {}, sort, direction, offset: 3, limit: 6 });
        return { sort, direction, total: page.total, items: page.items };
      }),
    );
    await expect(`${JSON.stringify(pages, null, 1)}\n`).toMatchFileSnapshot('./golden/pages.json.golden');
  });

  it('reads the same feature rows as before', async () => {
    const ws = workspace();
    await importEveryField(ws);
    const reads = [
      null,
      { type: 'column', column: 'label' },
      { type: 'column', column: 'source.name' },
      { type: 'verdicts' },
    ] as const;
    // Each value by its name in FEATURE_ROW, names sorted: what a row says, whatever its layout.
    const names = Object.keys(FEATURE_ROW).sort() as (keyof typeof FEATURE_ROW)[];
    const named = (row: unknown[]) => names.map((name) => [name, row[FEATURE_ROW[name]]]);
    const rows = reads.map((read) => ({ read, rows: [...featureRows(ws.db, read)].map(named) }));
    await expect(`${JSON.stringify(rows)}\n`).toMatchFileSnapshot('./golden/feature-rows.json.golden');
  });
});
