// Sigma's `re` values as JavaScript regular expressions. Sigma writes PCRE-style expressions:
// a leading inline flag group such as `(?i)` becomes the flag; POSIX classes inside brackets
// (`[[:digit:]]`, and `[[:^digit:]]` alone in its brackets) become their JavaScript equivalents
// (JavaScript would read them as a plain character set and match the wrong thing); anything JavaScript cannot compile is refused with its
// message. PCRE's string anchors (`$` too: see PCRE_DOLLAR) and Python-style named groups are
// rewritten to their JavaScript forms; a letter escape JavaScript does not know is refused, since JavaScript (without the `u`
// flag, which would change other patterns) reads `\p{Lu}` or `\h` as plain letters and the rule
// would silently never match. A regex is searched anywhere in the value (not anchored),
// case-sensitively unless the `i` sub-modifier or `(?i)` says otherwise.

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
  const pcre = fromPcre(source, flags.has('m'));
  if (!pcre.ok) return pcre;
  source = pcre.source;
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

/** JavaScript's letter escapes outside Unicode mode (`k` is a named back-reference). */
const JS_LETTER_ESCAPES = new Set('bBcdDfknrsStuvwWx');
/** PCRE anchors with the same meaning in any flag mode: start, end, end before a final newline. */
const PCRE_ANCHORS: Record<string, string> = {
  A: '(?<![\\s\\S])',
  z: '(?![\\s\\S])',
  Z: '(?=\\n?(?![\\s\\S]))',
};

/**
 * PCRE's `$` without the `m` flag: the end, or before a final newline. JavaScript's `$` is the very
 * end only, so a rule written `\.php$` would miss `1.php%0a` decoded, the trailing newline that
 * slipped past `$`-anchored checks in real servers (CVE-2017-15715). With `m` both mean any line end.
 */
const PCRE_DOLLAR = PCRE_ANCHORS.Z as string;

/** The regex with PCRE-only syntax rewritten for JavaScript, or why it cannot be. */
function fromPcre(source: string, multiline: boolean): RegexCompiled {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') {
      const next = source.charAt(i + 1);
      i++;
      const anchor = PCRE_ANCHORS[next];
      if (anchor && !inClass) out += anchor;
      else if (/[a-zA-Z]/.test(next) && !JS_LETTER_ESCAPES.has(next))
        return { ok: false, reason: `\\${next} is not a regex escape JavaScript knows` };
      else out += c + next;
      continue;
    }
    const posix = c === '[' ? /^\[:(\^?)(\w+):\]/.exec(source.slice(i)) : null;
    if (posix) {
      // POSIX classes are read only where PCRE reads them: inside brackets, not after a `\[`.
      const [whole, negated, name = ''] = posix;
      const members = POSIX[name];
      if (!members) return { ok: false, reason: `POSIX class ${whole} is not known` };
      if (!inClass)
        return { ok: false, reason: `POSIX class ${whole} is only read inside brackets: [${whole}]` };
      if (negated) {
        // JavaScript has no negated set inside a set: only a bracket holding just the class works.
        if (!out.endsWith('[') || out.endsWith('\\[') || source.charAt(i + whole.length) !== ']')
          return { ok: false, reason: `negated POSIX class ${whole} is only supported alone: [${whole}]` };
        out += `^${members}`;
      } else out += members;
      i += whole.length - 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      // A ']' right after '[' or '[^' is a literal member in PCRE; JavaScript would read `[]` as
      // an empty class, so it is escaped.
      const start = source.charAt(i + 1) === '^' ? 2 : 1;
      out += source.slice(i, i + start);
      i += start - 1;
      if (source.charAt(i + 1) === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '$' && !multiline) {
      out += PCRE_DOLLAR;
      continue;
    }
    const pythonGroup = /^\(\?P(<[A-Za-z_]\w*>|=[A-Za-z_]\w*\))/.exec(source.slice(i));
    if (pythonGroup) {
      const named = pythonGroup[1] ?? '';
      out += named.startsWith('<') ? `(?${named}` : `\\k<${named.slice(1, -1)}>`;
      i += pythonGroup[0].length - 1;
      continue;
    }
    out += c;
  }
  return { ok: true, source: out, flags: '' };
}
