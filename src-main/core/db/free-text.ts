// Free text ("waf") matches a session whose source or destination is that text, or whose rule,
// detection type, action, label, protocol, country, path, query or user agent contains it (any
// case). Tested as written, that reads every session: 9 s for the Overview's queries at 1 M
// sessions. But the short columns hold few distinct values, and the rollups keep every one of
// them; an interned field's dictionary lists its own. So a word that can only match the values of
// one field is rewritten as that field's clause (`waf` → `type:waf_rule`, `sqlmap` → `ua:sqlmap`),
// which the rollups, the indexes or the dictionary answer. The rows are the same. Queries are
// listed nowhere: where any session has one, a word stays a scan.
import { isIP } from 'node:net';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { type FieldDef, TERM_FIELDS, type TermField } from '../../../src-shared/fields/index.js';
import { foldCase } from '../../../src-shared/filter/case-fold.js';
import { type FilterClause, FilterValue } from '../../../src-shared/filter/clauses.js';
import { lowerSqlFor } from './field-sql.js';
import { FREE_TEXT_FIELDS, type FreeTextField, freeTextOf } from './filter-sql.js';
import type { Db } from './open.js';

// Every value each searched column holds, from the rollups kept with the sessions. A missing value
// is stored there as '' (or not at all), which no word contains. An interned field's dictionary
// holds every value it stored (a few more once an import is rolled back: they match no session).
const DAY = 86_400_000;
const VALUES_SQL: Partial<Record<FreeTextField, string>> = {
  rule: `SELECT value FROM rollup_values WHERE field = 'rule'`,
  action: `SELECT value FROM rollup_values WHERE field = 'action'`,
  label: `SELECT value FROM rollup_values WHERE field = 'label'`,
  type: `SELECT DISTINCT detection_type AS value FROM rollup_time WHERE granularity = ${DAY}`,
  country: `SELECT DISTINCT country AS value FROM rollup_time WHERE granularity = ${DAY}`,
  proto: `SELECT DISTINCT protocol AS value FROM rollup_ports WHERE granularity = 0`,
};
const fieldOf = (term: FreeTextField) => TERM_FIELDS.find((f) => f.filter.term === term) as TermField;
function valuesSql(field: FreeTextField): string | undefined {
  const session = fieldOf(field) as FieldDef;
  if (session.storage === 'interned') return `SELECT value FROM ${session.dictionary}`;
  return VALUES_SQL[field];
}
// Fields whose values are listed nowhere: a word is rewritten only while none of them holds any
// value. Each needs an index that finds a session holding one without a scan (a query:
// sessions_with_query, migration 016).
const UNLISTED = FREE_TEXT_FIELDS.filter((field) => valuesSql(field) === undefined).map(
  (field) => `SELECT 1 FROM sessions WHERE ${(fieldOf(field) as FieldDef).column} IS NOT NULL`,
);
/** 1 when a field whose values are listed nowhere holds one in any session. */
export const ANY_UNLISTED_SQL =
  UNLISTED.length === 0 ? null : `SELECT EXISTS (${UNLISTED.join(' UNION ALL ')})`;
const ASCII = /^[\x20-\x7e]+$/;
// A clause holds at most 100 values (FilterClause); a word matching more stays free text.
const MAX_VALUES = 100;

/** The filter with each free-text word that one field can answer rewritten as that field's clause. */
export function resolveFreeText<F extends SessionFilter>(db: Db, filter: F): F {
  if (!filter.clauses?.some((clause) => clause.field === 'text')) return filter;
  if (ANY_UNLISTED_SQL !== null && db.prepare(ANY_UNLISTED_SQL).pluck().get() === 1) return filter;
  return { ...filter, clauses: filter.clauses.map((clause) => resolveClause(db, clause)) };
}

function resolveClause(db: Db, clause: FilterClause): FilterClause {
  if (clause.field !== 'text' || clause.values.some((v) => v.kind !== 'text')) return clause;
  const text = freeTextOf(clause.values);
  // Words joined by a space may span two columns of the searched text: those stay a scan.
  if (text.length === 0 || text.includes(' ')) return clause;
  // Per field that holds the word: the values that do (null: a pattern field, asked by the word).
  const matches = FREE_TEXT_FIELDS.flatMap((field) => {
    const listed = valuesSql(field);
    if (listed === undefined) return []; // none stored (resolveFreeText)
    if ('match' in fieldOf(field).filter)
      return holdsAny(db, listed, text) ? [{ field, values: null as string[] | null }] : [];
    const values = valuesContaining(listed, db, text);
    return values.length > 0 ? [{ field, values }] : [];
  });
  // Stored endpoints all passed isIP at import: any other text cannot be one of them.
  const mayBeEndpoint = isIP(text) !== 0;
  if (mayBeEndpoint) {
    const ip: FilterValue = { kind: 'ip', value: text };
    if (matches.length > 0 || !FilterValue.safeParse(ip).success) return clause;
    return { field: 'ip', negate: clause.negate, values: [ip] };
  }
  if (matches.length > 1) return clause;
  if (matches.length === 0) {
    // Matches nothing, and so does `type:<text>`: a detection type equal to the text would contain
    // it. (SQLite's lower() folds ASCII only, so that holds for ASCII text.)
    if (!ASCII.test(text)) return clause;
    return { field: 'type', negate: clause.negate, values: [textValue(text)] };
  }
  const [{ field, values }] = matches as [(typeof matches)[number]];
  if (values === null) return asPattern(clause, field, text);
  if (values.length > MAX_VALUES || values.some((value) => !FilterValue.safeParse(textValue(value)).success))
    return clause;
  return { field, negate: clause.negate, values: values.map(textValue) };
}

const textValue = (value: string): FilterValue => ({ kind: 'text', value });

/**
 * A word only a pattern field holds, asked as that field: `ua:word` matches any part, `path:*word`
 * the start after any run, each in any case, as free text does for ASCII text (LIKE and SQLite's
 * lower() fold ASCII letters only, the word is lowered in JavaScript). A `*` would be a wildcard
 * in every pattern term (`path:`, `ua:`), where free text takes it as itself: such a word stays
 * free text.
 */
function asPattern(clause: FilterClause, field: FreeTextField, text: string): FilterClause {
  const { match } = fieldOf(field).filter as { match: 'prefix' | 'substring' };
  if (!ASCII.test(text) || text.includes('*')) return clause;
  const value = textValue(match === 'prefix' ? `*${text}` : text);
  if (!FilterValue.safeParse(value).success) return clause;
  return { field, negate: clause.negate, values: [value] };
}

/** The stored values (listed by `listed`) that contain `text`, compared as the free-text scan compares them. */
function valuesContaining(listed: string, db: Db, text: string): string[] {
  return db
    .prepare(`SELECT value FROM (${listed}) WHERE instr(${lowerSqlFor(text)}(value), ?) > 0 ORDER BY value`)
    .pluck()
    .all(foldCase(text)) as string[];
}

/** Whether any stored value (listed by `listed`) contains `text`: the scan stops at the first. */
function holdsAny(db: Db, listed: string, text: string): boolean {
  return (
    db
      .prepare(`SELECT EXISTS (SELECT 1 FROM (${listed}) WHERE instr(${lowerSqlFor(text)}(value), ?) > 0)`)
      .pluck()
      .get(foldCase(text)) === 1
  );
}
