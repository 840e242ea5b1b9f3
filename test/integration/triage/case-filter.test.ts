// A case's sessions chosen by a filter (the Sessions view's "Add N to case…", `vigil case add
// --filter`): the core selects them when asked and the case records their ids, so sessions
// imported later never join it; a filter selecting more than one change may take is refused with
// the count, and nothing is added.
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/service.js';
import { type ArgsOf, type OperationName, operations, type ResultOf } from '../../../src-shared/api.js';
import { MAX_CASE_SESSIONS } from '../../../src-shared/cases.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { cloudwatchLine, importLines, workspace } from './harness.js';

function coreOf(dbPath: string) {
  const core = createCore({ dbPath, enrich: false });
  const call = async <K extends OperationName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> => {
    const parsed = operations[name].args.parse(args);
    const value = await (core.service[name] as (a: unknown) => Promise<unknown>)(parsed);
    return operations[name].result.parse(value) as ResultOf<K>;
  };
  return { core, call };
}

const caseSessionIds = (detail: ResultOf<'getCase'>) =>
  detail.items.flatMap((item) =>
    item.kind === 'session' && item.sessionId !== null ? [item.sessionId] : [],
  );

describe('a case from a filter', () => {
  it('adds the sessions the filter selects now, once each; later imports do not join', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [
      cloudwatchLine({ srcIp: '203.0.113.9', country: 'US' }),
      cloudwatchLine({ srcIp: '203.0.113.9', country: 'US', start: '2024-04-25T23:30:00Z' }),
      cloudwatchLine({ srcIp: '198.51.100.4', country: 'CA' }),
    ]);
    const { core, call } = coreOf(ws.dbPath);
    try {
      const filter = { clauses: parseFilterOrThrow('country:US') };
      const created = await call('createCase', { title: 'From the US', filter });
      expect(caseSessionIds(await call('getCase', { id: created.case.id })).sort()).toEqual(
        [ids[0], ids[1]].sort(),
      );
      // The listed session and the filter's together; one the case holds is not added twice.
      const caseId = created.case.id;
      const added = await call('editCaseItems', { caseId, sessionIds: [ids[2]!], filter });
      expect(added.case.sessions).toBe(3);
      // A session imported later that the filter would select is not in the case.
      await importLines(ws, [
        cloudwatchLine({ srcIp: '203.0.113.77', country: 'US', start: '2024-04-26T01:00:00Z' }),
      ]);
      expect((await call('getCase', { id: caseId })).case.sessions).toBe(3);
      // Removing by a filter removes what it selects.
      const removed = await call('editCaseItems', { caseId, filter, add: false });
      expect(caseSessionIds(removed)).toEqual([ids[2]]);
    } finally {
      await core.close();
    }
  });

  it(`refuses a filter that selects more than ${MAX_CASE_SESSIONS.toLocaleString('en-US')} sessions, counted, adding nothing`, async () => {
    const ws = workspace();
    const start = Date.UTC(2024, 3, 25);
    insertSessions(
      ws.db,
      Array.from({ length: MAX_CASE_SESSIONS + 5 }, (_, i) => ({
        startTs: start + i * 1000,
        srcIp: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      })),
    );
    const { core, call } = coreOf(ws.dbPath);
    try {
      const { case: opened } = await call('createCase', { title: 'Everything' });
      await expect(
        call('editCaseItems', {
          caseId: opened.id,
          filter: { clauses: parseFilterOrThrow('src:10.0.0.0/8') },
        }),
      ).rejects.toThrow(
        'The filter selects 100,005 sessions; a case takes at most 100,000 at once: narrow the filter.',
      );
      expect((await call('getCase', { id: opened.id })).items).toEqual([]);
      // Narrowed under the bound, it is taken whole.
      const narrowed = await call('editCaseItems', {
        caseId: opened.id,
        filter: { clauses: parseFilterOrThrow('src:10.0.0.0/16') },
      });
      expect(narrowed.case.sessions).toBe(65_536);
    } finally {
      await core.close();
    }
  }, 60_000);
});
