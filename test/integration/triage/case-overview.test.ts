// caseOverview: what the Cases view draws (sessions with verdict and score, indicators), through
// the API schemas on a real database.
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/service.js';
import { type ArgsOf, type OperationName, operations, type ResultOf } from '../../../src-shared/api.js';
import { addScoredRun, cloudwatchLine, importLines, workspace } from './harness.js';

describe('case overview', () => {
  it('holds listed sessions and every session from or to its IPs, with verdicts, scores and indicators', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [
      cloudwatchLine({ srcIp: '203.0.113.9' }),
      cloudwatchLine({ srcIp: '203.0.113.9', start: '2024-04-25T23:30:00Z' }),
      cloudwatchLine({ srcIp: '198.51.100.4' }),
      cloudwatchLine({ srcIp: '192.0.2.77' }),
    ]);
    addScoredRun(ws.db, 'iforest', [
      [ids[0]!, 0.91],
      [ids[2]!, 0.42],
    ]);
    const core = createCore({ dbPath: ws.dbPath });
    const call = async <K extends OperationName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> => {
      const value = await (core.service[name] as (a: unknown) => Promise<unknown>)(
        operations[name].args.parse(args),
      );
      return operations[name].result.parse(value) as ResultOf<K>;
    };
    try {
      const created = await call('createCase', { title: 'T', ips: ['203.0.113.9'], sessionIds: [ids[2]!] });
      await call('setVerdict', { target: { sessionIds: [ids[0]!] }, verdict: 'malicious' });
      const overview = await call('caseOverview', { id: created.case.id });
      expect(overview.sessionTotal).toBe(3);
      // One count of what the case holds: the list and the case itself say 3, as Activity does,
      // not the one session added as an item (the "1 session" vs 1,913 of issue 18).
      const [listed] = await call('listCases', {});
      expect([listed?.sessions, listed?.ips, listed?.sessionTotal]).toEqual([1, 1, 3]);
      expect((await call('getCase', { id: created.case.id })).case.sessionTotal).toBe(3);
      expect(overview.sessions.map((s) => [s.id, s.verdict, s.score])).toEqual([
        [ids[0], 'malicious', 0.91],
        [ids[2], null, 0.42],
        [ids[1], null, null],
      ]);
      expect(overview.indicators.map((i) => [i.ip, i.reasons, i.sessions])).toEqual([
        ['203.0.113.9', ['case item', 'malicious verdict'], 2],
      ]);
      await expect(call('caseOverview', { id: 999 })).rejects.toThrow(/No case with id 999/);
    } finally {
      await core.close();
    }
  });
});
