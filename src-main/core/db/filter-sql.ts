// Filter-language clauses → SQL over `sessions`. Values always travel as parameters; only column
// names and operators chosen here are spliced into the text.

import {
  CLASS_TERM_FIELDS,
  type ClassTermField,
  type FreeTextTerm,
  TERM_FIELDS,
  type TermField,
} from '../../../src-shared/fields/index.js';
import { foldCase, isAscii } from '../../../src-shared/filter/case-fold.js';
import type { ClauseField, FilterClause, FilterValue } from '../../../src-shared/filter/clauses.js';
import { cidrRange, numberToIpv4 } from '../../../src-shared/filter/ipv4.js';
import { ipv6BlockRange, isIpv6Block } from '../../../src-shared/filter/ipv6-block.js';
import { IPV4_MAPPED_PREFIX } from '../../../src-shared/ip.js';
import { must } from '../../../src-shared/must.js';
import { RULE_LEVELS } from '../../../src-shared/rule-levels.js';
import { exactAddressSql } from './address-sql.js';
import { REQUEST_SQL } from './analytics-web.js';
import { FLAGGED_IDS_SQL } from './detection-set.js';
import { containsSql, likeAnySql, likePattern, lowerSqlFor, readSql, textInSql } from './field-sql.js';
import { classPresenceSql, presenceSql } from './presence-sql.js';

type Params = Record<string, unknown>;

/** Raised for values that do not fit their field (only a hand-made filter can carry them). */
export class FilterUnsupportedError extends Error {}

/** The session field behind each term that is one column (the field table says how it is asked). */
const TERM_FIELD = new Map<ClauseField, TermField>(TERM_FIELDS.map((field) => [field.filter.term, field]));
/** The interned field behind each class term (`uaclass:`): its dictionary holds the class. */
const CLASS_TERM_FIELD = new Map<ClauseField, ClassTermField>(
  CLASS_TERM_FIELDS.map((field) => [field.valueClass.filter.term, field]),
);

class Binder {
  private n = 0;
  constructor(
    readonly params: Params,
    private readonly prefix: string,
  ) {}
  bind(value: unknown): string {
    const name = `${this.prefix}${this.n++}`;
    this.params[name] = value;
    return `@${name}`;
  }
}

/**
 * Block match on a TEXT column. An IPv4 block's whole leading octets become a string range the IP
 * index can seek ("10." ≤ ip < "10/"), and a partial octet is checked as a number; the same block
 * of the IPv4-mapped texts ("::ffff:10." ≤ ip < "::ffff:10/", and in capitals) is a second and
 * third range, which SQLite seeks as well (an OR of index ranges).
 */
function cidrSql(column: string, value: Extract<FilterValue, { kind: 'cidr' }>, b: Binder): string {
  if (isIpv6Block(value)) return ipv6BlockSql(column, value, b);
  // The mapped prefix in capitals too (`::FFFF:`, as ip: takes it): the graph draws it as the quad.
  const heads = ['', IPV4_MAPPED_PREFIX, IPV4_MAPPED_PREFIX.toUpperCase()];
  return `(${heads.map((head) => ipv4BlockSql(column, value, head, b)).join(' OR ')})`;
}

/** The IPv4 block over the texts that are `head` and then a dotted quad. */
function ipv4BlockSql(
  column: string,
  value: Extract<FilterValue, { kind: 'cidr' }>,
  head: string,
  b: Binder,
): string {
  const range = must(cidrRange(value), 'the range of a checked CIDR block');
  const octets = numberToIpv4(range.first).split('.').map(Number);
  const last = numberToIpv4(range.last).split('.').map(Number);
  const whole = Math.floor(value.prefix / 8);
  // The text after the head has no colon: a dotted quad (stored addresses are checked at import).
  const rest = head === '' ? column : `substr(${column}, ${head.length + 1})`;
  const parts = [`instr(${rest}, ':') = 0`];
  let offset = head.length + 1;
  if (whole > 0) {
    const prefix = `${head}${octets.slice(0, whole).join('.')}.`;
    parts.push(`${column} >= ${b.bind(prefix)}`, `${column} < ${b.bind(`${prefix.slice(0, -1)}/`)}`);
    offset = prefix.length + 1;
  } else {
    parts.push(`instr(${column}, '.') > 0`);
    // ';' follows ':' in text order: every text that starts with the head.
    if (head !== '')
      parts.push(`${column} >= ${b.bind(head)}`, `${column} < ${b.bind(`${head.slice(0, -1)};`)}`);
  }
  if (value.prefix % 8 !== 0) {
    const octet = `CAST(substr(${column}, ${offset}, instr(substr(${column}, ${offset}) || '.', '.') - 1) AS INTEGER)`;
    parts.push(`${octet} BETWEEN ${b.bind(octets[whole])} AND ${b.bind(last[whole])}`);
  }
  return `(${parts.join(' AND ')})`;
}

/**
 * IPv6 block match: each IPv6 text's number (vigil_ipv6_hex, db/sql-functions.ts) within the
 * block's range; IPv4 texts are skipped before the function runs.
 */
function ipv6BlockSql(column: string, value: Extract<FilterValue, { kind: 'cidr' }>, b: Binder): string {
  const range = must(ipv6BlockRange(value), 'the range of a checked IPv6 block');
  return `(instr(${column}, ':') > 0 AND vigil_ipv6_hex(${column}) BETWEEN ${b.bind(range.first)} AND ${b.bind(range.last)})`;
}

/** SQL that holds when any of `parts` does: a single part as it is. */
function anyOf(parts: string[]): string {
  const [only, ...more] = parts;
  return only !== undefined && more.length === 0 ? only : `(${parts.join(' OR ')})`;
}

function ipSql(column: string, values: FilterValue[], b: Binder): string {
  // An exact address in any text form (address-sql.ts), as the graph draws its node.
  const bind = (value: unknown) => b.bind(value);
  return anyOf(
    values.flatMap((v) =>
      v.kind === 'cidr'
        ? [cidrSql(column, v, b)]
        : v.kind === 'ip'
          ? [exactAddressSql(column, v.value, bind)]
          : [],
    ),
  );
}

function numberSql(column: string, values: FilterValue[], b: Binder): string {
  const parts = values.map((v) => {
    if (v.kind === 'range') return `${column} BETWEEN ${b.bind(v.min)} AND ${b.bind(v.max)}`;
    if (v.kind === 'cmp') return `${column} ${v.op} ${b.bind(v.value)}`;
    throw new FilterUnsupportedError(`A number is needed here, not ${v.kind}`);
  });
  return anyOf(parts);
}

function textSql(field: TermField, values: FilterValue[], b: Binder): string {
  for (const v of values)
    if (v.kind !== 'text' && v.kind !== 'exact')
      throw new FilterUnsupportedError(`Text is needed here, not ${v.kind}`);
  const bind = (value: unknown) => b.bind(value);
  // Names analysts type in any case (the table's `nocase`); others are matched exactly as stored.
  const nocase = 'nocase' in field.filter && field.filter.nocase;
  if (!('match' in field.filter)) return textInSql(field, values.map(textOf), nocase, bind);
  // A path, a query or a user agent is matched by a pattern (its start, or any part, in any case),
  // or, written `=…`, as a whole value in any case.
  const { match } = field.filter;
  const patterns = values.flatMap((v) => (v.kind === 'text' ? [likePattern(v.value, match)] : []));
  const exact = values.flatMap((v) => (v.kind === 'exact' ? [v.value] : []));
  return anyOf([
    ...(patterns.length ? [likeAnySql(field, patterns, bind)] : []),
    ...(exact.length ? [textInSql(field, exact, nocase, bind)] : []),
  ]);
}

/** The text of a text or exact value (a hand-made filter may carry another kind: it matches nothing). */
const textOf = (v: FilterValue): string => (v.kind === 'text' || v.kind === 'exact' ? v.value : '');

/** The fields whose values free text searches, in their order (FilterTermDef.freeText). */
const FREE_TEXT = TERM_FIELDS.flatMap((field) =>
  'freeText' in field.filter ? [{ field, place: field.filter.freeText }] : [],
).sort((a, b) => a.place - b.place);
/** Their terms (db/free-text.ts resolves a word against their values). */
export const FREE_TEXT_FIELDS = FREE_TEXT.map(({ field }) => field.filter.term as FreeTextTerm);
export type FreeTextField = FreeTextTerm;
// The short descriptive columns are searched joined, so a phrase may span two of them; a pattern
// field (a path, a query, a user agent) is searched on its own, an interned one in its dictionary.
const JOINED_COLUMNS = FREE_TEXT.flatMap(({ field }) => ('match' in field.filter ? [] : [readSql(field)]));
const ON_ITS_OWN = FREE_TEXT.flatMap(({ field }) => ('match' in field.filter ? [field] : []));

/** The text a free-text clause searches for: its words joined by spaces. */
export function freeTextOf(values: readonly FilterValue[]): string {
  return values.map((v) => (v.kind === 'text' ? v.value : '')).join(' ');
}

/** Free text: an exact endpoint, or a case-insensitive substring of the descriptive fields. */
function freeTextSql(values: FilterValue[], b: Binder): string {
  const text = freeTextOf(values);
  const haystack = JOINED_COLUMNS.map((c) => `coalesce(${c}, '')`).join(" || ' ' || ");
  // An address in each text form the ip: term finds it in (address-sql.ts), as the rewrite to ip:
  // (free-text.ts) and a ClickHouse source find it; any other text as itself.
  const is = (column: string) => exactAddressSql(column, text, (value) => b.bind(value));
  // Both sides folded alike: the text typed, beyond ASCII too, is found as stored (case-fold.ts).
  const lowered = b.bind(foldCase(text));
  const lower = lowerSqlFor(text);
  const own = ON_ITS_OWN.map((field) => ` OR ${containsSql(field, lowered, lower)}`).join('');
  return `(${is('src_ip')} OR ${is('dst_ip')} OR instr(${lower}(${haystack}), ${lowered}) > 0${own})`;
}

function scoreSql(values: FilterValue[], b: Binder): string {
  // A session matches when a score of any active model run (one per model kind) satisfies it.
  return `id IN (SELECT session_id FROM scores WHERE run_id IN (SELECT id FROM model_runs WHERE active = 1)
    AND ${numberSql('score', values, b)})`;
}

/**
 * sigma: a session with a hit of a rule whose title holds the text (any case, `*` any run of
 * characters, so `sigma:*` is any hit) or whose id is it; a number is also a Suricata signature
 * id (its rules are named gid:sid:rev). The rules are few: their ids are found first, then the hits
 * by `rule_hits_by_rule`.
 */
function sigmaSql(values: FilterValue[], b: Binder): string {
  const tests = values.map((v) => {
    const text = textOf(v);
    // NOCASE and LIKE fold A-Z only: a title with another letter is compared folded (case-fold.ts).
    const ascii = isAscii(text);
    const title = ascii ? 'title' : 'vigil_lower(title)';
    const typed = ascii ? text : foldCase(text);
    const titleTest =
      v.kind === 'exact'
        ? `${title} = ${b.bind(typed)}${ascii ? ' COLLATE NOCASE' : ''}`
        : `${title} LIKE ${b.bind(likePattern(typed, 'substring'))} ESCAPE '\\'`;
    const sid = /^\d+$/.test(text) ? ` OR rule_id LIKE ${b.bind(`%:${text}:%`)}` : '';
    // A Sigma id is a UUID, which reads the same in any case (RFC 9562): one typed in capitals is it.
    return `${titleTest} OR rule_id = ${b.bind(text)} COLLATE NOCASE${sid}`;
  });
  return `id IN (SELECT session_id FROM rule_hits WHERE rule IN (SELECT id FROM rules WHERE ${tests.join(' OR ')}))`;
}

/** level: a session with a hit at one of the levels (stored as their index; `rule_hits_by_level`). */
function levelSql(values: FilterValue[]): string {
  const levels = values.map((v) =>
    (RULE_LEVELS as readonly string[]).indexOf(v.kind === 'text' ? v.value : ''),
  );
  if (levels.some((level) => level < 0))
    throw new FilterUnsupportedError(`level: one of ${RULE_LEVELS.join(', ')}`);
  return `id IN (SELECT session_id FROM rule_hits WHERE level IN (${levels.join(', ')}))`;
}

/**
 * kind: a session flagged as one of the kinds by an active threat-type run (the flags of a run
 * carry their kind; `scores_run_kind` finds them per run and kind).
 */
function kindSql(values: FilterValue[], b: Binder): string {
  const kinds = values.map((v) => b.bind(v.kind === 'text' ? v.value.toLowerCase() : ''));
  return `id IN (SELECT session_id FROM scores WHERE run_id IN
    (SELECT id FROM model_runs WHERE active = 1 AND target = 'type') AND predicted_kind IN (${kinds.join(', ')}))`;
}

/** flagged:yes / flagged:no: in the detection set's flags or not (db/detection-set.ts). */
function flaggedSql(values: FilterValue[]): string {
  const wanted = new Set(values.map((v) => (v.kind === 'text' ? v.value : '')));
  if (wanted.has('yes') && wanted.has('no')) return '1';
  return `id ${wanted.has('yes') ? '' : 'NOT '}IN (${FLAGGED_IDS_SQL})`;
}

/**
 * uaclass: a session whose value's class (stored in the dictionary) is one of these: the few ids
 * of that class, then an id comparison per session. The missing class (`empty`) also takes the
 * requests that have no value at all; a session that is not a request has no class.
 */
function classSql(field: ClassTermField, values: FilterValue[], b: Binder): string {
  const { column: classColumn, missing } = field.valueClass;
  const classes = values.map((v) => (v.kind === 'text' ? v.value : ''));
  const parts = [
    `${field.column} IN (SELECT id FROM ${field.dictionary} WHERE ${classColumn} IN (${classes.map((c) => b.bind(c)).join(', ')}))`,
  ];
  if (classes.includes(missing)) parts.push(`${field.column} IS NULL`);
  // Only a web request has a class (uaclass:* is REQUEST_SQL, presence-sql.ts): a line with a user
  // agent but no request is in no class, as the Overview's user-agent bars leave it out.
  return `(${anyOf(parts)} AND ${REQUEST_SQL})`;
}

/** verdict:none is "no verdict yet"; the others match the session's current verdict (triage). */
function verdictSql(values: FilterValue[], b: Binder): string {
  const names = values.map((v) => (v.kind === 'text' ? v.value : ''));
  const given = names.filter((name) => name !== 'none');
  const parts = names.includes('none') ? ['id NOT IN (SELECT session_id FROM verdicts)'] : [];
  if (given.length)
    parts.push(
      `id IN (SELECT session_id FROM verdicts WHERE verdict IN (${given.map((v) => b.bind(v)).join(', ')}))`,
    );
  return anyOf(parts);
}

/** `field:*`: the field has a value. The parser refuses `*` on other terms (presence.ts). */
function presenceOf(field: ClauseField): string {
  const classed = CLASS_TERM_FIELD.get(field);
  if (classed) return classPresenceSql(classed);
  const session = TERM_FIELD.get(field);
  if (!session) throw new FilterUnsupportedError(`${field}:* is not a term`);
  return presenceSql(session);
}

function clauseSql(clause: FilterClause, b: Binder): string {
  const { field, values } = clause;
  if (values.some((v) => v.kind === 'any')) return presenceOf(field);
  if (field === 'verdict') return verdictSql(values, b);
  if (field === 'flagged') return flaggedSql(values);
  if (field === 'text') return freeTextSql(values, b);
  if (field === 'score') return scoreSql(values, b);
  if (field === 'kind') return kindSql(values, b);
  if (field === 'sigma') return sigmaSql(values, b);
  if (field === 'level') return levelSql(values);
  if (field === 'ip') return `(${ipSql('src_ip', values, b)} OR ${ipSql('dst_ip', values, b)})`;
  const classed = CLASS_TERM_FIELD.get(field);
  if (classed) return classSql(classed, values, b);
  const session = must(TERM_FIELD.get(field), `the field of filter term ${field}`);
  if (session.filter.kind === 'ip') return ipSql(readSql(session), values, b);
  if (values[0]?.kind === 'cmp' || values[0]?.kind === 'range') return numberSql(readSql(session), values, b);
  return textSql(session, values, b);
}

/** One SQL condition per clause (to be AND-ed); parameters are added to `params`. */
export function clausesToSql(clauses: readonly FilterClause[], params: Params, prefix = 'f'): string[] {
  const b = new Binder(params, prefix);
  return clauses.map((clause) => {
    const sql = clauseSql(clause, b);
    // "IS NOT 1" keeps rows whose column is NULL: -country:US includes sessions with no country.
    return clause.negate ? `(${sql}) IS NOT 1` : sql;
  });
}
