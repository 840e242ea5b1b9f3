// The field table is data that code is derived from (and spliced into SQL and compiled source):
// these are the rules a record must keep for that to stay sound.
import { describe, expect, it } from 'vitest';
import { type FieldDef, SESSION_FIELDS } from '../../../src-shared/fields/index.js';
import { FIELD_NAMES } from '../../../src-shared/filter/index.js';

const fields = SESSION_FIELDS as readonly FieldDef[];
const unique = (values: unknown[]) => expect(new Set(values).size).toBe(values.length);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SQL_NAME = /^[a-z_][a-z0-9_]*$/;

describe('the session field table', () => {
  it('names each field, column, term, CSV header and place once', () => {
    unique(fields.map((f) => f.name));
    unique(fields.map((f) => f.column));
    unique(fields.map((f) => f.view.order));
    unique(fields.flatMap((f) => (f.csv ? [f.csv] : [])));
    unique(fields.flatMap((f) => (f.filter ? [f.filter.order] : [])));
    unique(fields.flatMap((f) => (f.filter?.freeText !== undefined ? [f.filter.freeText] : [])));
    // The terms share the vocabulary with those that are not one column.
    unique(FIELD_NAMES);
    expect(FIELD_NAMES).not.toContain('text');
  });

  it('keeps names that may be spliced into SQL and compiled source', () => {
    for (const field of fields) {
      expect(field.name).toMatch(IDENTIFIER);
      expect(field.column).toMatch(SQL_NAME);
      if (field.filter) expect(field.filter.term).toMatch(/^[a-z_]+$/);
      if (field.csv)
        expect(['verdict', 'verdict_by', 'verdict_note', 'tags', 'attrs']).not.toContain(field.csv);
      if (field.storage === 'interned') {
        expect(field.dictionary).toMatch(SQL_NAME);
        // Inside the dictionary lookup, `id` and `value` are the dictionary's own columns.
        expect(['id', 'value']).not.toContain(field.column);
      }
    }
  });

  it('gives each kind of field what it needs', () => {
    for (const field of fields) {
      if (field.filter?.kind === 'number') expect(['integer', 'number']).toContain(field.type);
      if (field.filter && field.filter.kind !== 'number') expect(field.type).toBe('text');
      if (field.filter?.nocase || field.filter?.freeText !== undefined) expect(field.type).toBe('text');
      if (field.format === 'count' || field.format === 'fixed3')
        expect(['integer', 'number']).toContain(field.type);
    }
  });
});
