// The case header counts what the case holds in words that agree with the numbers.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaseHeader } from '../../src-renderer/views/cases/CaseHeader.js';
import type { Case } from '../../src-shared/cases.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(async () => {
  await act(async () => {});
  cleanup();
});

const aCase = (ips: number, sessions: number, notes: number, sessionTotal = sessions): Case => ({
  id: 3,
  title: 'Scan',
  severity: 'low',
  status: 'open',
  summary: '',
  createdBy: 'ana',
  createdAt: 0,
  updatedAt: 0,
  sessions,
  sessionTotal,
  ips,
  notes,
  tags: [],
});

const counts = () => screen.getByTestId('case-counts').textContent ?? '';

describe('case header counts', () => {
  it('says "1 IP", "1 session" and "1 note" for one of each', async () => {
    render(<CaseHeader c={aCase(1, 1, 1)} onError={() => {}} />, withData);
    expect(counts()).toBe('holds 1 session (1 session and 1 IP added) · 1 note');
  });

  it('groups large counts and uses plurals', async () => {
    render(<CaseHeader c={aCase(2, 1913, 0)} onError={() => {}} />, withData);
    expect(counts()).toBe('holds 1,913 sessions (1,913 sessions and 2 IPs added) · 0 notes');
  });

  it('leads with the sessions the case holds, those of its IPs included', async () => {
    render(<CaseHeader c={aCase(1, 1, 0, 1913)} onError={() => {}} />, withData);
    expect(counts()).toBe('holds 1,913 sessions (1 session and 1 IP added) · 0 notes');
  });
});
