// The global filter bar over every view: time range and the filter language. What is typed applies
// on Enter, or by itself a moment after a finished term (the text ends with a space: a picked
// value adds one), never while a word is half typed ("bea" would match other sessions than
// "beacon"). A text that does not parse is never applied: the last good filter stays in force. A
// term a click could not add (a 10 KB user agent is no term) says why under the box.
import { useEffect, useState } from 'react';
import { parseFilter } from '../../src-shared/filter/index.js';
import { dismissRefusal, setFilterText, useGlobalFilter } from '../state/filter.js';
import { FilterInput } from './FilterInput.js';
import { FilterPending } from './FilterPending.js';
import { TimeRangePicker } from './TimeRangePicker.js';

const APPLY_AFTER_MS = 350;

/** A finished term: the analyst typed a space (or picked a value) after it. */
const endsATerm = (text: string) => /\s$/.test(text) && text.trim() !== '' && parseFilter(text).ok;

export function FilterBar({ inputRef }: { inputRef: React.RefObject<HTMLInputElement | null> }) {
  const global = useGlobalFilter();
  const [draft, setDraft] = useState(global.text);

  // A chart click changes the text from outside: show it.
  useEffect(() => setDraft(global.text), [global.text]);

  useEffect(() => {
    if (draft === global.text || !endsATerm(draft)) return;
    const timer = setTimeout(() => setFilterText(draft), APPLY_AFTER_MS);
    return () => clearTimeout(timer);
  }, [draft, global.text]);

  const edit = (text: string) => {
    setDraft(text);
    dismissRefusal();
  };

  const clear = () => {
    setDraft('');
    setFilterText('');
  };

  return (
    <search className="filter-bar" data-testid="filter-bar">
      <TimeRangePicker range={global.range} />
      <FilterInput value={draft} onChange={edit} onSubmit={setFilterText} inputRef={inputRef}>
        <FilterPending draft={draft} applied={global.text} />
        {global.refused !== null && (
          <p className="filter-pending" role="alert" data-state="invalid" data-testid="filter-refused">
            Not applied: {global.refused}.
          </p>
        )}
      </FilterInput>
      {(draft !== '' || global.text !== '') && (
        <button type="button" className="small" data-testid="filter-clear" onClick={clear}>
          Clear
        </button>
      )}
    </search>
  );
}
