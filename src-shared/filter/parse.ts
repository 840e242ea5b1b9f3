// Filter text → clauses. `src:1.2.3.4 dst:10.0.0.0/8 country:US,CA port:443 score:>=0.8
// rule:"Suspicious Web Traffic" verdict:none -type:scan free text`: terms AND, commas OR.

import { isIPv6 } from '../ip.js';
import { RULE_LEVELS } from '../rule-levels.js';
import type { FilterClause, FilterValue } from './clauses.js';
import { type FilterError, FilterSyntaxError } from './errors.js';
import {
  equalsMeansWhole,
  FIELD_NAMES,
  type FieldSpec,
  type FilterField,
  FLAG_VALUES,
  fieldSpec,
  fixedValues,
  termNamed,
  VERDICTS,
} from './fields.js';
import { cidrRange, ipv4ToNumber, looksLikeIpv6 } from './ipv4.js';
import { presenceClause, presenceRefusal, starIsPattern } from './presence.js';
import { type Item, scanTerms, type Term } from './scan.js';

export const MAX_FILTER_LENGTH = 2000;
/** The longest value a term takes (clauses.ts holds the API to the same). */
export const MAX_VALUE_LENGTH = 500;
export const MAX_CLAUSES = 50;

export type ParseResult = { ok: true; clauses: FilterClause[] } | { ok: false; error: FilterError };

const fail = (message: string, item: { start: number; end: number }): never => {
  throw new FilterSyntaxError(message, item.start, item.end);
};

/** `2001:db8::/32`: any of IPv6's text forms, the prefix 0 to 128 (a /128 is a block of one). */
function ipv6Block(field: string, item: Item, base: string, bits: string): FilterValue {
  if (!isIPv6(base)) fail(`${field}: bad CIDR "${item.text}": ${base} is not an IPv6 address`, item);
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > 128)
    fail(`${field}: bad CIDR "${item.text}": the prefix after / must be 0 to 128`, item);
  return { kind: 'cidr', base: base.toLowerCase(), prefix: Number(bits) };
}

function ipValue(field: string, item: Item): FilterValue {
  const slash = item.text.indexOf('/');
  if (slash >= 0) {
    const base = item.text.slice(0, slash);
    const bits = item.text.slice(slash + 1);
    if (base === '') fail(`${field}: bad CIDR "${item.text}": no address before the /`, item);
    if (base.includes(':')) return ipv6Block(field, item, base, bits);
    if (ipv4ToNumber(base) === null)
      fail(`${field}: bad CIDR "${item.text}": ${base} is not an IPv4 address`, item);
    if (!/^\d{1,2}$/.test(bits) || Number(bits) > 32)
      fail(`${field}: bad CIDR "${item.text}": the prefix after / must be 0 to 32`, item);
    const cidr = { base, prefix: Number(bits) };
    // A /32 is one address: keep it an exact match, which the IP indexes serve directly.
    if (cidr.prefix === 32) return { kind: 'ip', value: base };
    if (!cidrRange(cidr)) fail(`${field}: bad CIDR "${item.text}"`, item);
    return { kind: 'cidr', ...cidr };
  }
  if (ipv4ToNumber(item.text) === null && !looksLikeIpv6(item.text))
    fail(`${field}: "${item.text}" is not an IP address (like 10.0.0.1) or block (like 10.0.0.0/8)`, item);
  return { kind: 'ip', value: item.text.toLowerCase() };
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const COMPARISON = /^(<=|>=|<|>|=)/;

function toNumber(field: string, spec: FieldSpec, text: string, item: Item): number {
  if (!NUMBER.test(text))
    fail(
      `${field}: bad comparison "${item.text}": expected a number${spec.hundreds ? ' or a class (5xx)' : ''}, like ${spec.example}`,
      item,
    );
  const value = Number(text);
  if (spec.integer && !Number.isInteger(value)) fail(`${field}: ${text} is not a whole number`, item);
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max))
    fail(`${field}: ${text} is out of range (${spec.min ?? '−∞'} to ${spec.max ?? '∞'})`, item);
  return value;
}

const HUNDREDS = /^(\d)xx$/i;
const HTTP_CLASS_DIGITS = ['1', '2', '3', '4', '5'];

function numberValue(field: string, spec: FieldSpec, item: Item): FilterValue {
  const hundred = spec.hundreds ? HUNDREDS.exec(item.text) : null;
  if (hundred) {
    // HTTP has five classes (RFC 9110 §15): `6xx` names none and would match nothing, silently. A
    // stored code outside them (CloudFront's 000, a nonstandard 6xx) is still found by number.
    if (!HTTP_CLASS_DIGITS.includes(hundred[1] as string))
      fail(
        `${field}: ${item.text} is not an HTTP status class (1xx to 5xx); write other codes as a number or a range, like 600..699`,
        item,
      );
    const min = Number(hundred[1]) * 100;
    return { kind: 'range', min, max: min + 99 };
  }
  const range = /^([^.]*|[^.]*\.[^.]*)\.\.(.*)$/.exec(item.text);
  if (range) {
    const [, minText = '', maxText = ''] = range;
    const min = toNumber(field, spec, minText, item);
    const max = toNumber(field, spec, maxText, item);
    if (min > max)
      fail(`${field}: the range ${item.text} is reversed (write the smaller number first)`, item);
    return { kind: 'range', min, max };
  }
  const written = COMPARISON.exec(item.text)?.[0];
  const op = written ?? '=';
  const rest = item.text.slice(written?.length ?? 0);
  if (rest === '') fail(`${field}: bad comparison "${item.text}": a number must follow ${op}`, item);
  return { kind: 'cmp', op: op as '=', value: toNumber(field, spec, rest, item) };
}

/**
 * A rule level, or a comparison with one (`>=high`): the levels it stands for, as text values, so
 * the clause reads back as `level:high,critical` and needs no number for the analyst to learn.
 */
function levelValues(field: string, item: Item): FilterValue[] {
  const written = COMPARISON.exec(item.text)?.[0] ?? '=';
  const name = item.text
    .slice(written === '=' && !item.text.startsWith('=') ? 0 : written.length)
    .toLowerCase();
  const at = (RULE_LEVELS as readonly string[]).indexOf(name);
  if (at < 0) fail(`${field}: "${item.text}" is not a level (${RULE_LEVELS.join(', ')}), nor >= one`, item);
  const holds = (i: number) =>
    written === '>='
      ? i >= at
      : written === '>'
        ? i > at
        : written === '<='
          ? i <= at
          : written === '<'
            ? i < at
            : i === at;
  const levels = RULE_LEVELS.filter((_, i) => holds(i));
  if (levels.length === 0) fail(`${field}: no level is ${item.text}`, item);
  return levels.map((value) => ({ kind: 'text', value }));
}

function fieldValues(field: string, spec: FieldSpec, item: Item): FilterValue[] {
  return spec.kind === 'level' ? levelValues(field, item) : [fieldValue(field, spec, item)];
}

/**
 * A value written `=text` or `="text"` is the whole value: for a pattern term (`path:`, `ua:`) an
 * exact value instead of a start or a part; for every other term the value it already is. A number
 * or a level reads its own `=` as a comparison. A quoted `"=text"` is the text with its `=`.
 */
function equalsForm(field: string, spec: FieldSpec, item: Item): { item: Item; exact: boolean } {
  if (!equalsMeansWhole(spec)) return { item, exact: false };
  if (item.equals) return { item, exact: true };
  if (item.quoted || !item.text.startsWith('=')) return { item, exact: false };
  if (item.text === '=') fail(`${field}: a value must follow =`, item);
  return { item: { ...item, text: item.text.slice(1) }, exact: true };
}

function fieldValue(field: string, spec: FieldSpec, written: Item): FilterValue {
  const { item, exact } = equalsForm(field, spec, written);
  if (item.text === '') fail(`${field}: the quoted value is empty`, item);
  if (item.text.length > MAX_VALUE_LENGTH)
    fail(`${field}: the value is longer than ${MAX_VALUE_LENGTH} characters`, item);
  switch (spec.kind) {
    case 'ip':
      return ipValue(field, item);
    case 'number':
      return numberValue(field, spec, item);
    case 'country':
      // Every importer stores a two-letter code, upper case (ingest's countryCode), and so does the
      // GeoIP lookup: any other text can never match, so it is refused rather than answered with 0.
      if (!/^[a-z]{2}$/i.test(item.text))
        fail(`${field}: "${item.text}" is not a two-letter country code (ISO 3166, like US or DE)`, item);
      return { kind: 'text', value: item.text.toUpperCase() };
    case 'verdict':
      if (!(VERDICTS as readonly string[]).includes(item.text.toLowerCase()))
        fail(`verdict: "${item.text}" is not one of ${VERDICTS.join(', ')}`, item);
      return { kind: 'text', value: item.text.toLowerCase() };
    case 'flag':
      if (!(FLAG_VALUES as readonly string[]).includes(item.text.toLowerCase()))
        fail(`${field}: "${item.text}" is not one of ${FLAG_VALUES.join(', ')}`, item);
      return { kind: 'text', value: item.text.toLowerCase() };
    case 'text':
      return { kind: exact && spec.match ? 'exact' : 'text', value: item.text };
    case 'choice': {
      const values = spec.values ?? [];
      if (!values.includes(item.text.toLowerCase()))
        fail(`${field}: "${item.text}" is not one of ${values.join(', ')}`, item);
      return { kind: 'text', value: item.text.toLowerCase() };
    }
    case 'level':
      return levelValues(field, item)[0] as FilterValue;
  }
}

/**
 * A bare word that is the name of a term with a fixed vocabulary (`flagged`, `verdict`, `level`,
 * `uaclass`) is almost surely that term missing its value: as free text it would search rules,
 * paths and agents for the word and answer 0 without a word of why. Refused with the term meant;
 * quoted (`"flagged"`) it stays a search. Names of other terms (`country`) are ordinary words.
 */
function fieldNameAlone(term: Extract<Term, { kind: 'word' }>): void {
  const { item } = term;
  if (item.quoted) return;
  const field = termNamed(item.text.toLowerCase());
  const values = field === null ? null : fixedValues(field);
  if (field === null || values === null) return;
  const meant = `${term.negate ? '-' : ''}${fieldSpec(field).example}`;
  fail(
    `"${item.text}" alone searches the text "${item.text}": did you mean ${meant}? (${field}: takes ${values.join(', ')}; quote "${item.text}" to search the text)`,
    term,
  );
}

/**
 * A URL or a Windows path (`http://…`, `C:\…`) reads as a field and its value: the advice to quote
 * it, which makes it free text. None for a text with a quote of its own, which would need escapes.
 */
function quoteAdvice(text: string, term: Extract<Term, { kind: 'field' }>): string {
  const written = text.slice(term.start + (term.negate ? 1 : 0), term.end);
  if (written.includes('"')) return '';
  // Inside quotes `\\` is one backslash: a backslash before another, or last, is written twice.
  const quoted = written.replace(/\\(?=\\|$)/g, '\\\\');
  return `; to search the text, quote it: ${term.negate ? '-' : ''}"${quoted}"`;
}

/** An unquoted `*` alone: a presence term (presence.ts), not a value. */
const isStar = (item: Item): boolean => item.text === '*' && !item.quoted && !item.equals;

/**
 * `field:*` / `-field:*` when the term is written so: the clause, or null for any other term. A
 * `*` among other values is refused: "has a value, or is scan" would make the others mean nothing.
 */
function presenceTerm(
  name: string,
  field: FilterField,
  term: Extract<Term, { kind: 'field' }>,
): FilterClause | null {
  if (starIsPattern(field) || !term.items.some(isStar)) return null;
  const refusal = presenceRefusal(field);
  if (refusal !== null) fail(refusal, term);
  if (term.items.length > 1)
    fail(`${name}: * stands alone (${name}:* is "has a value"; -${name}:* "has none")`, term);
  return presenceClause(field, term.negate);
}

/** Parses filter text; throws FilterSyntaxError with the span at fault. */
export function parseFilterOrThrow(text: string): FilterClause[] {
  if (text.length > MAX_FILTER_LENGTH)
    throw new FilterSyntaxError(
      `The filter is longer than ${MAX_FILTER_LENGTH} characters`,
      MAX_FILTER_LENGTH,
      text.length,
    );
  const clauses: FilterClause[] = [];
  for (const term of scanTerms(text)) {
    if (clauses.length === MAX_CLAUSES)
      throw new FilterSyntaxError(`At most ${MAX_CLAUSES} terms in one filter`, term.start, text.length);
    if (term.kind === 'word') {
      fieldNameAlone(term);
      clauses.push({ field: 'text', negate: term.negate, values: [{ kind: 'text', value: term.item.text }] });
      continue;
    }
    // An alias (`status:`) is its term (`code:`): the clause, and the filter text made from it,
    // say the term; errors say the name as typed.
    const name = term.name.toLowerCase();
    const field = termNamed(name);
    if (field === null)
      throw new FilterSyntaxError(
        `Unknown field "${term.name}". Fields: ${FIELD_NAMES.join(', ')}${quoteAdvice(text, term)}`,
        term.start,
        term.nameEnd,
      );
    if (term.items.length > 100) fail(`${name}: at most 100 values in one list`, term);
    const presence = presenceTerm(name, field, term);
    if (presence) {
      clauses.push(presence);
      continue;
    }
    const spec = fieldSpec(field);
    clauses.push({
      field,
      negate: term.negate,
      values: term.items.flatMap((item) => fieldValues(name, spec, item)),
    });
  }
  return clauses;
}

/** Parses filter text into clauses, or the first error with its position. */
export function parseFilter(text: string): ParseResult {
  try {
    return { ok: true, clauses: parseFilterOrThrow(text) };
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error;
    return { ok: false, error: { message: error.message, start: error.start, end: error.end } };
  }
}
