// The global filter bar over every view: time range and the filter language. The text applies a
// moment after typing stops (or at once on Enter); a text that does not parse keeps the last good filter.
import { useEffect, useState } from 'react';
import { setFilterText, useGlobalFilter } from '../state/filter.js';
import { FilterInput } from './FilterInput.js';
import { TimeRangePicker } from './TimeRangePicker.js';

const APPLY_AFTER_MS = 350;

export function FilterBar({ inputRef }: { inputRef: React.RefObject<HTMLInputElement | null> }) {
  const global = useGlobalFilter();
  const [draft, setDraft] = useState(global.text);

  // A chart click changes the text from outside: show it.
  useEffect(() => setDraft(global.text), [global.text]);

  useEffect(() => {
    if (draft === global.text) return;
    const timer = setTimeout(() => setFilterText(draft), APPLY_AFTER_MS);
    return () => clearTimeout(timer);
  }, [draft, global.text]);

  return (
    <search className="filter-bar" data-testid="filter-bar">
      <TimeRangePicker range={global.range} />
      <FilterInput value={draft} onChange={setDraft} onSubmit={setFilterText} inputRef={inputRef} />
      {draft !== '' && (
        <button type="button" className="small" data-testid="filter-clear" onClick={() => setFilterText('')}>
          Clear
        </button>
      )}
    </search>
  );
}
