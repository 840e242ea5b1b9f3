import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { CASE_SEVERITIES, type Case, type CaseSeverity, type CaseStatus } from '../../../src-shared/cases.js';
import { api } from '../../api/index.js';
import { countOf, formatTimestamp } from '../../format.js';
import { askCaseAgain } from './ask-case-again.js';
import { CaseTags } from './CaseTags.js';
import { StatusOptions } from './StatusOptions.js';

/**
 * Title (click to edit), severity, status and tags of a case; each change is saved at once. Delete
 * (where the view offers it) asks the view to confirm: DeleteCaseDialog.
 */
export function CaseHeader({
  c,
  onError,
  onDelete,
}: {
  c: Case;
  onError(message: string): void;
  onDelete?(c: Case): void;
}) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(c.title);
  // The title the rename began from: a rename from a title another tab changed since is refused.
  const [began, setBegan] = useState(c.title);
  const client = useQueryClient();
  const fail = (e: Error) => onError(e.message);
  // A severity or status refused (a stale page): the reason is shown and the case asked again, so
  // the menus show the case as it is now, not the pick that was refused. (A refused rename keeps
  // the typed title in its box instead: asked again, a changed title would remount the header.)
  const pickRefused = (e: Error) => {
    fail(e);
    askCaseAgain(client);
  };
  // Escape drops the typed title: the blur that follows must not save it.
  const dropped = useRef(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Focus back on "rename" when the box closes (Enter, Escape, blur): it had gone to the page.
  useEffect(() => {
    if (wasEditing.current && !editing) renameButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const save = () => {
    setEditing(false);
    if (dropped.current) {
      dropped.current = false;
      return;
    }
    if (!title.trim() || title === began) return;
    api.updateCase({ id: c.id, title, was: { title: began } }).catch((e: Error) => {
      // Refused: the typed title comes back in the box beside the reason, not lost.
      setEditing(true);
      fail(e);
    });
  };
  return (
    <header className="case-head">
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            onBlur={save}
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return;
              dropped.current = true;
              setTitle(began);
              setEditing(false);
            }}
            aria-label="Case title"
          />
        </form>
      ) : (
        <h2 data-testid="case-title">
          <span className="muted">#{c.id}</span> {c.title}{' '}
          <button
            ref={renameButton}
            type="button"
            className="small"
            onClick={() => {
              dropped.current = false;
              setTitle(c.title);
              setBegan(c.title);
              setEditing(true);
            }}
          >
            rename
          </button>
        </h2>
      )}
      <p className="muted">
        {/* UTC, as the charts, the CLI and the report say: unsaid, an analyst read it as local time. */}
        opened by {c.createdBy} {formatTimestamp(c.createdAt)} UTC · updated {formatTimestamp(c.updatedAt)}{' '}
        UTC ·{' '}
        <span data-testid="case-counts">
          holds {countOf(c.sessionTotal, 'session')} ({countOf(c.sessions, 'session')} and{' '}
          {countOf(c.ips, 'IP')} added) · {countOf(c.notes, 'note')}
        </span>
      </p>
      <p className="case-fields">
        <label>
          Severity{' '}
          <select
            value={c.severity}
            className={`severity-${c.severity}`}
            onChange={(e) =>
              api
                .updateCase({
                  id: c.id,
                  severity: e.target.value as CaseSeverity,
                  was: { severity: c.severity },
                })
                .catch(pickRefused)
            }
          >
            {CASE_SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Status{' '}
          <select
            value={c.status}
            data-testid="case-status"
            onChange={(e) =>
              api
                .updateCase({ id: c.id, status: e.target.value as CaseStatus, was: { status: c.status } })
                .catch(pickRefused)
            }
          >
            <StatusOptions />
          </select>
        </label>
        {onDelete && (
          <button
            type="button"
            className="small danger-outline case-delete"
            onClick={() => onDelete(c)}
            data-testid="case-delete"
          >
            Delete case…
          </button>
        )}
      </p>
      <CaseTags caseId={c.id} tags={c.tags} onError={onError} />
    </header>
  );
}
