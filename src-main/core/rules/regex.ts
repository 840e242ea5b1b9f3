// Sigma's `re` values as JavaScript regular expressions. Sigma writes PCRE-style expressions:
// a leading inline flag group such as `(?i)` becomes the flag; POSIX classes inside brackets
// (`[[:digit:]]`) become their JavaScript equivalents (JavaScript would read them as a plain
// character set and match the wrong thing); anything JavaScript cannot compile is refused with its
// message. A regex is searched anywhere in the value (not anchored), case-sensitively unless the
// `i` sub-modifier or `(?i)` says otherwise.

const POSIX: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
  space: '\\s',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
};

export type RegexCompiled = { ok: true; source: string; flags: string } | { ok: false; reason: string };

/** The JavaScript source and flags for a Sigma regex with sub-modifier flags (a subset of "ims"). */
export function translateRegex(written: string, subFlags: string): RegexCompiled {
  let source = written;
  const flags = new Set(subFlags);
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (inline) {
    const letters = inline[1] ?? '';
    const unknown = [...letters].filter((letter) => !'ims'.includes(letter));
    if (unknown.length)
      return { ok: false, reason: `inline regex flag(s) "${unknown.join('')}" are not supported` };
    for (const letter of letters) flags.add(letter);
    source = source.slice(inline[0].length);
  }
  const posix = /\[:(\w+):\]/g;
  let badClass: string | null = null;
  source = source.replace(posix, (whole, name: string) => {
    const replacement = POSIX[name];
    if (replacement === undefined) badClass = whole;
    return replacement ?? whole;
  });
  if (badClass) return { ok: false, reason: `POSIX class ${badClass} is not known` };
  if (/\(\?[a-zA-Z]/.test(source.replace(/\\./g, '')))
    return { ok: false, reason: 'inline flags are only supported at the start of the regex, e.g. (?i)' };
  const flagText = [...flags].sort().join('');
  try {
    new RegExp(source, flagText);
  } catch (error) {
    return { ok: false, reason: `the regex does not compile: ${(error as Error).message}` };
  }
  return { ok: true, source, flags: flagText };
}

/**
 * A piece of text every match of the regex must contain (in some case), or null when none of at
 * least two characters can be found simply. Used to skip the regex on values that lack it: only
 * literal characters of the top-level sequence are taken; groups, classes, escapes that stand for
 * a class, alternation and anything a quantifier makes optional end a run.
 */
export function requiredLiteral(source: string): string | null {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return null;
  }
  const runs: string[] = [];
  let run = '';
  const end = () => {
    if (run) runs.push(run);
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    const next = source.charAt(i + 1);
    let literal: string | null = null;
    let width = 1;
    if (c === '\\') {
      width = 2;
      if (/[^A-Za-z0-9]/.test(next) && next !== '') literal = next;
    } else if (c === '[') {
      width = classEnd(source, i) - i + 1;
    } else if (c === '(') {
      width = groupEnd(source, i) - i + 1;
    } else if (c === '{') {
      width = /^\{\d+(,\d*)?\}/.exec(source.slice(i))?.[0].length ?? 1;
    } else if (!'.^$|)*+?}'.includes(c)) literal = c;
    // Only ASCII: the matcher that looks for it folds case per character, which for some other
    // scripts is not how a case-insensitive regex compares (Greek final sigma).
    if (literal !== null && literal.charCodeAt(0) > 0x7f) literal = null;
    const after = source.charAt(i + width);
    const optional =
      after === '?' || after === '*' || (after === '{' && /^\{0[,}]/.test(source.slice(i + width)));
    const repeated = after === '+' || after === '{';
    if (literal !== null && !optional) {
      run += literal;
      if (repeated) end();
    } else end();
    i += width - 1;
  }
  end();
  const longest = runs.reduce((best, candidate) => (candidate.length > best.length ? candidate : best), '');
  return longest.length >= 2 ? longest : null;
}

function classEnd(source: string, open: number): number {
  let i = open + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  for (; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length - 1;
}

function groupEnd(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return source.length - 1;
}
