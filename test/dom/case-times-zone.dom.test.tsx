// The Case view's times say their zone, as its charts, indicators, the CLI ("22:51 UTC") and the
// report do: the header's opened / updated, each item's added and each note's time. Before, they
// were UTC without a word, and an analyst outside UTC read "2024-05-01 10:00:00" as local time.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaseDetailPanel } from '../../src-renderer/views/cases/CaseDetailPanel.js';
import { answers } from './fake-api.js';
import { fakeCase } from './fake-case.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
vi.mock('../../src-renderer/views/cases/CaseGraph.js', () => ({ CaseGraph: () => null }));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const AT = Date.UTC(2024, 4, 1, 10, 0, 0);

beforeEach(() => {
  answers.listTags = () => [];
  answers.caseOverview = () => new Promise(() => {});
});
afterEach(async () => {
  await act(async () => {});
  cleanup();
});

describe('times in the case view', () => {
  it('say UTC in the header, the items and the notes', async () => {
    const c = fakeCase(4, { createdAt: AT, updatedAt: AT + 60_000, sessions: 1, notes: 1 });
    await act(async () => {
      render(
        <CaseDetailPanel
          detail={{
            case: c,
            items: [{ id: 1, kind: 'session', sessionId: 9, ip: null, addedBy: 'ana', addedAt: AT + 1000 }],
            notes: [{ id: 1, analyst: 'bo', body: 'seen', at: AT + 2000 }],
          }}
          onError={() => {}}
        />,
        withData,
      );
    });
    const header = screen.getByTestId('case-detail').querySelector('header')?.textContent ?? '';
    expect(header).toContain('opened by ana 2024-05-01 10:00:00 UTC');
    expect(header).toContain('updated 2024-05-01 10:01:00 UTC');
    expect(screen.getByTestId('case-items').textContent).toContain('ana 2024-05-01 10:00:01 UTC');
    expect(screen.getByTestId('case-notes').textContent).toContain('2024-05-01 10:00:02 UTC');
  });
});
