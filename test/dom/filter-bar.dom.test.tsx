import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FilterBar } from '../../src-renderer/shell/FilterBar.js';
import { filterStore, setFilterText } from '../../src-renderer/state/filter.js';
import { answers, calls } from './fake-api.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));

beforeEach(() => {
  vi.useFakeTimers();
  calls.length = 0;
  answers.dashboardSummary = () => ({ lastTs: Date.UTC(2024, 3, 26) });
  // As the core reads words with no stored value holding them: free text.
  answers.readFilterWords = (args: { words: string[] }) =>
    args.words.map((word) => ({
      word,
      readAs: { field: 'text', negate: false, values: [{ kind: 'text', value: word }] },
    }));
  answers.filterSuggestions = (args: { field: string; prefix: string }) =>
    args.field === 'country'
      ? [
          { value: 'US', sessions: 1200 },
          { value: 'UA', sessions: 7 },
        ].filter((v) => v.value.startsWith(args.prefix.toUpperCase()))
      : [];
  setFilterText('');
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderBar() {
  render(<FilterBar inputRef={createRef()} />, withData);
  return screen.getByTestId('filter-input') as HTMLInputElement;
}

const suggestionItems = () => within(screen.getByTestId('filter-suggestions')).getAllByRole('option');

function type(input: HTMLInputElement, text: string) {
  fireEvent.change(input, { target: { value: text, selectionStart: text.length } });
  input.setSelectionRange(text.length, text.length);
  fireEvent.keyUp(input);
}

describe('filter bar', () => {
  it('asks the core for the values of the request fields and rule hits too', async () => {
    answers.filterSuggestions = (args: { field: string }) =>
      ({
        ua: [{ value: 'sqlmap/1.7.7#stable (https://sqlmap.org)', sessions: -1 }],
        sigma: [{ value: 'SQL injection in a web request', sessions: 262 }],
        method: [{ value: 'POST', sessions: -1 }],
        path: [{ value: '/admin/login', sessions: -1 }],
      })[args.field] ?? [];
    const input = renderBar();
    input.focus();
    for (const [text, field, shown] of [
      ['ua:sql', 'ua', 'sqlmap/1.7.7#stable (https://sqlmap.org)'],
      ['sigma:sq', 'sigma', 'SQL injection in a web request262 sessions'],
      ['method:P', 'method', 'POST'],
      ['path:/adm', 'path', '/admin/login'],
    ] as const) {
      type(input, text);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(200);
      });
      expect(calls.filter((c) => c.name === 'filterSuggestions').at(-1)?.args).toMatchObject({ field });
      expect(suggestionItems().map((o) => o.textContent)).toEqual([shown]);
    }
  });

  it('completes a field name, then fetches and completes its values', async () => {
    const input = renderBar();
    input.focus();
    type(input, 'cou');
    const options = suggestionItems();
    expect(options.map((o) => o.textContent)).toEqual(['country:source country (ISO code)']);
    fireEvent.keyDown(input, { key: 'Tab' });
    expect(input.value).toBe('country:');

    type(input, 'country:u');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(200);
    });
    expect(calls.filter((c) => c.name === 'filterSuggestions').at(-1)?.args).toEqual({
      field: 'country',
      prefix: 'u',
      limit: 12,
    });
    expect(suggestionItems().map((o) => o.textContent)).toEqual(['US1,200 sessions', 'UA7 sessions']);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.value).toBe('country:UA ');
    // A picked value finishes the term: the list does not reopen over the page.
    expect(screen.queryByTestId('filter-suggestions')).toBeNull();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(filterStore.get().text).toBe('country:UA ');
    expect(screen.queryByTestId('filter-suggestions')).toBeNull();
  });

  it('applies what is typed on Enter, even with suggestions open, unless one was chosen with the arrows', () => {
    const input = renderBar();
    input.focus();
    type(input, 'country:US src');
    expect(suggestionItems().length).toBeGreaterThan(0);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.value).toBe('country:US src');
    expect(filterStore.get().text).toBe('country:US src');
  });

  it('clears the filter when Enter is pressed on an empty box', () => {
    setFilterText('country:US');
    const input = renderBar();
    input.focus();
    type(input, '');
    expect(suggestionItems().length).toBeGreaterThan(0);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(filterStore.get().text).toBe('');
    expect(filterStore.get().clauses).toEqual([]);
    expect(filterStore.get().error).toBeNull();
  });

  it('keeps the text when Escape closes the suggestions', () => {
    const input = renderBar();
    input.focus();
    type(input, 'cou');
    expect(input.type).toBe('text');
    const notPrevented = fireEvent.keyDown(input, { key: 'Escape' });
    expect(notPrevented).toBe(false); // default prevented: a search box would clear itself
    expect(input.value).toBe('cou');
    expect(screen.queryByTestId('filter-suggestions')).toBeNull();
  });

  it('applies a finished term after a pause and a half-typed word never, saying how a word is read', async () => {
    const input = renderBar();
    type(input, 'port:443');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(filterStore.get().clauses).toEqual([]);
    type(input, 'port:443 ');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(filterStore.get().clauses).toEqual([
      { field: 'port', negate: false, values: [{ kind: 'cmp', op: '=', value: 443 }] },
    ]);
    type(input, 'port:443 bea');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    expect(filterStore.get().text).toBe('port:443 ');
    const pending = screen.getByTestId('filter-pending');
    expect(pending.dataset.state).toBe('pending');
    expect(pending.textContent).toMatch(/Enter applies it; until then the views still show port:443\./);
    expect(screen.getByTestId('filter-readings').textContent).toMatch(
      /bea → src or dst is "bea", or rule, .*label.* contains "bea"/,
    );
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(filterStore.get().text).toBe('port:443 bea');
    expect(screen.queryByTestId('filter-pending')).toBeNull();
  });

  it('shows a syntax error with its position and keeps the last good filter', async () => {
    setFilterText('country:US');
    const input = renderBar();
    type(input, 'country:US score:>>1');
    const error = screen.getByTestId('filter-error');
    expect(error.textContent).toMatch(/score: bad comparison ">>1".*at character 18/);
    expect(error.dataset.start).toBe('17');
    expect(error.querySelector('mark')?.textContent).toBe('>>1');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(filterStore.get().clauses).toHaveLength(1);
    fireEvent.keyDown(input, { key: 'Enter' });
    // Refused: the text in force stays what every view shows, and the bar says so.
    expect(filterStore.get().text).toBe('country:US');
    expect(filterStore.get().clauses).toHaveLength(1);
    expect(filterStore.get().error?.message).toMatch(/bad comparison/);
    const pending = screen.getByTestId('filter-pending');
    expect(pending.dataset.state).toBe('invalid');
    expect(pending.textContent).toBe('Not applied: the views still show country:US.');
  });

  it.each([
    ['status:6xx', 'status: 6xx is not an HTTP status class (1xx to 5xx)', '6xx'],
    ['country:USA', 'country: "USA" is not a two-letter country code (ISO 3166, like US or DE)', 'USA'],
    ['flagged', '"flagged" alone searches the text "flagged": did you mean flagged:yes?', 'flagged'],
  ])(
    "refuses %s, which can never match, with the parser's words (as the CLI does)",
    (text, words, marked) => {
      setFilterText('port:443');
      const input = renderBar();
      type(input, `port:443 ${text}`);
      // The list may still offer completions (`flagged:`); once closed, the error shows.
      fireEvent.keyDown(input, { key: 'Escape' });
      const error = screen.getByTestId('filter-error');
      expect(error.textContent).toContain(words);
      expect(error.querySelector('mark')?.textContent).toBe(marked);
      fireEvent.keyDown(input, { key: 'Enter' });
      expect(filterStore.get().text).toBe('port:443');
    },
  );

  it('shows hostile text from values as text', async () => {
    answers.filterSuggestions = () => [{ value: '<img src=x onerror=alert(1)>', sessions: 3 }];
    const input = renderBar();
    input.focus();
    type(input, 'rule:');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(200);
    });
    expect(suggestionItems()[0]!.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });

  it('says how the core will read a bare word, once it has answered', async () => {
    answers.readFilterWords = () => [
      { word: 'bea', readAs: { field: 'label', negate: false, values: [{ kind: 'text', value: 'beacon' }] } },
    ];
    const input = renderBar();
    type(input, 'bea');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(50);
    });
    expect(calls.filter((c) => c.name === 'readFilterWords').at(-1)?.args).toEqual({ words: ['bea'] });
    expect(screen.getByTestId('filter-readings').textContent).toBe(' Read as: bea → label:beacon');
    expect(filterStore.get().text).toBe('');
  });
});
