// The filter language's clauses (src-shared/filter) compiled to ClickHouse SQL over a source's
// mapped expressions: the same clause tree db/filter-sql.ts compiles for SQLite, with the same
// meaning, so a filter selects the same sessions on the engine as on the rows pulled from it.
// Literals go through literal.ts (ClickHouse 18.16 has no query parameters).
import type { SessionFilter } from '../../../../src-shared/domain.js';
import {
  CLASS_TERM_FIELDS,
  type ClassTermField,
  TERM_FIELDS,
  type TermField,
} from '../../../../src-shared/fields/index.js';
import { foldCase, isAscii } from '../../../../src-shared/filter/case-fold.js';
import type { ClauseField, FilterClause, FilterValue } from '../../../../src-shared/filter/clauses.js';
import { cidrRange } from '../../../../src-shared/filter/ipv4.js';
import { ipv6BlockRange, isIpv6Block } from '../../../../src-shared/filter/ipv6-block.js';
import { isWorkspaceOnlyTerm, workspaceOnlyTermOf } from '../../../../src-shared/filter/workspace-only.js';
import { addressTexts, ipv6Hex, ipv6LeadTexts, ipv6ToBigInt } from '../../../../src-shared/ip.js';
import { must } from '../../../../src-shared/must.js';
import { workspaceOnlyTermError } from '../../../../src-shared/refusal.js';
import type { SourceMapping } from '../../../../src-shared/sources.js';
import { UNMATCHED, USER_AGENT_TESTS } from '../../../../src-shared/user-agent-class.js';
import { ipv4NumberSql, ipv6BytesSql, isDottedQuadSql, isIpv6Sql, unmappedSql } from './address-patterns.js';
import { sqlNumber, sqlString } from './literal.js';
import { fieldExpr, storedFieldExpr } from './mapping.js';
import { presenceSql, requestSql } from './presence-sql.js';

const TERM_FIELD = new Map<ClauseField, TermField>(TERM_FIELDS.map((field) => [field.filter.term, field]));
const CLASS_TERM_FIELD = new Map<ClauseField, ClassTermField>(
  CLASS_TERM_FIELDS.map((field) => [field.valueClass.filter.term, field]),
);

/** SQLite's NOCASE and LIKE fold ASCII letters only; so do ClickHouse's lower() and this. */
export const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * How `typed` and the row's text are both lowered, as the workspace does (case-fold.ts): an ASCII
 * value with lower(), A-Z; another with lowerUTF8(), beyond ASCII too (É → é).
 */
function folding(typed: string | string[]): { lower: string; fold: (text: string) => string } {
  const texts = typeof typed === 'string' ? [typed] : typed;
  return texts.every(isAscii) ? { lower: 'lower', fold: asciiLower } : { lower: 'lowerUTF8', fold: foldCase };
}

const anyOf = (parts: string[]) => (parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`);

/**
 * An IPv4 block: each dotted quad's number within the block's, an IPv4-mapped text's included.
 * An IPv6 block: each IPv6 text's 16 bytes within the block's (FixedString compares bytewise, so
 * in numeric order). Only texts of the family's form are parsed (address-patterns.ts).
 */
function cidrSql(expr: string, value: Extract<FilterValue, { kind: 'cidr' }>): string {
  if (isIpv6Block(value)) {
    const range = must(ipv6BlockRange(value), 'the range of a checked IPv6 block');
    return `(${isIpv6Sql(expr)} AND ${ipv6BytesSql(expr)} BETWEEN unhex(${sqlString(range.first)}) AND unhex(${sqlString(range.last)}))`;
  }
  const range = must(cidrRange(value), 'the range of a checked CIDR block');
  const quad = unmappedSql(expr);
  return `(${isDottedQuadSql(quad)} AND ${ipv4NumberSql(quad)} BETWEEN ${sqlNumber(range.first)} AND ${sqlNumber(range.last)})`;
}

/**
 * An IPv6 address written with leading zeros on some groups only (`2001:0db8:0:3::5`): as in the
 * workspace (db/address-sql.ts), a text that starts with one of the address's first-group
 * spellings and is the same 16 bytes. Empty where the listed texts are every form.
 */
function spelledIpv6Sql(expr: string, address: string): string[] {
  const leads = ipv6LeadTexts(address);
  if (leads.length === 0) return [];
  const starts = leads.map((lead) => `${expr} LIKE ${sqlString(prefixPattern(lead))}`);
  const bytes = `unhex(${sqlString(ipv6Hex(ipv6ToBigInt(address)))})`;
  return [`(${anyOf(starts)} AND ${isIpv6Sql(expr)} AND ${ipv6BytesSql(expr)} = ${bytes})`];
}

/** `expr`: the address as stored (storedFieldExpr): no address test matches '' or '-'. */
function ipSql(expr: string, values: FilterValue[]): string {
  const exact = values.flatMap((v) => (v.kind === 'ip' ? addressTexts(v.value) : []));
  const parts = values.flatMap((v) =>
    v.kind === 'cidr' ? [cidrSql(expr, v)] : v.kind === 'ip' ? spelledIpv6Sql(expr, v.value) : [],
  );
  if (exact.length === 1) parts.unshift(`${expr} = ${sqlString(exact[0] as string)}`);
  if (exact.length > 1) parts.unshift(`${expr} IN (${exact.map(sqlString).join(', ')})`);
  return anyOf(parts);
}

function numberSql(expr: string, values: FilterValue[]): string {
  return anyOf(
    values.map((v) => {
      if (v.kind === 'range') return `${expr} BETWEEN ${sqlNumber(v.min)} AND ${sqlNumber(v.max)}`;
      if (v.kind === 'cmp') return `${expr} ${v.op === '=' ? '=' : v.op} ${sqlNumber(v.value)}`;
      throw new Error(`A number is needed here, not ${v.kind}`);
    }),
  );
}

/** The LIKE pattern of a typed prefix (`*` any run), with LIKE's own characters escaped. */
export function prefixPattern(typed: string): string {
  return `${typed.replace(/[\\%_]/g, (ch) => `\\${ch}`).replaceAll('*', '%')}%`;
}

/** The LIKE pattern of a typed part of a value (`*` any run), as the local filter reads it. */
export function substringPattern(typed: string): string {
  return `%${prefixPattern(typed)}`;
}

function textSql(field: TermField, expr: string, values: FilterValue[]): string {
  const texts = values.map((v) => {
    if (v.kind !== 'text' && v.kind !== 'exact') throw new Error(`Text is needed here, not ${v.kind}`);
    return { text: v.value, exact: v.kind === 'exact' };
  });
  if ('match' in field.filter) {
    const { match } = field.filter;
    // An exact value (`path:=/login`) is the whole value in any case, as the field's `nocase` asks.
    return anyOf(
      texts.map(({ text, exact }) => {
        const { lower, fold } = folding(text);
        const lowered = `${lower}(${expr})`;
        return exact
          ? `${lowered} = ${sqlString(fold(text))}`
          : match === 'prefix'
            ? `${lowered} LIKE ${sqlString(fold(prefixPattern(text)))}`
            : text.includes('*')
              ? `${lowered} LIKE ${sqlString(fold(substringPattern(text)))}`
              : `position(${lowered}, ${sqlString(fold(text))}) > 0`;
      }),
    );
  }
  const nocase = 'nocase' in field.filter && field.filter.nocase;
  const { lower, fold } = folding(texts.map(({ text }) => text));
  const target = nocase ? `${lower}(${expr})` : expr;
  const literals = texts.map(({ text }) => sqlString(nocase ? fold(text) : text));
  return literals.length === 1 ? `${target} = ${literals[0]}` : `${target} IN (${literals.join(', ')})`;
}

const FREE_TEXT = TERM_FIELDS.flatMap((field) =>
  'freeText' in field.filter ? [{ field, place: field.filter.freeText }] : [],
).sort((a, b) => a.place - b.place);

/** Free text as db/filter-sql.ts reads it: an endpoint, or part of the descriptive fields. */
function freeTextSql(mapping: SourceMapping, values: FilterValue[]): string {
  const text = values.map((v) => (v.kind === 'text' ? v.value : '')).join(' ');
  const { lower, fold } = folding(text);
  const lowered = sqlString(fold(text));
  const joined = FREE_TEXT.filter(({ field }) => !('match' in field.filter))
    .map(({ field }) => `ifNull(toString(${fieldExpr(mapping, field.name)}), '')`)
    .join(", ' ', ");
  const own = FREE_TEXT.filter(({ field }) => 'match' in field.filter).map(
    ({ field }) => ` OR position(${lower}(${textTermExpr(mapping, field.name, values)}), ${lowered}) > 0`,
  );
  // An address in each text form the ip: term finds it in, as the workspace does.
  const endpoint = (name: string) => ipSql(storedFieldExpr(mapping, name), [{ kind: 'ip', value: text }]);
  return `(${endpoint('srcIp')} OR ${endpoint('dstIp')} OR position(${lower}(concat(${joined})), ${lowered}) > 0${own.join('')})`;
}

/**
 * The user agent's class computed by the engine, with the patterns src-shared/user-agent-class.ts
 * asks (RE2 reads them as JavaScript does; `(?i)` for the case-insensitive ones). A remote table
 * has no dictionary holding the class, so it is worked out per row. Trimming is of ASCII spaces
 * only (JavaScript's trim also takes Unicode ones): a value made of those alone is `tool` here.
 */
export function userAgentClassExpr(expr: string): string {
  const text = `replaceRegexpAll(${expr}, ${sqlString('^\\s+|\\s+$')}, '')`;
  const tests = USER_AGENT_TESTS.flatMap(({ pattern, userAgentClass }) => [
    `match(${text}, ${sqlString(`${pattern.flags.includes('i') ? '(?i)' : ''}${pattern.source}`)})`,
    sqlString(userAgentClass),
  ]);
  return `multiIf(isNull(${expr}) OR ${text} IN ('', '-'), 'empty', ${tests.join(', ')}, ${sqlString(UNMATCHED)})`;
}

/**
 * uaclass: the class of the row's user agent is one of these (computed, see userAgentClassExpr).
 * As in the local workspace, only a request (a method or a path) has a class, `empty` when it has
 * no user agent; a row that is no request has none, whatever agent it holds (uaclass:* is
 * requestSql, and the user-agent bars count requests).
 */
function classSql(mapping: SourceMapping, field: ClassTermField, values: FilterValue[]): string {
  const term = field.valueClass.filter.term;
  if (field.name !== 'userAgent') throw new Error(`${term}: is known only in the local workspace.`);
  const agent = fieldExpr(mapping, field.name);
  const classes = values.map((v) => sqlString(v.kind === 'text' ? v.value : ''));
  const request = requestSql(fieldExpr(mapping, 'method'), fieldExpr(mapping, 'path'));
  return `(${userAgentClassExpr(agent)} IN (${classes.join(', ')}) AND ${request})`;
}

/** The field's value on the source, as a term reads it (a duration is worked out from the times). */
/**
 * Whether a typed text value could match a text the import stores as missing ('' or '-'): only a
 * value made of nothing but `*` and `-` can (as a prefix, a part or the whole value). Any other
 * needs a character neither missing text has.
 */
const mayMatchMissing = (typed: string) => /^[*-]*$/.test(typed);

/**
 * A text term's expression: as stored when no value of the clause can match a missing text, so a
 * match is false on '' and '-' as on fieldExpr's NULL (and its negation true on both, as on NULL
 * once filterConditions wraps it in ifNull); fieldExpr's otherwise.
 */
function textTermExpr(mapping: SourceMapping, field: string, values: FilterValue[]): string {
  const missingMatches = values.some(
    (v) => (v.kind === 'text' || v.kind === 'exact') && mayMatchMissing(v.value),
  );
  return missingMatches ? fieldExpr(mapping, field) : storedFieldExpr(mapping, field);
}

function termExpr(mapping: SourceMapping, session: TermField): string {
  return session.name === 'durationMs'
    ? `(${fieldExpr(mapping, 'endTs')} - ${fieldExpr(mapping, 'startTs')})`
    : fieldExpr(mapping, session.name);
}

/** `field:*`: the field has a value. The parser refuses `*` on other terms (presence.ts). */
function presenceOf(mapping: SourceMapping, field: ClauseField): string {
  if (CLASS_TERM_FIELD.has(field))
    return requestSql(fieldExpr(mapping, 'method'), fieldExpr(mapping, 'path'));
  const session = TERM_FIELD.get(field);
  if (!session) throw new Error(`${field}:* is not a term`);
  return presenceSql(termExpr(mapping, session));
}

function clauseSql(mapping: SourceMapping, clause: FilterClause): string {
  const { field, values } = clause;
  if (isWorkspaceOnlyTerm(field)) throw workspaceOnlyTermError(field);
  if (field === 'text') return freeTextSql(mapping, values);
  if (values.some((v) => v.kind === 'any')) return presenceOf(mapping, field);
  if (field === 'ip')
    return `(${ipSql(storedFieldExpr(mapping, 'srcIp'), values)} OR ${ipSql(storedFieldExpr(mapping, 'dstIp'), values)})`;
  const classed = CLASS_TERM_FIELD.get(field);
  if (classed) return classSql(mapping, classed, values);
  const session = must(TERM_FIELD.get(field), `the field of filter term ${field}`);
  const expr = termExpr(mapping, session);
  if (session.filter.kind === 'ip') return ipSql(storedFieldExpr(mapping, session.name), values);
  if (values[0]?.kind === 'cmp' || values[0]?.kind === 'range') return numberSql(expr, values);
  return textSql(
    session,
    session.type === 'text' ? textTermExpr(mapping, session.name, values) : expr,
    values,
  );
}

/**
 * Throws the refusal of a filter's first term only the local workspace knows (score:, sigma: …):
 * asked of a source, such a filter is refused before the engine is asked or a pull starts.
 */
export function refuseWorkspaceOnlyTerms(filter: SessionFilter): void {
  const term = workspaceOnlyTermOf(filter.clauses);
  if (term !== null) throw workspaceOnlyTermError(term);
}

/**
 * The WHERE conditions (AND-ed) of a filter over the source. A missing value (NULL) never matches
 * a clause and always matches its negation, as in the local workspace.
 */
export function filterConditions(mapping: SourceMapping, filter: SessionFilter): string[] {
  if (filter.importId !== undefined) throw new Error('A remote source has no imports to filter by.');
  const parts: string[] = [];
  const start = fieldExpr(mapping, 'startTs');
  if (filter.from !== undefined) parts.push(`${start} >= ${sqlNumber(filter.from)}`);
  if (filter.to !== undefined) parts.push(`${start} < ${sqlNumber(filter.to)}`);
  const equal = (field: string, value: string | number | undefined) => {
    if (value === undefined) return;
    const literal = typeof value === 'number' ? sqlNumber(value) : sqlString(value);
    parts.push(`ifNull(${fieldExpr(mapping, field)} = ${literal}, 0)`);
  };
  equal('srcIp', filter.srcIp);
  equal('dstIp', filter.dstIp);
  equal('country', filter.country);
  equal('detectionType', filter.detectionType);
  equal('dstPort', filter.dstPort);
  for (const clause of filter.clauses ?? []) {
    const sql = `ifNull(${clauseSql(mapping, clause)}, 0)`;
    parts.push(clause.negate ? `NOT ${sql}` : sql);
  }
  return parts;
}

/** `WHERE …` for a filter ('' when it selects every row). */
export function whereSql(mapping: SourceMapping, filter: SessionFilter): string {
  const parts = filterConditions(mapping, filter);
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}
