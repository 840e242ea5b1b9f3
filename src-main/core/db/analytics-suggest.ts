// Values for the filter bar's autocomplete, read from the rollups (never a scan of sessions),
// most frequent first. Prefix matches use ranges or substr, so no LIKE wildcard can be injected.
import { type FieldDef, type FilterTermDef, TERM_FIELDS } from '../../../src-shared/fields/index.js';
import { isAscii } from '../../../src-shared/filter/case-fold.js';
import type { Db } from './open.js';
import { finishedOnlySql, unfinishedImports } from './visibility.js';

export interface ValueCount {
  value: string;
  sessions: number;
}

const DAY = 86_400_000;
const PREFIX = 'substr(lower(value), 1, length(@prefix)) = lower(@prefix)';

function fromSql(db: Db, sql: string, prefix: string, limit: number): ValueCount[] {
  return db.prepare(sql).all({ prefix, limit, day: DAY }) as ValueCount[];
}

const GROUPED = (table: string, column: string) =>
  `SELECT value, sum(n) AS sessions FROM (SELECT ${column} AS value, sessions AS n FROM ${table} WHERE granularity = @day)
   WHERE value != '' AND ${PREFIX} GROUP BY 1 ORDER BY 2 DESC LIMIT @limit`;

const QUERIES: Record<string, string> = {
  country: GROUPED('rollup_time', 'country'),
  type: GROUPED('rollup_time', 'detection_type'),
  proto: GROUPED('rollup_ports', 'protocol'),
  port: `SELECT CAST(dst_port AS TEXT) AS value, sum(sessions) AS sessions FROM rollup_ports
         WHERE granularity = @day AND dst_port >= 0 AND substr(CAST(dst_port AS TEXT), 1, length(@prefix)) = @prefix
         GROUP BY 1 ORDER BY 2 DESC LIMIT @limit`,
  rule: `SELECT value, sessions FROM rollup_values WHERE field = 'rule' AND ${PREFIX} ORDER BY 2 DESC LIMIT @limit`,
  action: `SELECT value, sessions FROM rollup_values WHERE field = 'action' AND ${PREFIX} ORDER BY 2 DESC LIMIT @limit`,
  label: `SELECT value, sessions FROM rollup_values WHERE field = 'label' AND ${PREFIX} ORDER BY 2 DESC LIMIT @limit`,
  // Titles of the rules with hits, by hits: the hit table is small beside the sessions.
  sigma: `SELECT r.title AS value, count(*) AS sessions FROM rule_hits h JOIN rules r ON r.id = h.rule
          WHERE instr(lower(r.title), lower(@prefix)) > 0 GROUP BY r.title ORDER BY 2 DESC LIMIT @limit`,
  // The primary key (src_ip) serves the prefix range; the busiest sources come first.
  src: `SELECT src_ip AS value, sessions FROM rollup_sources
        WHERE src_ip >= @prefix AND src_ip < @prefix || char(1114111) ORDER BY sessions DESC LIMIT @limit`,
  // No rollup is keyed by destination: the destination index gives distinct values, uncounted.
  dst: `SELECT DISTINCT dst_ip AS value, -1 AS sessions FROM sessions
        WHERE dst_ip >= @prefix AND dst_ip < @prefix || char(1114111) LIMIT @limit`,
};

/**
 * An interned field's dictionary is the list of its values, uncounted: counting would read every
 * session. It cannot tell an import still being written from a finished one, so it may offer a
 * value no finished session has yet. Values are offered as the term matches them: starting with
 * what was typed (its unique index serves the range), in any case (a scan that stops at `limit`),
 * or holding it (`ua:`, the same scan).
 */
function dictionarySql(term: string): string | undefined {
  const field = TERM_FIELDS.find((f) => f.filter.term === term);
  if (field === undefined || (field as FieldDef).storage !== 'interned') return undefined;
  const { dictionary } = field as FieldDef & { dictionary: string };
  const filter: FilterTermDef = field.filter;
  const fits =
    filter.match === 'substring'
      ? 'instr(lower(value), lower(@prefix)) > 0'
      : filter.nocase
        ? PREFIX
        : 'value >= @prefix AND value < @prefix || char(1114111)';
  return `SELECT value, -1 AS sessions FROM ${dictionary} WHERE ${fits} LIMIT @limit`;
}

/** The query that offers `term`'s values (`ip:` offers sources), or undefined for none. */
const valuesSql = (term: string): string | undefined =>
  QUERIES[term === 'ip' ? 'src' : term] ?? dictionarySql(term);

/** Whether the filter bar's values of `term` can be looked up here (filter/suggest.ts LOOKED_UP_TERMS). */
export function looksUpValuesOf(term: string): boolean {
  return valuesSql(term) !== undefined;
}

export function suggestValues(db: Db, field: string, prefix: string, limit: number): ValueCount[] {
  let sql = valuesSql(field);
  // The one suggestion read from sessions: an import still being written offers none of its values.
  const finished = field === 'dst' ? finishedOnlySql(unfinishedImports(db)) : null;
  if (sql && finished) sql = sql.replace('WHERE dst_ip', `WHERE ${finished} AND dst_ip`);
  // lower() folds A-Z only: typed beyond ASCII, both sides are folded as the filter folds them
  // (filter/case-fold.ts), so the list offers the values the term will match.
  if (sql && !isAscii(prefix)) sql = sql.replaceAll('lower(', 'vigil_lower(');
  return sql ? fromSql(db, sql, prefix, limit) : [];
}
