// The row of the session a link opened, in the table of the current query (session-place.ts),
// asked again when the query changes. Late answers, for a query or a session since replaced, are
// not returned.
import { useEffect, useState } from 'react';
import type { Session } from '../../../src-shared/domain.js';
import { type SessionPlace, sessionPlace } from './session-place.js';
import type { SessionQuery } from './useSessionBlocks.js';

export interface PlacedRow {
  /** The query and the session the place answers: a new one is a new place to go to. */
  key: string;
  place: SessionPlace;
}

export function useOpenRowPlace(query: SessionQuery, session: Session | null): PlacedRow | null {
  const [answer, setAnswer] = useState<PlacedRow | null>(null);
  const key = session ? `${JSON.stringify(query)}#${session.id}` : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key holds the query and the session.
  useEffect(() => {
    if (!session || key === null) return;
    let live = true;
    sessionPlace(query, session.id, session.startTs).then(
      (place) => live && setAnswer({ key, place }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [key]);
  return answer && answer.key === key ? answer : null;
}
