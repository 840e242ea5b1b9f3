// Apache's `%{format}t`: a time written by strftime. The conversions logs use are read back;
// any other one is refused when the format is compiled, with its name. Apache writes a time with
// milliseconds as several directives (`%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t`, its documented
// example), so consecutive time directives and the text between them are joined into one time.
import { RowError, utcMillis } from '../values.js';
import { digitsIn } from './text-digits.js';

type Part =
  | { kind: 'literal'; text: string }
  | { kind: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'monthName' | 'zone' | 'epoch' }
  /** `%{msec_frac}t` (3 digits) or `%{usec_frac}t` (6 digits): the fraction of the second. */
  | { kind: 'fraction'; digits: number };

export interface StrftimeTime {
  parts: Part[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const CONVERSIONS: Record<string, Part[]> = {
  Y: [{ kind: 'year' }],
  m: [{ kind: 'month' }],
  d: [{ kind: 'day' }],
  e: [{ kind: 'day' }],
  H: [{ kind: 'hour' }],
  M: [{ kind: 'minute' }],
  S: [{ kind: 'second' }],
  b: [{ kind: 'monthName' }],
  h: [{ kind: 'monthName' }],
  z: [{ kind: 'zone' }],
  s: [{ kind: 'epoch' }],
  T: [
    { kind: 'hour' },
    { kind: 'literal', text: ':' },
    { kind: 'minute' },
    { kind: 'literal', text: ':' },
    { kind: 'second' },
  ],
  F: [
    { kind: 'year' },
    { kind: 'literal', text: '-' },
    { kind: 'month' },
    { kind: 'literal', text: '-' },
    { kind: 'day' },
  ],
};

/** The parts of one `%{…}t` directive's format (`msec_frac` and `usec_frac` are fractions). */
export function compileStrftime(spec: string, source: string): StrftimeTime {
  if (spec === 'msec_frac' || spec === 'usec_frac')
    return { parts: [{ kind: 'fraction', digits: spec === 'msec_frac' ? 3 : 6 }] };
  const parts: Part[] = [];
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i] ?? '';
    if (c !== '%') {
      parts.push({ kind: 'literal', text: c });
      continue;
    }
    const conversion = spec[++i] ?? '';
    if (conversion === '%') parts.push({ kind: 'literal', text: '%' });
    else {
      const expanded = CONVERSIONS[conversion];
      if (expanded === undefined)
        throw new Error(
          `${source}: the time conversion %${conversion} is not read (known: %${Object.keys(CONVERSIONS).join(' %')})`,
        );
      parts.push(...expanded);
    }
  }
  return { parts };
}

/** `next` written after `time` with `between` (text) between them, as one time. */
export function joinStrftime(time: StrftimeTime, between: string, next: StrftimeTime): StrftimeTime {
  const literals: Part[] = [...between].map((text) => ({ kind: 'literal', text }));
  return { parts: [...time.parts, ...literals, ...next.parts] };
}

/** Throws unless `time` says when: a year, day and hour, or seconds since the epoch. */
export function checkStrftimeComplete(time: StrftimeTime, source: string): void {
  const has = (kind: Part['kind']) => time.parts.some((part) => part.kind === kind);
  if (!has('epoch') && !(has('year') && has('day') && has('hour')))
    throw new Error(
      `${source}: the time needs at least a year, day and hour (or %s); a fraction or zone alone is not a time`,
    );
}

/** How many spaces the time's own text holds (a line's field for it runs past that many). */
export function spacesIn(time: StrftimeTime): number {
  return time.parts.filter((part) => part.kind === 'literal' && part.text === ' ').length;
}

/** Epoch ms of `value` written by `time` (UTC unless it has %z). */
export function readStrftime(time: StrftimeTime, value: string, field: string): number {
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let offsetMs = 0;
  let fractionMs = 0;
  let epochSeconds: number | null = null;
  let at = 0;
  const bad = () => new RowError(`${field}: not a time in the log format's shape: ${value.slice(0, 80)}`);
  const number = (width: number): number => {
    const start = value.charCodeAt(at) === 32 && width === 2 ? at + 1 : at;
    const n = digitsIn(value, start, at + width);
    if (n < 0 || at + width > value.length) throw bad();
    at += width;
    return n;
  };
  for (const part of time.parts) {
    switch (part.kind) {
      case 'literal':
        if (!value.startsWith(part.text, at)) throw bad();
        at += part.text.length;
        break;
      case 'year':
        year = number(4);
        break;
      case 'month':
        month = number(2);
        break;
      case 'day':
        day = number(2);
        break;
      case 'hour':
        hour = number(2);
        break;
      case 'minute':
        minute = number(2);
        break;
      case 'second':
        second = number(2);
        break;
      case 'monthName': {
        month = MONTHS.indexOf(value.slice(at, at + 3)) + 1;
        if (month === 0) throw bad();
        at += 3;
        break;
      }
      case 'zone': {
        const sign = value[at];
        if (sign !== '+' && sign !== '-') throw bad();
        at++;
        const minutes = number(2) * 60 + number(2);
        offsetMs = (sign === '+' ? -1 : 1) * minutes * 60_000;
        break;
      }
      case 'epoch': {
        let end = at;
        while (end < value.length && value.charCodeAt(end) >= 48 && value.charCodeAt(end) <= 57) end++;
        if (end === at) throw bad();
        epochSeconds = Number(value.slice(at, end));
        at = end;
        break;
      }
      case 'fraction':
        fractionMs = Math.floor(number(part.digits) / 10 ** (part.digits - 3));
        break;
    }
  }
  if (at !== value.length) throw bad();
  if (epochSeconds !== null) return epochSeconds * 1000 + fractionMs;
  const ms = utcMillis(year, month, day, hour, minute, second);
  if (Number.isNaN(ms)) throw bad();
  return ms + offsetMs + fractionMs;
}
