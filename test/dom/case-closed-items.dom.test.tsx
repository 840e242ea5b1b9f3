// The case page of a closed case offers no way to change its sessions or IPs (the core refuses it:
// a closed case is finished evidence); it says how to reopen instead, and notes stay. An open or
// in-progress case keeps "Add an IP" and the remove buttons. Before, "Add an IP" and × worked on a
// closed case while the Sessions view's "Add to case" list hid closed cases.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaseDetailPanel } from '../../src-renderer/views/cases/CaseDetailPanel.js';
import type { CaseDetail, CaseStatus } from '../../src-shared/cases.js';
import { answers, calls } from './fake-api.js';
import { fakeCase } from './fake-case.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
// The IP graph needs WebGL and the charts a canvas; the items and notes are under test.
vi.mock('../../src-renderer/views/cases/CaseGraph.js', () => ({ CaseGraph: () => null }));
vi.mock('../../src-renderer/views/cases/CaseCharts.js', () => ({ CaseCharts: () => null }));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const flush = () => act(async () => {});

const detail = (status: CaseStatus): CaseDetail => ({
  case: fakeCase(3, { status, sessions: 1, ips: 1 }),
  items: [
    { id: 1, kind: 'session', sessionId: 5, ip: null, addedBy: 'ana', addedAt: 0 },
    { id: 2, kind: 'ip', sessionId: null, ip: '192.0.2.1', addedBy: 'ana', addedAt: 0 },
  ],
  notes: [],
});

beforeEach(() => {
  calls.length = 0;
  answers.caseOverview = () => ({
    sessions: [],
    sessionTotal: 0,
    activity: [],
    countries: [],
    indicators: [],
  });
  answers.listImports = () => [];
  answers.listTags = () => [];
});
afterEach(async () => {
  await flush();
  cleanup();
});

describe('the items of a case on its page', () => {
  it('on a closed case: no add or remove, a line saying how to reopen; notes stay', async () => {
    render(<CaseDetailPanel detail={detail('closed')} onError={() => {}} />, withData);
    await flush();
    const items = screen.getByTestId('case-items');
    expect(items.textContent).toContain('session 5');
    expect(items.textContent).toContain('IP 192.0.2.1');
    expect(screen.queryByLabelText('IP to add')).toBeNull();
    expect(screen.queryAllByRole('button', { name: 'Remove from case' })).toHaveLength(0);
    expect(screen.getByTestId('case-items-closed').textContent).toBe(
      'This case is closed: set its status to open to add or remove sessions and IPs.',
    );
    // A closing note is normal: the note field stays.
    expect(screen.getByTestId('case-detail').querySelector('textarea')).not.toBeNull();
  });

  it.each(['open', 'in_progress'] as const)('on a case %s: add and remove are offered', async (status) => {
    render(<CaseDetailPanel detail={detail(status)} onError={() => {}} />, withData);
    await flush();
    expect(screen.getByLabelText('IP to add')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Remove from case' })).toHaveLength(2);
    expect(screen.queryByTestId('case-items-closed')).toBeNull();
  });
});
