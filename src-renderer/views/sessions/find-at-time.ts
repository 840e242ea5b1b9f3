// The session a link names, found by its id and start time (the address holds both, `&open=ID&at=MS`)
// through the page query the table itself uses: the rows that started in the same millisecond are
// an indexed time range holding a handful of rows.
import type { Session } from '../../../src-shared/domain.js';
import { api } from '../../api/index.js';

/** Rows sharing one start time (an access log counts seconds) are read this many at a time… */
const SAME_TIME_PAGE = 1000;
/** …up to this many pages: a session not found by then is not looked for further. */
const SAME_TIME_PAGES = 5;

/** Session `id`, started at `at`; null when no session of that millisecond has that id. */
export async function findAtTime(id: number, at: number): Promise<Session | null> {
  const sameTime = { from: at, to: at + 1 };
  for (let page = 0; page < SAME_TIME_PAGES; page++) {
    const answer = await api.sessionPage({
      filter: sameTime,
      sort: 'startTs',
      offset: page * SAME_TIME_PAGE,
      limit: SAME_TIME_PAGE,
    });
    const session = answer.items.find((row) => row.id === id);
    if (session) return session;
    if ((page + 1) * SAME_TIME_PAGE >= answer.total) return null;
  }
  return null;
}
