// A Sigma condition → a tree over the rule's search identifiers. Grammar (lowest precedence
// first): `or`, `and`, `not`, then a primary: `( … )`, an identifier, or `N of pattern` / `all of
// pattern` where the pattern is an identifier with `*` wildcards or `them` (every identifier not
// starting with `_`). Aggregations (`| count() by …`, `near`) belong to Sigma correlation rules now and
// are refused.

import type { ConditionNode } from './types.js';

export class ConditionError extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid' | 'unsupported' = 'invalid',
  ) {
    super(message);
  }
}

interface Token {
  text: string;
  at: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them', 'all']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:([()])|([A-Za-z0-9_.\-*]+)|(\S))/gy;
  for (let match = pattern.exec(text); match && match[0] !== ''; match = pattern.exec(text)) {
    const at = match.index + match[0].length - (match[1] ?? match[2] ?? match[3] ?? '').length;
    if (match[3] === '|')
      throw new ConditionError(
        'aggregations (| count() …) are not supported: Sigma moved them to correlation rules',
        'unsupported',
      );
    if (match[3] !== undefined) throw new ConditionError(`unexpected "${match[3]}" at character ${at + 1}`);
    if (match[2]?.toLowerCase() === 'near')
      throw new ConditionError(
        '"near" is not supported: it is an aggregation over nearby events, which Sigma moved to correlation rules',
        'unsupported',
      );
    tokens.push({ text: match[1] ?? match[2] ?? '', at });
  }
  return tokens;
}

/** The condition's tree, with every identifier and pattern checked against `identifiers`. */
export function parseCondition(text: string, identifiers: readonly string[]): ConditionNode {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new ConditionError('the condition is empty');
  let next = 0;
  const peek = () => tokens[next]?.text.toLowerCase();
  const where = () => {
    const token = tokens[next];
    return token ? `at character ${token.at + 1} ("${token.text}")` : 'at the end';
  };
  const known = new Set(identifiers);

  function or(): ConditionNode {
    const parts = [and()];
    while (peek() === 'or') {
      next++;
      parts.push(and());
    }
    return parts.length === 1 ? (parts[0] as ConditionNode) : { kind: 'or', of: parts };
  }
  function and(): ConditionNode {
    const parts = [not()];
    while (peek() === 'and') {
      next++;
      parts.push(not());
    }
    return parts.length === 1 ? (parts[0] as ConditionNode) : { kind: 'and', of: parts };
  }
  function not(): ConditionNode {
    if (peek() === 'not') {
      next++;
      return { kind: 'not', of: not() };
    }
    return primary();
  }
  function primary(): ConditionNode {
    const token = tokens[next];
    if (!token) throw new ConditionError('the condition ends where an identifier or "(" was expected');
    const word = token.text.toLowerCase();
    if (token.text === '(') {
      next++;
      const inner = or();
      if (tokens[next]?.text !== ')') throw new ConditionError(`expected ")" ${where()}`);
      next++;
      return inner;
    }
    if (tokens[next + 1]?.text.toLowerCase() === 'of') return quantified(token);
    if (token.text === ')' || KEYWORDS.has(word))
      throw new ConditionError(`expected an identifier or "(" ${where()}`);
    next++;
    if (token.text.includes('*'))
      throw new ConditionError(
        `"${token.text}" is a pattern: write "1 of ${token.text}" or "all of ${token.text}"`,
      );
    if (!known.has(token.text))
      throw new ConditionError(
        `the condition refers to "${token.text}", which the detection does not define (it defines ${list(identifiers)})`,
      );
    return { kind: 'ref', name: token.text };
  }
  function quantified(countToken: Token): ConditionNode {
    const word = countToken.text.toLowerCase();
    const count = word === 'all' ? Number.POSITIVE_INFINITY : /^\d+$/.test(word) ? Number(word) : Number.NaN;
    if (!(count >= 1))
      throw new ConditionError(
        `"${countToken.text} of" at character ${countToken.at + 1}: write "1 of" or "all of"`,
      );
    next += 2;
    const target = tokens[next];
    if (!target || target.text === '(' || target.text === ')')
      throw new ConditionError(`"${countToken.text} of" needs an identifier pattern or "them" ${where()}`);
    next++;
    const names =
      target.text.toLowerCase() === 'them'
        ? identifiers.filter((name) => !name.startsWith('_'))
        : identifiers.filter((name) => wildcardName(target.text).test(name));
    if (names.length === 0)
      throw new ConditionError(
        `"${countToken.text} of ${target.text}" matches no identifier (the detection defines ${list(identifiers)})`,
      );
    if (Number.isFinite(count) && count > names.length)
      throw new ConditionError(
        `"${countToken.text} of ${target.text}" can never hold: only ${names.length} identifier(s) match (${list(names)})`,
      );
    return { kind: 'atLeast', count: Math.min(count, names.length), names };
  }

  const tree = or();
  if (next < tokens.length) throw new ConditionError(`unexpected ${where()}`);
  return tree;
}

function wildcardName(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${source}$`);
}

function list(names: readonly string[]): string {
  return names.length ? names.map((name) => `"${name}"`).join(', ') : 'none';
}
