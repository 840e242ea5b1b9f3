// Sigma's string values: `*` matches any run of characters (also none), `?` exactly one, and a
// backslash escapes them: `\*` and `\?` are the characters themselves, `\\` is one backslash, and a
// backslash before anything else stays a backslash (so `C:\Windows` needs no doubling).

import type { PatternToken } from './types.js';

const STAR: PatternToken = { wildcard: '*' };
const ONE: PatternToken = { wildcard: '?' };

/** The tokens of a Sigma string: literal runs and wildcards, adjacent literals merged. */
export function parseSigmaString(text: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  let literal = '';
  const flush = () => {
    if (literal) tokens.push(literal);
    literal = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        literal += next;
        i++;
      } else literal += c;
    } else if (c === '*' || c === '?') {
      flush();
      tokens.push(c === '*' ? STAR : ONE);
    } else literal += c;
  }
  flush();
  return collapseStars(tokens);
}

/** Whether the string has an unescaped wildcard. */
export function hasWildcard(tokens: readonly PatternToken[]): boolean {
  return tokens.some((token) => typeof token !== 'string');
}

/** The literal text of tokens that have no wildcard. */
export function literalOf(tokens: readonly PatternToken[]): string {
  return tokens.map((token) => (typeof token === 'string' ? token : '')).join('');
}

export type MatchMode = 'equals' | 'contains' | 'startswith' | 'endswith';

/** The pattern for a value under contains / startswith / endswith: `*` added where the mode says. */
export function withMode(tokens: readonly PatternToken[], mode: MatchMode): PatternToken[] {
  const before = mode === 'contains' || mode === 'endswith' ? [STAR] : [];
  const after = mode === 'contains' || mode === 'startswith' ? [STAR] : [];
  return collapseStars([...before, ...tokens, ...after]);
}

function collapseStars(tokens: PatternToken[]): PatternToken[] {
  const out: PatternToken[] = [];
  for (const token of tokens) {
    const last = out[out.length - 1];
    if (isStar(token) && last !== undefined && isStar(last)) continue;
    if (typeof token === 'string' && typeof last === 'string') out[out.length - 1] = last + token;
    else out.push(token);
  }
  return out;
}

export function isStar(token: PatternToken): boolean {
  return typeof token !== 'string' && token.wildcard === '*';
}

/** A pattern written back as a Sigma string (wildcards bare, literal `*`, `?` and `\` escaped). */
export function patternText(tokens: readonly PatternToken[]): string {
  return tokens
    .map((token) => (typeof token === 'string' ? token.replace(/[*?\\]/g, (c) => `\\${c}`) : token.wildcard))
    .join('');
}
