// A session field (src-shared/fields) in SQL: the expression that reads its value, and the column
// it is stored in. Only names from the field table are spliced into SQL text.
import type { FieldDef } from '../../../src-shared/fields/index.js';
import { foldCase, isAscii } from '../../../src-shared/filter/case-fold.js';

/**
 * The value of `field` in a query over `sessions` (or a rollup with the same column). An interned
 * field's column holds an id: its text is looked up in the dictionary, a primary-key read.
 */
export function readSql(field: FieldDef): string {
  if (field.storage !== 'interned') return field.column;
  return `(SELECT value FROM ${field.dictionary} WHERE ${field.dictionary}.id = ${field.column})`;
}

/** The field as a SELECT column named as the Session property. */
export function selectSql(field: FieldDef): string {
  const read = readSql(field);
  return read === field.name ? read : `${read} AS ${field.name}`;
}

/**
 * `field = one of texts` (bound by `bind`), in any case when `nocase`. An interned field is matched
 * through its dictionary: the few ids whose text matches, then an id comparison per session.
 */
export function textInSql(field: FieldDef, texts: string[], nocase: boolean, bind: (v: unknown) => string) {
  const stored = field.storage === 'interned' ? 'value' : field.column;
  // NOCASE folds A-Z only: a text with another letter is compared folded on both sides (case-fold.ts).
  const folded = nocase && !texts.every(isAscii);
  const target = folded ? `vigil_lower(${stored})` : nocase ? `${stored} COLLATE NOCASE` : stored;
  const wanted = folded ? texts.map(foldCase) : texts;
  const test =
    wanted.length === 1 ? `${target} = ${bind(wanted[0])}` : `${target} IN (${wanted.map(bind).join(', ')})`;
  return field.storage === 'interned'
    ? `${field.column} IN (SELECT id FROM ${field.dictionary} WHERE ${test})`
    : test;
}

/**
 * The LIKE pattern (with `ESCAPE '\'`) of a value typed for a pattern term: what was typed is
 * literal (`%` and `_` too), at the start of the value (`*` any run of characters) or anywhere in it.
 */
export function likePattern(typed: string, match: 'prefix' | 'substring'): string {
  const literal = typed.replace(/[\\%_]/g, (ch) => `\\${ch}`).replaceAll('*', '%');
  return match === 'prefix' ? `${literal}%` : `%${literal}%`;
}

/**
 * `field LIKE one of patterns` (bound by `bind`), in any case as LIKE compares (ASCII letters).
 * An interned field is matched in its dictionary: each distinct text is tested once, however many
 * sessions hold it, and sessions are then matched by id.
 */
export function likeAnySql(field: FieldDef, patterns: string[], bind: (v: unknown) => string): string {
  const stored = field.storage === 'interned' ? 'value' : field.column;
  // LIKE folds A-Z only: a pattern with another letter is matched folded on both sides (case-fold.ts).
  const tests = patterns.map((pattern) =>
    isAscii(pattern)
      ? `${stored} LIKE ${bind(pattern)} ESCAPE '\\'`
      : `vigil_lower(${stored}) LIKE ${bind(foldCase(pattern))} ESCAPE '\\'`,
  );
  const test = tests.length === 1 ? (tests[0] as string) : `(${tests.join(' OR ')})`;
  return field.storage === 'interned'
    ? `${field.column} IN (SELECT id FROM ${field.dictionary} WHERE ${test})`
    : test;
}

/**
 * The field's value holds `lowered` (bound, folded by foldCase), as free text compares: `lower`
 * names the SQL function that folds the stored text the same way (lowerSqlFor).
 */
export function containsSql(field: FieldDef, lowered: string, lower: string): string {
  if (field.storage !== 'interned') return `instr(${lower}(${field.column}), ${lowered}) > 0`;
  return `${field.column} IN (SELECT id FROM ${field.dictionary} WHERE instr(${lower}(value), ${lowered}) > 0)`;
}

/** The SQL function that folds a stored text as foldCase folds `typed`: lower() for ASCII text. */
export const lowerSqlFor = (typed: string): string => (isAscii(typed) ? 'lower' : 'vigil_lower');
