// Free text ("waf") matches a session whose source or destination is that text, or whose rule,
// detection type, action, label, protocol or country contains it (any case). Tested as written,
// that reads every session: 9 s for the Overview's queries at 1 M sessions. But those columns
// hold few distinct values, and the rollups keep every one of them. So a word that can only match
// the values of one column is rewritten as that field's clause over the values it matches
// (`waf` → `type:waf_rule`), which the rollups or the indexes answer. The rows are the same.
import { isIP } from 'node:net';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { type FieldDef, TERM_FIELDS } from '../../../src-shared/fields/index.js';
import { type FilterClause, FilterValue } from '../../../src-shared/filter/clauses.js';
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
function valuesSql(field: FreeTextField): string | undefined {
  const session = TERM_FIELDS.find((f) => f.filter.term === field) as FieldDef;
  if (session.storage === 'interned') return `SELECT value FROM ${session.dictionary}`;
  return VALUES_SQL[field];
}
// A word is rewritten only when every searched field's values can be listed.
const RESOLVABLE = FREE_TEXT_FIELDS.every((field) => valuesSql(field) !== undefined);
const ASCII = /^[\x20-\x7e]+$/;
// A clause holds at most 100 values (FilterClause); a word matching more stays free text.
const MAX_VALUES = 100;

/** The filter with each free-text word that one field can answer rewritten as that field's clause. */
export function resolveFreeText<F extends SessionFilter>(db: Db, filter: F): F {
  if (!RESOLVABLE || !filter.clauses?.some((clause) => clause.field === 'text')) return filter;
  return { ...filter, clauses: filter.clauses.map((clause) => resolveClause(db, clause)) };
}

function resolveClause(db: Db, clause: FilterClause): FilterClause {
  if (clause.field !== 'text' || clause.values.some((v) => v.kind !== 'text')) return clause;
  const text = freeTextOf(clause.values);
  // Words joined by a space may span two columns of the searched text: those stay a scan.
  if (text.length === 0 || text.includes(' ')) return clause;
  const matches = FREE_TEXT_FIELDS.map((field) => ({
    field,
    values: valuesContaining(db, field, text),
  })).filter((match) => match.values.length > 0);
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
  if (values.length > MAX_VALUES || values.some((value) => !FilterValue.safeParse(textValue(value)).success))
    return clause;
  return { field, negate: clause.negate, values: values.map(textValue) };
}

const textValue = (value: string): FilterValue => ({ kind: 'text', value });

/** The column's stored values that contain `text`, compared as the free-text scan compares them. */
function valuesContaining(db: Db, field: FreeTextField, text: string): string[] {
  return db
    .prepare(`SELECT value FROM (${valuesSql(field)}) WHERE instr(lower(value), ?) > 0 ORDER BY value`)
    .pluck()
    .all(text.toLowerCase()) as string[];
}
