// Autocomplete for the filter bar: what the word under the cursor could become. Field names come
// from the language itself; values come from the caller (the filterSuggestions API reads rollups).

import { TERM_FIELDS } from '../fields/index.js';
import {
  equalsMeansWhole,
  FIELD_ALIASES,
  FIELD_NAMES,
  FILTER_FIELDS,
  type FilterField,
  fixedValues,
  termNamed,
} from './fields.js';
import { presenceRefusal, starIsPattern } from './presence.js';
import { valueText } from './serialize.js';

/**
 * Terms whose values the core looks up as the analyst types (db/analytics-suggest.ts answers each;
 * a test holds it to that): those a rollup or the rule table counts, and every interned text
 * field (method, host, path, user agent, referrer), whose dictionary lists its values.
 */
export const LOOKED_UP_TERMS: ReadonlySet<string> = new Set([
  'src',
  'dst',
  'ip',
  'country',
  'port',
  'proto',
  'rule',
  'type',
  'action',
  'label',
  'sigma',
  ...TERM_FIELDS.flatMap((field) =>
    'storage' in field && field.storage === 'interned' ? [field.filter.term] : [],
  ),
]);

/** What a term with classes of a hundred codes offers (`status:5xx`): the HTTP status classes. */
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'];

export interface Suggestion {
  /** What replaces the span [from, to) of the input. */
  insert: string;
  label: string;
  detail: string;
}

export type CompletionContext =
  | { kind: 'field'; prefix: string; from: number; to: number }
  | { kind: 'value'; field: FilterField; prefix: string; from: number; to: number; exact?: boolean }
  | { kind: 'none' };

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

/** Finds what is being typed at `cursor`: a field name, a value of a field, or nothing to complete. */
export function completionContext(text: string, cursor: number): CompletionContext {
  let start = cursor;
  while (start > 0 && !isSpace(text[start - 1])) start--;
  let end = cursor;
  while (end < text.length && !isSpace(text[end])) end++;
  const head = text.slice(start, cursor);
  const negated = head.startsWith('-') ? 1 : 0;
  // `negated` is the `-?` each pattern starts with, so the name is what follows it.
  if (/^-?[A-Za-z_]*$/.test(head))
    return { kind: 'field', prefix: head.slice(negated).toLowerCase(), from: start + negated, to: end };
  const field = /^-?[A-Za-z_]+:/.exec(head);
  if (!field) return { kind: 'none' };
  // An alias (`status:`) completes the values of its term.
  const fieldName = termNamed(field[0].slice(negated, -1).toLowerCase());
  if (fieldName === null) return { kind: 'none' };
  // The list item under the cursor: after the last comma, up to the next comma or the word's end.
  const itemStart = start + Math.max(field[0].length, head.lastIndexOf(',') + 1);
  const nextComma = text.indexOf(',', cursor);
  const itemEnd = nextComma >= 0 && nextComma < end ? nextComma : end;
  // `=` before a value asks for the whole value (`path:=/login`): it stays in what is inserted.
  const typed = text.slice(itemStart, cursor);
  const exact = typed.startsWith('=') && equalsMeansWhole(FILTER_FIELDS[fieldName]);
  const prefix = typed.slice(exact ? 1 : 0).replace(/^"/, '');
  return {
    kind: 'value',
    field: fieldName,
    prefix,
    from: itemStart,
    to: itemEnd,
    ...(exact ? { exact } : {}),
  };
}

export interface ValueCount {
  value: string;
  sessions: number;
}

/** Every name a term can be typed as, with its help: the terms, then their aliases. */
const NAMED: readonly { name: string; detail: string }[] = [
  ...FIELD_NAMES.map((name) => ({ name, detail: FILTER_FIELDS[name].help })),
  ...Object.entries(FIELD_ALIASES).map(([name, term]) => ({
    name,
    detail: `${FILTER_FIELDS[term].help} (same as ${term}:)`,
  })),
];

/**
 * Suggestions for a context: field names, or the given values (verdicts, levels, yes/no and a
 * choice term's values are known here). A value fits what was typed when it starts with it, or holds it for a term matched
 * by any part (`ua:`).
 */
export function suggestionsFor(context: CompletionContext, values: readonly ValueCount[] = []): Suggestion[] {
  if (context.kind === 'field')
    return NAMED.filter(({ name }) => name.startsWith(context.prefix)).map(({ name, detail }) => ({
      insert: `${name}:`,
      label: `${name}:`,
      detail,
    }));
  if (context.kind !== 'value') return [];
  const spec = FILTER_FIELDS[context.field];
  const fixed = fixedValues(context.field) ?? (spec.hundreds ? STATUS_CLASSES : null);
  const known = fixed ? fixed.map((value) => ({ value, sessions: -1 })) : values;
  const prefix = context.prefix.toLowerCase();
  const fits =
    spec.match === 'substring' && !context.exact
      ? (value: string) => value.includes(prefix)
      : (value: string) => value.startsWith(prefix);
  const kind = context.exact && spec.match ? 'exact' : 'text';
  const listed = known
    .filter((v) => v.value !== '' && fits(v.value.toLowerCase()))
    .map((v) => ({
      insert: (context.exact && kind === 'text' ? '=' : '') + valueText({ kind, value: v.value }),
      label: v.value,
      detail: v.sessions >= 0 ? `${v.sessions.toLocaleString('en-US')} sessions` : '',
    }));
  return [...listed, ...presenceSuggestion(context)];
}

/**
 * `*` last, before any value is typed (or once `*` is): "has a value" (presence.ts), which no
 * stored value stands for, so the list offers it itself. Not for a term that refuses it, nor for
 * `sigma:`, whose `*` is its pattern (any hit).
 */
function presenceSuggestion(context: Extract<CompletionContext, { kind: 'value' }>): Suggestion[] {
  const { field, prefix, exact } = context;
  if (exact || (prefix !== '' && prefix !== '*')) return [];
  if (starIsPattern(field) || presenceRefusal(field) !== null) return [];
  return [{ insert: '*', label: '*', detail: `has a ${field} value (-${field}:* has none)` }];
}

/** The input after accepting `suggestion` in `context`, and where the cursor goes. */
export function applySuggestion(
  text: string,
  context: Exclude<CompletionContext, { kind: 'none' }>,
  suggestion: Suggestion,
): { text: string; cursor: number } {
  const before = text.slice(0, context.from) + suggestion.insert;
  const after = text.slice(context.to);
  // A finished value gets a space so the analyst can type the next term; a field name keeps the cursor after ":".
  const spacer = context.kind === 'value' && !after.startsWith(' ') && !after.startsWith(',') ? ' ' : '';
  return { text: before + spacer + after, cursor: before.length + spacer.length };
}
