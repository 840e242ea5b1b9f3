// Another case opened in the Cases view: its activity and indicators are its own or not shown yet,
// never the last case's under the new case's title while its overview loads.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaseDetailPanel } from '../../src-renderer/views/cases/CaseDetailPanel.js';
import type { CaseOverview } from '../../src-shared/cases.js';
import { answers } from './fake-api.js';
import { detailOf, fakeCase } from './fake-case.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
// Sigma needs WebGL, which happy-dom has not; the mini graph is drawn in the e2e tests.
vi.mock('../../src-renderer/views/cases/CaseGraph.js', () => ({ CaseGraph: () => null }));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const overviewOf = (ip: string, sessionTotal: number): CaseOverview => ({
  sessions: [],
  sessionTotal,
  activity: [],
  countries: [],
  indicators: [
    { ip, reasons: ['case item'], sessions: sessionTotal, firstSeen: null, lastSeen: null, iocLists: [] },
  ],
});

beforeEach(() => {
  answers.listTags = () => [];
});
afterEach(async () => {
  await act(async () => {});
  cleanup();
});

describe('the case detail, when another case is opened', () => {
  it("never shows the last case's activity or indicators while the next case's overview loads", async () => {
    answers.caseOverview = () => overviewOf('198.51.100.1', 40);
    const view = render(
      <CaseDetailPanel detail={detailOf(fakeCase(1, { sessionTotal: 40 }))} onError={() => {}} />,
      withData,
    );
    await waitFor(() => expect(screen.getByTestId('case-indicators').textContent).toContain('198.51.100.1'));
    expect(screen.getByTestId('case-session-total').textContent).toContain('40 sessions');
    // Case 2's overview is still on its way when its detail is shown.
    answers.caseOverview = () => new Promise(() => {});
    await act(async () => {
      view.rerender(
        <CaseDetailPanel detail={detailOf(fakeCase(2, { sessionTotal: 7 }))} onError={() => {}} />,
      );
    });
    expect(screen.getByTestId('case-detail').dataset.case).toBe('2');
    expect(screen.queryByTestId('case-indicators')).toBeNull();
    expect(screen.queryByTestId('case-session-total')).toBeNull();
  });
});
