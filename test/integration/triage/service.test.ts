// The triage, case and export operations through the service, with arguments and results passed
// through the same zod schemas the IPC and HTTP transports use.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/service.js';
import {
  type ArgsOf,
  type OperationName,
  operations,
  type ResultOf,
  type VigilEvent,
} from '../../../src-shared/api.js';
import { addScoredRun, cloudwatchLine, importLines, workspace } from './harness.js';

describe('triage service', () => {
  it('runs cases, verdicts, tags, IOC lists, the queue and exports through the API schemas', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [
      cloudwatchLine({ srcIp: '203.0.113.9' }),
      cloudwatchLine({ srcIp: '203.0.113.9', start: '2024-04-25T23:30:00Z' }),
      cloudwatchLine({ srcIp: '198.51.100.4' }),
    ]);
    addScoredRun(
      ws.db,
      'iforest',
      ids.map((id, i) => [id, 0.9 - i * 0.1]),
    );
    const printed: string[] = [];
    const core = createCore({
      dbPath: ws.dbPath,
      // The Electron app's hook: here a stand-in that records what it was asked to print.
      printToPdf: async (html) => {
        printed.push(html);
        return new TextEncoder().encode('%PDF-1.7 stand-in');
      },
    });
    const events: VigilEvent[] = [];
    core.events.on('event', (event) => events.push(event));
    const call = async <K extends OperationName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> => {
      const parsed = operations[name].args.parse(args);
      const value = await (core.service[name] as (a: unknown) => Promise<unknown>)(parsed);
      return operations[name].result.parse(value) as ResultOf<K>;
    };
    try {
      await call('setAnalyst', { name: 'Ana' });
      expect(await call('getAnalyst', {})).toEqual({ name: 'Ana' });
      const created = await call('createCase', {
        title: 'Night Owl',
        ips: ['203.0.113.9'],
        sessionIds: [ids[2]!],
      });
      expect(created.case).toMatchObject({
        severity: 'medium',
        status: 'open',
        createdBy: 'Ana',
        ips: 1,
        sessions: 1,
      });
      expect(() => operations.createCase.args.parse({ title: 'x', ips: ['999.0.0.1'] })).toThrow(
        /IPv4 or IPv6/,
      );
      const caseId = created.case.id;
      await call('updateCase', { id: caseId, status: 'in_progress', summary: '**beacon** every 60 s' });
      await call('addCaseNote', { caseId, body: 'handed to IR' });
      await call('editCaseItems', { caseId, sessionIds: [ids[0]!] });
      const detail = await call('getCase', { id: caseId });
      expect(detail.case).toMatchObject({ status: 'in_progress', sessions: 2, notes: 1 });
      expect(detail.notes).toMatchObject([{ analyst: 'Ana', body: 'handed to IR' }]);
      expect((await call('listCases', { status: 'in_progress' })).map((c) => c.id)).toEqual([caseId]);

      await call('setVerdict', { target: { srcIp: '203.0.113.9' }, verdict: 'malicious', note: 'c2' });
      await call('tagSessions', { tag: 'evidence', sessionIds: [ids[0]!] });
      await call('saveTag', { name: 'evidence', colour: '#112233' });
      expect(await call('listTags', {})).toEqual([
        { id: 1, name: 'evidence', colour: '#112233', sessions: 1 },
      ]);
      await call('importIocList', { name: 'partners', kind: 'known_good', text: '198.51.100.0/24' });
      const queue = await call('flagQueue', { groupBySrcIp: true });
      expect(queue.groups.map((g) => g.srcIp)).toEqual(['203.0.113.9', '198.51.100.4']);
      expect(queue.items.map((i) => i.verdict?.verdict ?? null)).toEqual(['malicious', 'malicious', null]);
      expect(queue.items[2]!.ioc).toEqual([{ list: 'partners', kind: 'known_good' }]);
      expect((await call('sessionHistory', { sessionId: ids[0]! })).map((h) => h.analyst)).toEqual([
        'Ana',
        'Ana',
      ]);

      const pdf = await call('exportReport', {
        caseId,
        format: 'pdf',
        path: path.join(ws.dir, 'out', 'case.pdf'),
      });
      expect(fs.readFileSync(pdf.path, 'utf8')).toBe('%PDF-1.7 stand-in');
      expect(printed).toHaveLength(1);
      expect(printed[0]).toContain('Night Owl');
      const csv = await call('exportReport', {
        filter: { verdict: 'malicious' },
        format: 'csv',
        path: path.join(ws.dir, 'm.csv'),
      });
      expect(csv.sessions).toBe(2);
      expect(() => operations.exportReport.args.parse({ format: 'stix', path: 'x' })).toThrow(
        /made from a case/,
      );
      expect(
        events.filter((e) => e.type === 'data-changed').map((e) => (e as { reason: string }).reason),
      ).toContain('verdicts');

      await call('deleteCase', { id: caseId });
      expect(await call('listCases', {})).toEqual([]);
    } finally {
      await core.close();
    }
  });
});
