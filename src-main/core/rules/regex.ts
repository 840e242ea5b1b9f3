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
