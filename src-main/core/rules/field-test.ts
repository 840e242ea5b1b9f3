// One `field|modifier|…: value(s)` entry of a selection → a FieldTest over Vigil's field, with
// every modifier resolved here, once: wildcards placed, windash and base64 spellings expanded,
// regexes translated and checked, CIDRs checked. What Vigil does not evaluate is refused, named.

import net from 'node:net';
import { base64Of, base64OffsetVariants, WINDASH_LIMIT, windashVariants } from './encodings.js';
import { isNumberField } from './fields.js';
import { translateRegex } from './regex.js';
import { invalid, unsupported, type YamlPath } from './rule-error.js';
import { hasWildcard, literalOf, type MatchMode, parseSigmaString, withMode } from './sigma-string.js';
import { vigilField } from './taxonomy.js';
import type { FieldTest, MatchValue } from './types.js';

const MATCHES = [
  'contains',
  'startswith',
  'endswith',
  're',
  'cidr',
  'exists',
  'lt',
  'lte',
  'gt',
  'gte',
] as const;
type Match = (typeof MATCHES)[number];
const TRANSFORMS = ['windash', 'base64', 'base64offset'] as const;
type Transform = (typeof TRANSFORMS)[number];
const RE_FLAGS = ['i', 'm', 's'];

const REFUSED: Record<string, string> = {
  utf16le: "UTF-16 encodings are not supported: Vigil's fields are decoded text, not UTF-16 bytes",
  utf16be: "UTF-16 encodings are not supported: Vigil's fields are decoded text, not UTF-16 bytes",
  utf16: "UTF-16 encodings are not supported: Vigil's fields are decoded text, not UTF-16 bytes",
  wide: "UTF-16 encodings (wide) are not supported: Vigil's fields are decoded text, not UTF-16 bytes",
  expand:
    'placeholders (expand) are not supported: Vigil has no placeholder configuration to expand them with',
  fieldref: 'fieldref (comparing two fields) is not supported',
  neq: 'neq is not supported: write the value under a selection and negate it in the condition',
};
const TIME_PARTS = new Set(['minute', 'hour', 'day', 'week', 'month', 'year']);

type Scalar = string | number | boolean | null;

/** The FieldTest for `key: value` of a selection; `path` locates the entry for refusals. */
export function parseFieldTest(key: string, value: unknown, path: YamlPath): FieldTest {
  const [name = '', ...modifiers] = key.split('|');
  const field = name === '' ? 'keywords' : vigilField(name);
  if (field === null)
    throw unsupported(
      `field "${name}" has no equivalent in Vigil's sessions (see "Detection rules" in the README for the field names Vigil maps)`,
      path,
    );
  const mods = readModifiers(modifiers, path);
  const values = scalars(value, path);
  if (mods.all && !Array.isArray(value))
    throw invalid(
      'the all modifier needs a list of values (Sigma does not allow it on a single value)',
      path,
    );
  if (field === 'keywords' && (mods.match === 'cidr' || mods.match === 'exists' || isNumeric(mods.match)))
    throw unsupported(`keywords cannot take the ${mods.match} modifier`, path);
  // A number field compares a number spelled as text (`404.0`, kept as written by yaml-source.ts,
  // or quoted `'404'`) by its value; so do the numeric modifiers, on any field.
  const byValue = isNumeric(mods.match) || (isNumberField(field) && mods.match === null && !mods.cased);
  const matchValues = values.map((raw, index) =>
    valueFor(
      byValue && !mods.transforms.length ? asNumber(raw) : raw,
      mods,
      field === 'keywords',
      Array.isArray(value) ? [...path, index] : path,
    ),
  );
  return { field, written: key, values: matchValues, combine: mods.all ? 'all' : 'any' };
}

interface Modifiers {
  match: Match | null;
  transforms: Transform[];
  all: boolean;
  cased: boolean;
  reFlags: string;
}

function readModifiers(names: string[], path: YamlPath): Modifiers {
  const mods: Modifiers = { match: null, transforms: [], all: false, cased: false, reFlags: '' };
  const seen = new Set<string>();
  for (const raw of names) {
    const name = raw.toLowerCase();
    if (seen.has(name)) throw invalid(`modifier ${name} is given twice`, path);
    seen.add(name);
    if (Object.hasOwn(REFUSED, name)) throw unsupported(`modifier ${name}: ${REFUSED[name]}`, path);
    if (TIME_PARTS.has(name))
      throw unsupported(`modifier ${name}: date parts of timestamps are not supported`, path);
    if ((MATCHES as readonly string[]).includes(name)) {
      if (mods.match)
        throw invalid(
          `modifiers ${mods.match} and ${name} cannot be combined (each says how to compare)`,
          path,
        );
      mods.match = name as Match;
    } else if ((TRANSFORMS as readonly string[]).includes(name)) mods.transforms.push(name as Transform);
    else if (name === 'all') mods.all = true;
    else if (name === 'cased') mods.cased = true;
    else if (RE_FLAGS.includes(name)) mods.reFlags += name;
    else throw unsupported(`modifier "${raw}" is not a Sigma modifier Vigil supports`, path);
  }
  const { match } = mods;
  if (mods.reFlags && match !== 're')
    throw invalid(`modifier ${mods.reFlags[0]} is a sub-modifier of re and needs it`, path);
  const textMatch = match === null || match === 'contains' || match === 'startswith' || match === 'endswith';
  if (mods.cased && !textMatch) throw invalid(`modifier cased cannot be combined with ${match}`, path);
  if (mods.transforms.length && !textMatch)
    throw invalid(`modifier ${mods.transforms[0]} cannot be combined with ${match}`, path);
  if (mods.transforms.includes('base64') && mods.transforms.includes('base64offset'))
    throw invalid('modifiers base64 and base64offset cannot be combined', path);
  if (mods.transforms.includes('base64offset') && match !== 'contains')
    throw invalid('modifier base64offset needs contains (the encoded value sits inside a longer text)', path);
  if (mods.all && match === 'exists') throw invalid('modifiers all and exists cannot be combined', path);
  return mods;
}

function scalars(value: unknown, path: YamlPath): Scalar[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw invalid('a field needs at least one value (the list is empty)', path);
  list.forEach((item, index) => {
    if (item !== null && typeof item === 'object')
      throw invalid('a field value must be a string, number, boolean or null, not a map or list', [
        ...path,
        ...(Array.isArray(value) ? [index] : []),
      ]);
  });
  return list as Scalar[];
}

/** `raw` as a number when it is text spelling a finite one (`404.0`, `5e2`, `0x1F`), else as is. */
function asNumber(raw: Scalar): Scalar {
  if (typeof raw !== 'string' || raw.trim() === '') return raw;
  const value = Number(raw);
  return Number.isFinite(value) ? value : raw;
}

const isNumeric = (match: Match | null) =>
  match === 'lt' || match === 'lte' || match === 'gt' || match === 'gte';

function valueFor(raw: Scalar, mods: Modifiers, keywords: boolean, path: YamlPath): MatchValue[] {
  const { match } = mods;
  if (match === 'exists') {
    if (typeof raw !== 'boolean') throw invalid('exists takes true or false', path);
    return [{ type: 'exists', present: raw }];
  }
  if (isNumeric(match)) {
    if (typeof raw !== 'number' || !Number.isFinite(raw)) throw invalid(`${match} takes a number`, path);
    return [{ type: 'number', op: match as 'lt' | 'lte' | 'gt' | 'gte', value: raw }];
  }
  if (match === 'cidr') {
    if (typeof raw !== 'string' || !validCidr(raw))
      throw invalid(`"${String(raw)}" is not a CIDR range`, path);
    return [{ type: 'cidr', cidr: raw }];
  }
  if (match === 're') {
    if (typeof raw !== 'string') throw invalid('re takes a string', path);
    const regex = translateRegex(raw, mods.reFlags);
    if (!regex.ok) throw unsupported(`regex /${raw}/: ${regex.reason}`, path);
    return [{ type: 'regex', source: regex.source, flags: regex.flags }];
  }
  // Text comparison: equals (no modifier), contains, startswith, endswith. A keyword is searched
  // for inside the request's text, so alone it means contains.
  const mode: MatchMode = match ?? (keywords ? 'contains' : 'equals');
  if (raw === null) {
    if (mode !== 'equals' || mods.transforms.length)
      throw invalid(`null cannot be combined with ${mode}`, path);
    return [{ type: 'null' }];
  }
  // Vigil stores an empty value as absent (a log's "" user agent, an empty query), so an empty
  // text means what null means: missing or empty.
  if (raw === '' && mode === 'equals' && !mods.transforms.length && !keywords) return [{ type: 'null' }];
  if (typeof raw === 'number' && mode === 'equals' && !mods.cased && !mods.transforms.length && !keywords)
    return [{ type: 'number', op: 'eq', value: raw }];
  // Base64 text is compared in its case whatever `cased` says: the letters' case is part of the
  // encoding, so d2hvYW1p in another case decodes to other bytes, not to whoami in another case.
  const encoded = mods.transforms.includes('base64') || mods.transforms.includes('base64offset');
  return spellings(String(raw), mods, path).map((tokens) => ({
    type: 'text',
    pattern: withMode(tokens, mode),
    cased: mods.cased || encoded,
  }));
}

/** The value's spellings after windash / base64 / base64offset, as wildcard tokens. */
function spellings(text: string, mods: Modifiers, path: YamlPath) {
  let texts = [text];
  for (const transform of mods.transforms) {
    if (transform === 'windash') {
      texts = texts.flatMap((one) => {
        const variants = windashVariants(one);
        if (!variants)
          throw unsupported(`windash would make more than ${WINDASH_LIMIT} spellings of "${one}"`, path);
        return variants;
      });
    } else {
      texts = texts.map((one) => {
        const tokens = parseSigmaString(one);
        if (hasWildcard(tokens)) throw invalid(`a ${transform} value cannot hold wildcards ("${one}")`, path);
        return literalOf(tokens);
      });
      // Encoded text has no wildcards and no backslashes: the base64 alphabet is letters, digits, + and /.
      texts = texts.flatMap((one) => (transform === 'base64' ? [base64Of(one)] : base64OffsetVariants(one)));
      if (texts.length === 0) throw invalid('base64offset of an empty value matches nothing', path);
    }
  }
  return texts.map(parseSigmaString);
}

function validCidr(text: string): boolean {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const family = net.isIP(address);
  if (family === 0) return false;
  if (slash < 0) return true;
  const prefix = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
