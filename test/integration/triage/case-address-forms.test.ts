// An IP of a case, or the IP of a verdict on "all sessions from" it, is one address in every text
// form a log wrote it in, as `ip:` and the graph take it: `2001:DB8::3` is `2001:db8::3` and a
// dual-stack server's `::ffff:10.1.2.3` is `10.1.2.3`. Before, a case held and a verdict took only
// the sessions whose address was written exactly as typed: a case of 2001:db8::3 and 10.1.2.3 held
// 2 of their 4 sessions, and `verdict --ip 2001:DB8::3` found no session. Through the API schemas
// (what the server and the desktop app call) on a real import.
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/service.js';
import { type ArgsOf, type OperationName, operations, type ResultOf } from '../../../src-shared/api.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import { cloudwatchLine, importLines, workspace } from './harness.js';

const FORMS = ['2001:db8::3', '2001:DB8::3', '::ffff:10.1.2.3', '10.1.2.3', '192.0.2.77'];

async function withCore(
  test: (call: Call, ids: number[], ws: ReturnType<typeof workspace>) => Promise<void>,
) {
  const ws = workspace();
  const ids = await importLines(
    ws,
    FORMS.map((srcIp, i) => cloudwatchLine({ srcIp, start: `2024-04-25T23:0${i}:00Z` })),
  );
  const core = createCore({ dbPath: ws.dbPath });
  const call: Call = async (name, args) => {
    const value = await (core.service[name] as (a: unknown) => Promise<unknown>)(
      operations[name].args.parse(args),
    );
    return operations[name].result.parse(value) as never;
  };
  try {
    await test(call, ids, ws);
  } finally {
    await core.close();
  }
}
type Call = <K extends OperationName>(name: K, args: ArgsOf<K>) => Promise<ResultOf<K>>;

describe('an IP in every text form', () => {
  it('is what a case holds: its count, overview, indicators and the ip: filter agree', async () => {
    await withCore(async (call, ids) => {
      const created = await call('createCase', { title: 'Forms', ips: ['2001:db8::3', '10.1.2.3'] });
      const id = created.case.id;
      // The ip: filter's answer for the same two addresses.
      const filtered = await call('sessionPage', {
        filter: { clauses: parseFilterOrThrow('ip:2001:db8::3,10.1.2.3') },
      } as ArgsOf<'sessionPage'>);
      expect(filtered.items.map((s) => s.id)).toEqual(ids.slice(0, 4));
      expect(created.case.sessionTotal).toBe(4);
      const overview = await call('caseOverview', { id });
      expect(overview.sessions.map((s) => s.id).sort((a, b) => a - b)).toEqual(ids.slice(0, 4));
      // One indicator per address, named as the case names it, counting every form's sessions.
      expect(overview.indicators.map((i) => [i.ip, i.reasons, i.sessions])).toEqual([
        ['2001:db8::3', ['case item'], 2],
        ['10.1.2.3', ['case item'], 2],
      ]);
    });
  });

  it('is one item of a case: another form adds nothing, and removes the item', async () => {
    await withCore(async (call) => {
      const { case: c } = await call('createCase', { title: 'Forms', ips: ['2001:db8::3'] });
      const added = await call('editCaseItems', {
        caseId: c.id,
        ips: ['2001:0DB8:0:0:0:0:0:3', '::FFFF:10.1.2.3', '10.1.2.3'],
      });
      // The typed text is kept: the first form given of each address.
      expect(added.items.map((i) => i.ip)).toEqual(['2001:db8::3', '::FFFF:10.1.2.3']);
      const removed = await call('editCaseItems', { caseId: c.id, ips: ['2001:DB8::3'], add: false });
      expect(removed.items.map((i) => i.ip)).toEqual(['::FFFF:10.1.2.3']);
      expect(removed.case.sessionTotal).toBe(2);
    });
  });

  it('is what a verdict on all sessions from an IP takes, whichever form is typed', async () => {
    await withCore(async (call, ids, ws) => {
      const lower = await call('setVerdict', { target: { srcIp: '2001:db8::3' }, verdict: 'malicious' });
      expect(lower.covered).toBe(2);
      const upper = await call('setVerdict', { target: { srcIp: '2001:DB8::3' }, verdict: 'review' });
      expect([upper.covered, upper.changed]).toEqual([2, 2]);
      const mapped = await call('setVerdict', { target: { srcIp: '10.1.2.3' }, verdict: 'benign' });
      expect(mapped.covered).toBe(2);
      const verdicts = ws.db
        .prepare('SELECT session_id, verdict FROM verdicts ORDER BY session_id')
        .raw(true)
        .all();
      expect(verdicts).toEqual([
        [ids[0], 'review'],
        [ids[1], 'review'],
        [ids[2], 'benign'],
        [ids[3], 'benign'],
      ]);
    });
  });
});
