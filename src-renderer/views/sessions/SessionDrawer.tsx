// The detail drawer beside the table: actions (verdict, tag, case, graph, why flagged), the HTTP request and the rules it matched, all fields, the
// source reference, model scores with "why flagged", and verdict history. Escape or the close button dismisses it.
import { useEffect, useRef } from 'react';
import type { Session } from '../../../src-shared/domain.js';
import { breakableAddress } from '../../components/BreakableAddress.js';
import { queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { sessionRoute } from '../../format.js';
import { ModelScores } from './ModelScores.js';
import { RawSourceRef } from './RawSourceRef.js';
import { RequestSection } from './RequestSection.js';
import { RuleHits } from './RuleHits.js';
import { SessionActions } from './SessionActions.js';
import { SessionFields } from './SessionFields.js';
import { VerdictHistory } from './VerdictHistory.js';

export function SessionDrawer({ session, onClose }: { session: Session; onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  // Focus moves into the drawer when it opens on another session, so Escape works at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: session.id is the trigger.
  useEffect(() => closeButton.current?.focus(), [session.id]);
  // Another row's rule hits are never shown, nor marked in this row's request, while these load.
  const hits = queryState(
    useVigilQuery('sessionRuleHits', { sessionId: session.id }, { keepPrevious: false }),
  );
  return (
    <aside
      className="drawer"
      aria-label={`Session ${session.id}`}
      data-testid="session-drawer"
      data-session-id={session.id}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header className="drawer-head">
        <h2>
          Session {session.id}{' '}
          <span className="muted drawer-route" data-testid="drawer-route">
            {breakableAddress(sessionRoute(session))}
          </span>
        </h2>
        <a className="button" href={`#/cases/new?session=${session.id}`} data-testid="drawer-new-case">
          New case
        </a>
        <button
          type="button"
          ref={closeButton}
          onClick={onClose}
          aria-label="Close details"
          data-testid="drawer-close"
        >
          ✕
        </button>
      </header>
      <SessionActions key={session.id} session={session} whyId="drawer-why-flagged" />
      <RequestSection session={session} hits={hits.data ?? []} />
      <section>
        <h3>Rule hits</h3>
        <RuleHits query={hits} />
      </section>
      <section>
        <h3>Source line</h3>
        <RawSourceRef importId={session.importId} line={session.rawLine} />
      </section>
      <section id="drawer-why-flagged">
        <h3>Model scores · why flagged</h3>
        {/* Keyed by session: another row's scores and history are never shown while these load. */}
        <ModelScores key={session.id} sessionId={session.id} />
      </section>
      <section>
        <h3>Verdict history</h3>
        <VerdictHistory key={session.id} sessionId={session.id} />
      </section>
      <section>
        <h3>Fields</h3>
        <SessionFields session={session} />
      </section>
    </aside>
  );
}
