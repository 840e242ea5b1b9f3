import { describe, expect, it } from 'vitest';
import {
  applySuggestion,
  completionContext,
  parseFilterOrThrow,
  suggestionsFor,
} from '../../../src-shared/filter/index.js';

describe('filter autocomplete', () => {
  it('completes field names from the word under the cursor, keeping a leading minus', () => {
    const context = completionContext('port:443 -cou', 13);
    expect(context).toEqual({ kind: 'field', prefix: 'cou', from: 10, to: 13 });
    const [first] = suggestionsFor(context);
    expect(first).toMatchObject({ insert: 'country:', detail: 'source country (ISO code)' });
    if (context.kind === 'none') throw new Error('unreachable');
    expect(applySuggestion('port:443 -cou', context, first!)).toEqual({
      text: 'port:443 -country:',
      cursor: 18,
    });
  });

  it('completes the list item under the cursor with the values given, quoting when needed', () => {
    const context = completionContext('rule:"Sus type:x', 9);
    expect(context).toEqual({ kind: 'value', field: 'rule', prefix: 'Sus', from: 5, to: 9 });
    const values = [
      { value: 'Suspicious Web Traffic', sessions: 1200 },
      { value: 'Other', sessions: 3 },
    ];
    const suggestions = suggestionsFor(context, values);
    expect(suggestions).toEqual([
      { insert: '"Suspicious Web Traffic"', label: 'Suspicious Web Traffic', detail: '1,200 sessions' },
    ]);
    if (context.kind === 'none') throw new Error('unreachable');
    expect(applySuggestion('rule:"Sus type:x', context, suggestions[0]!).text).toBe(
      'rule:"Suspicious Web Traffic" type:x',
    );
  });

  it('completes after a comma and knows the verdicts itself', () => {
    const context = completionContext('country:US,c', 12);
    expect(context).toMatchObject({ kind: 'value', field: 'country', prefix: 'c', from: 11 });
    expect(
      suggestionsFor(context, [
        { value: 'CA', sessions: 5 },
        { value: 'US', sessions: 9 },
      ]).map((s) => s.label),
    ).toEqual(['CA']);
    expect(suggestionsFor(completionContext('verdict:', 8)).map((s) => s.label)).toEqual([
      'malicious',
      'benign',
      'review',
      'none',
    ]);
  });

  it('offers the status classes for a status, as the language reads them', () => {
    expect(suggestionsFor(completionContext('status:', 7)).map((s) => s.insert)).toEqual([
      '1xx',
      '2xx',
      '3xx',
      '4xx',
      '5xx',
      '*',
    ]);
    expect(suggestionsFor(completionContext('code:4', 6)).map((s) => s.insert)).toEqual(['4xx']);
    // A number term without classes offers nothing of its own but "has a value".
    expect(suggestionsFor(completionContext('bytes_in:', 9)).map((s) => s.insert)).toEqual(['*']);
  });

  it('offers * (has a value) last, only where the term takes it', () => {
    const inserts = (text: string) =>
      suggestionsFor(completionContext(text, text.length)).map((s) => s.insert);
    expect(inserts('-type:')).toEqual(['*']);
    expect(inserts('country:*')).toEqual(['*']);
    expect(inserts('type:sc')).toEqual([]);
    expect(inserts('flagged:')).toEqual(['yes', 'no']);
    expect(inserts('src:')).toEqual([]);
    expect(inserts('sigma:')).toEqual([]);
  });

  it('offers an alias beside the terms, and completes its term’s values', () => {
    expect(suggestionsFor(completionContext('sta', 3))).toEqual([
      { insert: 'status:', label: 'status:', detail: 'response code or class, like 5xx (same as code:)' },
    ]);
    expect(completionContext('status:5', 8)).toEqual({
      kind: 'value',
      field: 'code',
      prefix: '5',
      from: 7,
      to: 8,
    });
  });

  it('offers values holding what was typed for a term matched by any part, starting with it otherwise', () => {
    const agents = [
      { value: 'Mozilla/5.0 (X11; Linux) Firefox/126.0', sessions: -1 },
      { value: 'sqlmap/1.8#stable', sessions: -1 },
    ];
    expect(suggestionsFor(completionContext('ua:FIRE', 7), agents).map((s) => s.label)).toEqual([
      agents[0]!.value,
    ]);
    const paths = [
      { value: '/wp-admin/install.php', sessions: -1 },
      { value: '/index.php', sessions: -1 },
    ];
    expect(suggestionsFor(completionContext('path:/WP', 8), paths).map((s) => s.insert)).toEqual([
      '/wp-admin/install.php',
    ]);
    expect(suggestionsFor(completionContext('path:php', 8), paths)).toEqual([]);
  });

  it('after =, offers whole values starting with what was typed and keeps the = in what it inserts', () => {
    const agents = [
      { value: 'Mozilla/5.0 (X11; Linux) Firefox/126.0', sessions: -1 },
      { value: 'sqlmap/1.8#stable', sessions: -1 },
    ];
    expect(completionContext('ua:=SQL', 7)).toEqual({
      kind: 'value',
      field: 'ua',
      prefix: 'SQL',
      from: 3,
      to: 7,
      exact: true,
    });
    // Any part is what a bare ua: value matches; the whole value starts with what was typed.
    expect(suggestionsFor(completionContext('ua:=fire', 8), agents)).toEqual([]);
    expect(suggestionsFor(completionContext('ua:="moz', 8), agents).map((s) => s.insert)).toEqual([
      '="Mozilla/5.0 (X11; Linux) Firefox/126.0"',
    ]);
    const inserted = applySuggestion('ua:=sql', completionContext('ua:=sql', 7) as never, {
      insert: '=sqlmap/1.8#stable',
      label: '',
      detail: '',
    });
    expect(parseFilterOrThrow(inserted.text)).toEqual([
      { field: 'ua', negate: false, values: [{ kind: 'exact', value: 'sqlmap/1.8#stable' }] },
    ]);
    // A term that is exact already keeps the = it was typed with; a number's = is its comparison.
    expect(
      suggestionsFor(completionContext('method:=P', 9), [{ value: 'POST', sessions: 3 }])[0]?.insert,
    ).toBe('=POST');
    expect(completionContext('code:=5', 7)).toMatchObject({ prefix: '=5' });
  });

  it('offers nothing for unknown fields or free text with a colon', () => {
    expect(completionContext('nosuch:x', 8)).toEqual({ kind: 'none' });
    expect(completionContext('"quoted', 7)).toEqual({ kind: 'none' });
  });
});
