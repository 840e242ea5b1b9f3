// Pieces of text a regex cannot match without: a set of literals of which every match contains
// at least one (in some case). The engine runs a regex only on values where its multi-pattern scan
// found one of them, instead of on every value. From the regex source:
//   - a run of literal characters in a sequence is required (`union` in `union\s+select`);
//   - a group is required when not made optional, and gives the union of its alternatives' sets
//     (`(;|%3b|\|)` → ";", "%3b", "|");
//   - of a sequence's required sets the one whose shortest literal is longest is kept.
// Anything else (classes, `.`, escapes for classes, back-references, lookarounds) requires
// nothing. Only ASCII is taken: the scan folds case one character at a time, which for some other
// scripts is not how a case-insensitive regex compares (Greek final sigma).

export function regexGate(source: string): string[] | null {
  const parser = new GateParser(source);
  const gate = parser.alternation();
  return parser.at === source.length && gate && gate.every((literal) => literal.length > 0) ? gate : null;
}

type Gate = string[] | null;

class GateParser {
  at = 0;
  constructor(private readonly source: string) {}

  alternation(): Gate {
    const alternatives = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      alternatives.push(this.sequence());
    }
    if (alternatives.some((gate) => gate === null)) return null;
    return [...new Set(alternatives.flat() as string[])];
  }

  private sequence(): Gate {
    const gates: string[][] = [];
    let run = '';
    const flush = () => {
      if (run) gates.push([run]);
      run = '';
    };
    const source = this.source;
    while (this.at < source.length && source[this.at] !== '|' && source[this.at] !== ')') {
      const { literal, gate } = this.item();
      const { min, max } = this.quantifier();
      if (literal !== null && min >= 1) {
        run += literal;
        // Repeated: the first copy is required, what follows is not next to it for sure.
        if (max !== 1) flush();
        continue;
      }
      flush();
      if (gate && min >= 1) gates.push(gate);
    }
    flush();
    return best(gates);
  }

  /** One atom of the regex: a literal character, or a group's gate, or neither. */
  private item(): { literal: string | null; gate: Gate } {
    const source = this.source;
    const c = source[this.at] ?? '';
    if (c === '\\') {
      const next = source[this.at + 1] ?? '';
      this.at += 2;
      if (/[A-Za-z0-9]/.test(next)) {
        // \d \w \b …, \xHH, \uHHHH, \cX and back-references (\1, \k<name>) stand for something other than themselves.
        const rest = source.slice(this.at);
        if (next === 'x' && /^[0-9A-Fa-f]{2}/.test(rest)) this.at += 2;
        else if (next === 'u' && /^[0-9A-Fa-f]{4}/.test(rest)) this.at += 4;
        else if (next === 'c' && /^[A-Za-z]/.test(rest)) this.at += 1;
        else if (next === 'k' && /^<[^>]*>/.test(rest)) this.at = source.indexOf('>', this.at) + 1;
        else if (/[0-9]/.test(next)) while (/[0-9]/.test(source[this.at] ?? '')) this.at++;
        return { literal: null, gate: null };
      }
      return { literal: ascii(next), gate: null };
    }
    if (c === '[') {
      this.at = classEnd(source, this.at) + 1;
      return { literal: null, gate: null };
    }
    if (c === '(') {
      const lookaround = /^\(\?(=|!|<=|<!)/.exec(source.slice(this.at));
      const named = /^\(\?<[A-Za-z_$][\w$]*>/.exec(source.slice(this.at));
      const nonCapturing = source.startsWith('(?:', this.at);
      this.at += lookaround?.[0].length ?? named?.[0].length ?? (nonCapturing ? 3 : 1);
      const inner = this.alternation();
      if (source[this.at] === ')') this.at++;
      return { literal: null, gate: lookaround ? null : inner };
    }
    this.at++;
    if ('.^$'.includes(c)) return { literal: null, gate: null };
    return { literal: ascii(c), gate: null };
  }

  /** The quantifier after an atom (none: exactly once); a lazy `?` after it is consumed too. */
  private quantifier(): { min: number; max: number } {
    const source = this.source;
    const c = source[this.at];
    let bounds = { min: 1, max: 1 };
    if (c === '?') bounds = { min: 0, max: 1 };
    else if (c === '*') bounds = { min: 0, max: Number.POSITIVE_INFINITY };
    else if (c === '+') bounds = { min: 1, max: Number.POSITIVE_INFINITY };
    else if (c === '{') {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(this.at));
      if (!braces) return bounds;
      const min = Number(braces[1]);
      const max = braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : Number.POSITIVE_INFINITY;
      this.at += braces[0].length;
      if (source[this.at] === '?') this.at++;
      return { min, max };
    } else return bounds;
    this.at++;
    if (source[this.at] === '?') this.at++;
    return bounds;
  }
}

/** Of several required sets, the one whose shortest literal is longest (then the smallest set). */
function best(gates: string[][]): Gate {
  let chosen: string[] | null = null;
  let score = -1;
  for (const gate of gates) {
    const shortest = Math.min(...gate.map((literal) => literal.length));
    if (shortest > score || (shortest === score && chosen !== null && gate.length < chosen.length)) {
      chosen = gate;
      score = shortest;
    }
  }
  return chosen;
}

function ascii(c: string): string | null {
  return c.length === 1 && c.charCodeAt(0) < 0x80 ? c : null;
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
