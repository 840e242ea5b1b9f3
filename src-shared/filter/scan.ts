// Splits filter text into terms with their character spans. No meaning is given here beyond
// "field:values", "quoted phrase" and "bare word"; parse.ts checks the values per field.
import { FilterSyntaxError } from './errors.js';
import { looksLikeIpv6 } from './ipv4.js';

export interface Item {
  text: string;
  quoted: boolean;
  /** Written `="…"`: the quoted text is the whole value (a bare `=text` keeps its `=` in `text`). */
  equals?: true;
  start: number;
  end: number;
}

export type Term =
  | {
      kind: 'field';
      name: string;
      negate: boolean;
      items: Item[];
      start: number;
      end: number;
      nameEnd: number;
    }
  | { kind: 'word'; item: Item; negate: boolean; start: number; end: number };

const FIELD_NAME = /^-?[A-Za-z_]+:/;
// Any space separates terms, a no-break or thin one too: text pasted from a web page or a report
// carries them, and read as part of a value they made a term that matched nothing, silently.
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

// What an editor or a chat turns `"` and `-` into. Outside straight quotes they are refused with
// what to type: read as text, `ua:“curl”` searched for the quote marks and `–ua:curl` for its dash,
// and answered 0 without a word.
const CURLY_QUOTES = '“”„‟«»';
const OTHER_DASHES = '–—−';

function refuseCurlyQuote(text: string, at: number): void {
  const ch = text[at];
  if (ch !== undefined && CURLY_QUOTES.includes(ch))
    throw new FilterSyntaxError(
      `Curly quote ${ch}: write straight quotes "…" around a value (or put the ${ch} inside them to search it)`,
      at,
      at + 1,
    );
}

/**
 * Reads one value: a quoted string (with \" and \\ escapes), `=` and a quoted string, or a run up
 * to space, comma or quote.
 */
function readItem(text: string, at: number): Item {
  if (text[at] === '=' && text[at + 1] === '"') return { ...readItem(text, at + 1), equals: true, start: at };
  if (text[at] === '"') {
    let value = '';
    let i = at + 1;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) i++;
      value += text[i];
      i++;
    }
    if (i >= text.length) throw new FilterSyntaxError('Unclosed quote: add the closing "', at, text.length);
    return { text: value, quoted: true, start: at, end: i + 1 };
  }
  refuseCurlyQuote(text, text[at] === '=' ? at + 1 : at);
  let i = at;
  while (i < text.length && !isSpace(text[i]) && text[i] !== ',' && text[i] !== '"') i++;
  return { text: text.slice(at, i), quoted: false, start: at, end: i };
}

function readItems(text: string, at: number, field: string): { items: Item[]; end: number } {
  const items: Item[] = [];
  let i = at;
  for (;;) {
    const item = readItem(text, i);
    if (item.text === '' && !item.quoted)
      throw new FilterSyntaxError(
        `${field}: needs a value after the ${i === at ? 'colon' : 'comma'}`,
        i - 1,
        i,
      );
    items.push(item);
    i = item.end;
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (i < text.length && !isSpace(text[i]))
      throw new FilterSyntaxError('Put a space or a comma after a quoted value', i, i + 1);
    return { items, end: i };
  }
}

/** Free text: a quoted phrase, or everything up to the next space. */
function readWord(text: string, at: number): Item {
  if (text[at] === '"') return readItem(text, at);
  refuseCurlyQuote(text, at);
  let i = at;
  while (i < text.length && !isSpace(text[i])) i++;
  return { text: text.slice(at, i), quoted: false, start: at, end: i };
}

export function scanTerms(text: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const start = i;
    const dash = text[i] as string;
    if (OTHER_DASHES.includes(dash) && FIELD_NAME.test(`-${text.slice(i + 1, i + 64)}`))
      throw new FilterSyntaxError(
        `Write - (a hyphen) to exclude a term: "${dash}" is another dash`,
        i,
        i + 1,
      );
    const field = FIELD_NAME.exec(text.slice(i, i + 64));
    const word = readWord(text, i);
    if (field && !looksLikeIpv6(word.text)) {
      const negate = field[0].startsWith('-');
      const name = field[0].slice(negate ? 1 : 0, -1);
      const nameEnd = i + field[0].length;
      const { items, end } = readItems(text, nameEnd, name);
      terms.push({ kind: 'field', name, negate, items, start, end, nameEnd });
      i = end;
      continue;
    }
    // "-word" excludes free text, like GitHub search; a lone "-" is just text.
    const negate = text[i] === '-' && text[i + 1] !== undefined && !isSpace(text[i + 1]);
    const item = negate ? readWord(text, i + 1) : word;
    if (item.end < text.length && !isSpace(text[item.end]))
      throw new FilterSyntaxError('Put a space after a quoted phrase', item.end, item.end + 1);
    terms.push({ kind: 'word', item, negate, start, end: item.end });
    i = item.end;
  }
  return terms;
}
