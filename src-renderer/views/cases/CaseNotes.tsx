import { useState } from 'react';
import type { CaseNote } from '../../../src-shared/cases.js';
import { api } from '../../api/index.js';
import { formatTimestamp } from '../../format.js';
import { useOneAtATime } from '../../hooks/useOneAtATime.js';

/** The notes timeline, oldest first, and a box for the next one. Note bodies are text. */
export function CaseNotes({
  caseId,
  notes,
  onError,
}: {
  caseId: number;
  notes: CaseNote[];
  onError(m: string): void;
}) {
  const [text, setText] = useState('');
  // One note per press: a double click on Add note put the same note in the timeline twice.
  const { pending, run } = useOneAtATime();
  return (
    <div>
      <ol className="case-notes" data-testid="case-notes">
        {notes.map((n) => (
          <li key={n.id}>
            <span className="muted">{formatTimestamp(n.at)} UTC</span> <strong>{n.analyst}</strong>
            <div className="note-body">{n.body}</div>
          </li>
        ))}
      </ol>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim())
            run(() =>
              api.addCaseNote({ caseId, body: text }).then(
                () => setText(''),
                (x: Error) => onError(x.message),
              ),
            );
        }}
      >
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} placeholder="Add a note" />
        <button type="submit" disabled={pending}>
          Add note
        </button>
      </form>
    </div>
  );
}
