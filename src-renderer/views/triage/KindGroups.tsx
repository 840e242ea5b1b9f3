// A threat-type run's queue by predicted kind: each kind with its flags, a click to keep only that
// kind (the `kind:` filter term), and one verdict on the whole group that confirms the kind or
// corrects it to another. The verdict names the kind, so it is that kind's label next run.
import { useState } from 'react';
import { kindName } from '../../../src-shared/threat-types.js';
import type { FlagQueuePage } from '../../../src-shared/triage.js';
import { addFilterTerm } from '../../state/filter.js';

interface Props {
  page: FlagQueuePage;
  /** One verdict on the group flagged as `predictedKind`, naming `kind` (useTriageActions). */
  onJudge: (predictedKind: string, kind: string, runId: number) => void;
}

export function KindGroups({ page, onJudge }: Props) {
  const groups = page.kindGroups ?? [];
  const kinds = page.kinds ?? [];
  // One run's queue, or the set's with an active threat-type run in it.
  const runId = page.run?.id ?? page.kindRunId;
  if (runId === undefined || groups.length === 0) return null;
  return (
    <section className="kind-groups" data-testid="kind-groups" aria-label="flags by predicted kind">
      <h2>By predicted kind</h2>
      <ul>
        {groups.map((group) => (
          <KindGroup
            key={group.kind}
            kind={group.kind}
            sessions={group.sessions}
            kinds={kinds}
            onShow={() =>
              addFilterTerm({ field: 'kind', negate: false, values: [{ kind: 'text', value: group.kind }] })
            }
            onJudge={(kind) => onJudge(group.kind, kind, runId)}
          />
        ))}
      </ul>
    </section>
  );
}

function KindGroup(props: {
  kind: string;
  sessions: number;
  kinds: string[];
  onShow: () => void;
  onJudge: (kind: string) => void;
}) {
  const { kind, sessions, kinds, onShow, onJudge } = props;
  // Typed, not only picked: the analyst may name a kind the run does not know yet (its next run
  // learns it from these verdicts); the run's kinds are offered as suggestions.
  const [typed, setTyped] = useState(kind);
  const chosen = kindName(typed);
  const listId = `kind-choices-${kind}`;
  return (
    <li data-testid="kind-group" data-kind={kind}>
      <button type="button" className="link" onClick={onShow} title={`only kind:${kind}`}>
        <strong>{kind}</strong>
      </button>{' '}
      <span className="muted">{sessions.toLocaleString('en-US')} flagged</span>{' '}
      <label>
        is{' '}
        <input
          data-testid="kind-group-choice"
          list={listId}
          // Wide enough for the longest kind offered (web-local-file-inclusion), not cut.
          size={Math.max(12, kind.length, ...kinds.map((k) => k.length)) + 1}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <datalist id={listId}>
          {kinds.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </label>{' '}
      <button
        type="button"
        data-testid="kind-group-judge"
        disabled={chosen === null}
        title={chosen === null ? 'name a kind: letters and digits, like sql_injection' : undefined}
        onClick={() => chosen && onJudge(chosen)}
      >
        {chosen === kind ? 'Confirm' : 'Correct'} all {sessions.toLocaleString('en-US')}
      </button>
    </li>
  );
}
