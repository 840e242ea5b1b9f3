// The row of the session a link opened, in the table of the current query, asked again when the
// query changes. The core counts it in the table's own order under any sort and filter
// (sessionRow); null: the filter excludes the session. Late answers, for a query or a session
// since replaced, are not returned.
import { useEffect, useState } from 'react';
import type { Session } from '../../../src-shared/domain.js';
import { api } from '../../api/index.js';
import type { SessionQuery } from './useSessionBlocks.js';

export interface PlacedRow {
  /** The query and the session the row answers: a new one is a new place to go to. */
  key: string;
  /** Its row number (0 is the first), or null when the filter excludes it. */
  row: number | null;
}

export function useOpenRowPlace(query: SessionQuery, session: Session | null): PlacedRow | null {
  const [answer, setAnswer] = useState<PlacedRow | null>(null);
  const key = session ? `${JSON.stringify(query)}#${session.id}` : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key holds the query and the session.
  useEffect(() => {
    if (!session || key === null) return;
    let live = true;
    api.sessionRow({ ...query, id: session.id }).then(
      ({ row }) => live && setAnswer({ key, row }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [key]);
  return answer && answer.key === key ? answer : null;
}
