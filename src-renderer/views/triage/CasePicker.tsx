// The open cases, to add the focused session (or the selection) to one with a click or its number.
import { useVigilQuery } from '../../data/vigil-query.js';

export function CasePicker({ onPick }: { onPick(caseId: string): void }) {
  const cases = useVigilQuery('listCases', {});
  // Open means not closed: a case in progress still takes sessions.
  const open = (cases.data ?? []).filter((c) => c.status !== 'closed');
  if (!cases.data) return <p className="muted case-picker">Loading open cases…</p>;
  if (open.length === 0)
    return <p className="muted case-picker">No open case yet: type a title to open one.</p>;
  return (
    <ul className="case-picker" data-testid="case-picker" aria-label="Open cases">
      {open.slice(0, 12).map((c) => (
        <li key={c.id}>
          <button
            type="button"
            className="link"
            data-testid="case-pick"
            data-case={c.id}
            // mousedown, not click: the prompt's input must not lose focus (and close) first.
            onMouseDown={(event) => {
              event.preventDefault();
              onPick(String(c.id));
            }}
          >
            #{c.id} {c.title}
          </button>
        </li>
      ))}
    </ul>
  );
}
