// Presence terms (`type:*`, src-shared/filter/presence.ts) in SQLite: the field has a value. The
// caller negates it as any clause (`IS NOT 1`), so a missing value (NULL) is "has none". A text
// stored empty counts as none too: the Overview groups NULL and '' as one "(unknown)" / "(no type)"
// (analytics-source.ts coalesces them), and the rollups store both as '', so the term must as well.
import type { ClassTermField, FieldDef } from '../../../src-shared/fields/index.js';
import { REQUEST_SQL } from './analytics-web.js';

/** The field of a one-column term has a value (usable on the rollups too: same column names). */
export function presenceSql(field: FieldDef): string {
  // An interned field: the ids whose text is not empty (the dictionary is small, the test an id's).
  if (field.storage === 'interned')
    return `${field.column} IN (SELECT id FROM ${field.dictionary} WHERE value <> '')`;
  if (field.type !== 'text') return `${field.column} IS NOT NULL`;
  return `${field.column} <> ''`;
}

/**
 * A class term (`uaclass:*`) holds for every web request: a request without a user agent is of
 * the class `empty`, and a session that is no request has no class (filter-sql.ts classSql). So
 * `uaclass:*` is the web-request panels' own definition, REQUEST_SQL, and a pivot from them adds it.
 */
export function classPresenceSql(_field: ClassTermField): string {
  return REQUEST_SQL;
}
