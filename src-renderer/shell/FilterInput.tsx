// The filter-language input: live syntax errors with their position, and an autocomplete list of
// field names and values. Enter applies what is typed; it takes a suggestion only when the arrow
// keys moved to one (Tab takes the highlighted or first). Escape closes the list and keeps the text.
import { type KeyboardEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { applySuggestion, completionContext, parseFilter } from '../../src-shared/filter/index.js';
import { useFilterSuggestions } from './useFilterSuggestions.js';

export interface FilterInputProps {
  value: string;
  onChange(text: string): void;
  /** Enter with no suggestion open: apply now. */
  onSubmit(text: string): void;
  inputRef?: React.RefObject<HTMLInputElement | null>;
  /** Shown under the box while no suggestion list covers it (what is pending). */
  children?: ReactNode;
}

/** The list may grow as wide as its longest value (a user agent), up to the window's right edge. */
function roomRightOf(input: HTMLElement | null): number | undefined {
  if (!input) return undefined;
  return Math.max(input.offsetWidth, window.innerWidth - input.getBoundingClientRect().left - 16);
}

export function FilterInput({ value, onChange, onSubmit, inputRef, children }: FilterInputProps) {
  const [cursor, setCursor] = useState(value.length);
  const [open, setOpen] = useState(false);
  // -1: no suggestion chosen with the arrow keys, so Enter applies the text as typed.
  const [active, setActive] = useState(-1);
  const ownRef = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? ownRef;
  const listId = useId();
  const context = useMemo(() => completionContext(value, cursor), [value, cursor]);
  const suggestions = useFilterSuggestions(context).slice(0, 12);
  const parsed = useMemo(() => parseFilter(value), [value]);
  const error = parsed.ok ? null : parsed.error;
  const showList = open && suggestions.length > 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new list starts with nothing chosen.
  useEffect(() => setActive(-1), [suggestions.length, context.kind]);

  const accept = (index: number) => {
    const suggestion = suggestions[index];
    if (!suggestion || context.kind === 'none') return;
    const next = applySuggestion(value, context, suggestion);
    onChange(next.text);
    setCursor(next.cursor);
    // A picked value finishes its term: the list closes until the analyst types again (a picked
    // field name stays open on that field's values).
    if (context.kind === 'value') setOpen(false);
    requestAnimationFrame(() => ref.current?.setSelectionRange(next.cursor, next.cursor));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (showList && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const count = suggestions.length;
      setActive((current) =>
        event.key === 'ArrowDown' ? (current + 1) % count : current <= 0 ? count - 1 : current - 1,
      );
    } else if (showList && event.key === 'Tab') {
      event.preventDefault();
      accept(Math.max(active, 0));
    } else if (showList && event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      accept(active);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      setOpen(false);
      onSubmit(value);
    } else if (event.key === 'Escape') {
      // Never clear the text (a search box would); the first Escape only closes the list.
      event.preventDefault();
      if (showList) event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="filter-input">
      <input
        ref={ref}
        type="text"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={error !== null}
        aria-label="Filter sessions"
        data-testid="filter-input"
        placeholder='Filter: src:10.0.0.0/8 country:US,CA port:443 rule:"Suspicious Web Traffic"   ( / )'
        spellCheck={false}
        autoComplete="off"
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          setCursor(event.target.selectionStart ?? event.target.value.length);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(event) => setCursor(event.currentTarget.selectionStart ?? value.length)}
        onClick={(event) => {
          setCursor(event.currentTarget.selectionStart ?? value.length);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      {showList && (
        <div
          className="suggestions"
          id={listId}
          role="listbox"
          data-testid="filter-suggestions"
          style={{ maxWidth: roomRightOf(ref.current) }}
        >
          {suggestions.map((suggestion, index) => (
            <div
              key={suggestion.insert}
              id={`${listId}-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              // mousedown, not click: the input must not lose focus first.
              onMouseDown={(event) => {
                event.preventDefault();
                accept(index);
              }}
            >
              <span className="suggestion-label" title={suggestion.label}>
                {suggestion.label}
              </span>
              <span className="suggestion-detail">{suggestion.detail}</span>
            </div>
          ))}
        </div>
      )}
      {/* While the list offers completions the term is still being typed: no error yet. */}
      {error && !showList && (
        <p className="filter-error" role="alert" data-testid="filter-error" data-start={error.start}>
          <span>{error.message}</span>
          <span className="filter-error-at">
            {' '}
            at character {error.start + 1}: <code>{value.slice(0, error.start)}</code>
            <mark>{value.slice(error.start, Math.max(error.end, error.start + 1)) || ' '}</mark>
            <code>{value.slice(Math.max(error.end, error.start + 1))}</code>
          </span>
        </p>
      )}
      {!showList && children}
    </div>
  );
}
