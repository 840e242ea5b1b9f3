import { useState } from 'react';
import type { Case } from '../../../src-shared/cases.js';
import { api } from '../../api/index.js';
import { Markdown } from './markdown.js';

/**
 * The Markdown summary, rendered through the safe subset; Edit shows the source. The save names the
 * text the edit began from: if another tab or analyst saved a summary since, the core refuses and
 * the draft stays in the box (with the reason) instead of overwriting theirs.
 */
export function CaseSummary({ c, onError }: { c: Case; onError(message: string): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [began, setBegan] = useState('');
  if (draft !== null)
    return (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          api.updateCase({ id: c.id, summary: draft, was: { summary: began } }).then(
            () => setDraft(null),
            (x: Error) => onError(x.message),
          );
        }}
      >
        <textarea
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          rows={8}
          className="case-summary-edit"
        />
        <button type="submit">Save summary</button>{' '}
        <button type="button" onClick={() => setDraft(null)}>
          Cancel
        </button>
      </form>
    );
  return (
    <div>
      {c.summary ? <Markdown source={c.summary} /> : <p className="muted">No summary yet.</p>}
      <button
        type="button"
        className="small"
        onClick={() => {
          setBegan(c.summary);
          setDraft(c.summary);
        }}
      >
        Edit summary
      </button>
    </div>
  );
}
