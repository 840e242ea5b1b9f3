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

const aCase = (ips: number, sessions: number, notes: number): Case => ({
  id: 3,
  title: 'Scan',
  severity: 'low',
  status: 'open',
  summary: '',
  createdBy: 'ana',
  createdAt: 0,
  updatedAt: 0,
  sessions,
  ips,
  notes,
  tags: [],
});

const counts = () => screen.getByText(/listed/).textContent ?? '';

describe('case header counts', () => {
  it('says "1 IP", "1 session" and "1 note" for one of each', async () => {
    render(<CaseHeader c={aCase(1, 1, 1)} onError={() => {}} />, withData);
    expect(counts()).toContain('1 IP and 1 session listed · 1 note');
  });

  it('groups large counts and uses plurals', async () => {
    render(<CaseHeader c={aCase(2, 1913, 0)} onError={() => {}} />, withData);
    expect(counts()).toContain('2 IPs and 1,913 sessions listed · 0 notes');
  });
});
