// Apache's `%{format}t`: a time written by strftime. The conversions logs use are read back;
// any other one is refused when the format is compiled, with its name.
import { RowError, utcMillis } from '../values.js';
import { digitsIn } from './text-digits.js';

type Part =
  | { kind: 'literal'; text: string }
  | { kind: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'monthName' | 'zone' | 'epoch' };

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

export function compileStrftime(spec: string, source: string): StrftimeTime {
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
  if (
    !parts.some((p) => p.kind === 'epoch') &&
    !['year', 'day', 'hour'].every((k) => parts.some((p) => p.kind === k))
  )
    throw new Error(`${source}: the time needs at least a year, day and hour (or %s)`);
  return { parts };
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
        const seconds = Number(value.slice(at, end));
        at = end;
        return seconds * 1000;
      }
    }
  }
  if (at !== value.length) throw bad();
  const ms = utcMillis(year, month, day, hour, minute, second);
  if (Number.isNaN(ms)) throw bad();
  return ms + offsetMs;
}
