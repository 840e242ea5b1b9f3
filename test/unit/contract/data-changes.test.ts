// Which answers a change puts out of date: one table (src-shared/data-changes.ts), checked here
// against the contract and against what a change is known (not) to touch.
import { describe, expect, it } from 'vitest';
import { pageOperationNames, VigilEvent } from '../../../src-shared/api.js';
import {
  ChangeReason,
  INVALIDATES,
  jobInvalidates,
  QUERY_OPERATIONS,
} from '../../../src-shared/data-changes.js';
import type { JobProgress } from '../../../src-shared/domain.js';

const job = (kind: JobProgress['kind'], state: JobProgress['state'], runId?: number | null): JobProgress => ({
  jobId: 'j',
  kind,
  state,
  fraction: null,
  message: '',
  importId: null,
  counts: null,
  bytesRead: 0,
  bytesTotal: null,
  file: null,
  error: null,
  runId,
});

describe('what a data change puts out of date', () => {
  it('names only operations a page may call, each once', () => {
    for (const name of QUERY_OPERATIONS) expect(pageOperationNames).toContain(name);
    expect(new Set(QUERY_OPERATIONS).size).toBe(QUERY_OPERATIONS.length);
    for (const reason of ChangeReason.options)
      for (const name of INVALIDATES[reason]) expect(QUERY_OPERATIONS).toContain(name);
  });

  it('does not reload model runs, tags or the analyst name for a verdict', () => {
    const verdict = INVALIDATES.verdicts;
    for (const name of ['flagQueue', 'sessionPage', 'graphEdges', 'analyticsOverview', 'caseOverview'])
      expect(verdict).toContain(name);
    for (const name of ['listRuns', 'getRun', 'listTags', 'getAnalyst', 'listImports'])
      expect(verdict).not.toContain(name);
  });

  it('re-asks what a score or another active model moves, and leaves the rest', () => {
    for (const reason of ['train', 'score', 'active-model'] as const) {
      expect(INVALIDATES[reason]).toEqual(
        expect.arrayContaining(['listRuns', 'flagQueue', 'analyticsOverview']),
      );
      expect(INVALIDATES[reason]).not.toContain('listTags');
    }
  });

  it('re-asks everything for another database, and keeps a "label next" batch only on a reconnect', () => {
    expect([...INVALIDATES['database-opened']].sort()).toEqual([...QUERY_OPERATIONS].sort());
    expect(INVALIDATES.reconnected).not.toContain('labelNext');
    expect(INVALIDATES.reconnected).toHaveLength(QUERY_OPERATIONS.length - 1);
    for (const reason of ChangeReason.options.filter((r) => r !== 'database-opened'))
      expect(INVALIDATES[reason]).not.toContain('labelNext');
  });

  it('carries the reason in the contract, so an unknown one never reaches a view', () => {
    expect(VigilEvent.safeParse({ type: 'data-changed', reason: 'verdicts' }).success).toBe(true);
    expect(VigilEvent.safeParse({ type: 'data-changed', reason: 'another window' }).success).toBe(false);
  });

  it('follows jobs: imports when they end in any way, runs as they are trained and scored', () => {
    expect(jobInvalidates(job('import', 'running'))).toEqual([]);
    for (const state of ['done', 'failed', 'cancelled'] as const)
      expect(jobInvalidates(job('pull', state))).toContain('listImports');
    expect(jobInvalidates(job('train', 'running', null))).toEqual([]);
    expect(jobInvalidates(job('train', 'running', 3))).toContain('listRuns');
    expect(jobInvalidates(job('score', 'failed', null))).toContain('listRuns');
  });
});
