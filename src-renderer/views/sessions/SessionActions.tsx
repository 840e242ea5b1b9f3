// What the analyst can do from the session drawer without going to Triage: a verdict, a tag, add the
// session to an open case, open its source IP in the graph, and jump to why it was flagged. Each call
// is the operation Triage uses (setVerdict, tagSessions, editCaseItems), so the audit log and undo
// treat them alike; the line under the buttons says what was done or why it was refused.
import { type FormEvent, useState } from 'react';
import { currentMarks } from '../../../src-shared/audit-words.js';
import type { Session } from '../../../src-shared/domain.js';
import { api } from '../../api/index.js';
import { TagChip } from '../../components/TagChip.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { openIpInGraph } from '../graph/open-in-graph.js';
import { VERDICT_CHOICES } from '../triage/verdict-choices.js';

export function SessionActions({ session, whyId }: { session: Session; whyId: string }) {
  const [status, setStatus] = useState('');
  const [tag, setTag] = useState('');
  const cases = useVigilQuery('listCases', {});
  // The same question the history below asks: its answer says the verdict and tags now.
  const history = useVigilQuery('sessionHistory', { sessionId: session.id });
  const marks = currentMarks(history.data ?? []);
  const tagList = useVigilQuery('listTags', {});
  const colours = new Map((tagList.data ?? []).map((t) => [t.name, t.colour]));
  const open = (cases.data ?? []).filter((c) => c.status !== 'closed');
  const sessionIds = [session.id];

  const run = (call: () => Promise<unknown>, done: string) =>
    call().then(
      () => setStatus(done),
      (e: Error) => setStatus(`Refused: ${e.message}`),
    );
  const addTag = (event: FormEvent) => {
    event.preventDefault();
    const name = tag.trim();
    if (!name) return setStatus('Type a tag name first.');
    void run(() => api.tagSessions({ tag: name, sessionIds, on: true }), `Tagged “${name}”.`);
    setTag('');
  };

  return (
    <section className="session-actions" data-testid="drawer-actions" aria-label="Actions">
      <div className="session-actions-row">
        <span className="muted">Verdict</span>
        {VERDICT_CHOICES.map(({ verdict, label }) => (
          <button
            key={verdict}
            type="button"
            data-testid={`drawer-verdict-${verdict}`}
            aria-pressed={marks.verdict === verdict}
            onClick={() =>
              void run(() => api.setVerdict({ target: { sessionIds }, verdict }), `Marked ${label}.`)
            }
          >
            {label}
          </button>
        ))}
      </div>
      <form className="session-actions-row" onSubmit={addTag}>
        <input
          type="text"
          value={tag}
          onChange={(event) => setTag(event.target.value)}
          placeholder="tag name"
          aria-label="Tag name"
          maxLength={60}
          data-testid="drawer-tag-input"
        />
        <button type="submit" data-testid="drawer-tag">
          Tag
        </button>
        <select
          aria-label="Add to case"
          data-testid="drawer-case"
          value=""
          onChange={(event) => {
            const caseId = Number(event.target.value);
            const title = open.find((c) => c.id === caseId)?.title ?? '';
            void run(
              () => api.editCaseItems({ caseId, sessionIds, ips: [], add: true }),
              `Added to case #${caseId} ${title}.`,
            );
          }}
        >
          <option value="" disabled>
            {open.length ? 'Add to case…' : 'No open case'}
          </option>
          {open.map((c) => (
            <option key={c.id} value={c.id}>
              #{c.id} {c.title}
            </option>
          ))}
        </select>
      </form>
      {marks.tags.length > 0 && (
        <p className="session-tags" data-testid="drawer-tags">
          <span className="muted">Tags</span>{' '}
          {marks.tags.map((name) => (
            <TagChip key={name} name={name} colour={colours.get(name)} />
          ))}
        </p>
      )}
      <div className="session-actions-row">
        <button type="button" data-testid="drawer-open-graph" onClick={() => openIpInGraph(session.srcIp)}>
          Open {session.srcIp} in graph
        </button>
        <a href={`#${whyId}`} data-testid="drawer-why" onClick={(event) => scrollTo(event, whyId)}>
          Why flagged
        </a>
      </div>
      <p className="muted" role="status" data-testid="drawer-action-status">
        {status}
      </p>
    </section>
  );
}

/** The hash routes the views: the link scrolls within the drawer instead of navigating. */
function scrollTo(event: { preventDefault(): void }, id: string) {
  event.preventDefault();
  document.getElementById(id)?.scrollIntoView({ block: 'start' });
}
