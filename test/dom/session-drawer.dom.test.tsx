// The session drawer: every field, the source file:line, model scores with "why flagged", verdict
// history — and log strings that carry markup stay inert text.
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filterStore, setFilterText } from '../../src-renderer/state/filter.js';
import { SessionDrawer } from '../../src-renderer/views/sessions/SessionDrawer.js';
import { answers } from './fake-api.js';
import { fakeSession } from './fake-session.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
// Two cores shared by many test runs: give React's renders more than the default second.
configure({ asyncUtilTimeout: 5000 });

const PAYLOAD = '<img src=x onerror="window.__pwned=1">';
const hostile = fakeSession(7, {
  ruleName: PAYLOAD,
  detectionType: `javascript:alert(1)${PAYLOAD}`,
  attrs: { [`x${PAYLOAD}`]: PAYLOAD },
  rawLine: 42,
});

beforeEach(() => {
  answers.listImports = () => [{ id: 1, file: `/logs/${PAYLOAD}.csv`, format: 'cloudwatch-csv' }];
  answers.sessionScores = () => [
    {
      runId: 3,
      kind: 'iforest',
      active: true,
      score: 0.71,
      flagged: true,
      explanation: [
        { feature: `bytes_out${PAYLOAD}`, contribution: 0.4 },
        { feature: 'distinct_ports', contribution: 0.1 },
        {
          feature: 'src_window_login_attempts',
          contribution: 0.05,
          value: Math.log1p(40),
          typical: Math.log1p(0.5),
          sd: 6.2,
        },
      ],
    },
  ];
  answers.sessionHistory = () => [
    {
      id: 1,
      actionId: 1,
      at: Date.UTC(2024, 3, 26),
      analyst: 'ana',
      kind: 'verdict',
      summary: 'malicious on session 7',
      entity: 'session',
      entityId: '7',
      field: 'verdict',
      before: null,
      after: { verdict: 'malicious', analyst: 'ana', note: PAYLOAD, at: 1 },
      undoes: null,
    },
  ];
});
afterEach(() => {
  cleanup();
  delete (window as { __pwned?: number }).__pwned;
});

describe('session drawer', () => {
  it('shows fields, file:line, scores with why-flagged and history, all as text', async () => {
    render(<SessionDrawer session={hostile} onClose={() => {}} />, withData);
    const drawer = screen.getByTestId('session-drawer');
    await waitFor(() => screen.getByTestId('drawer-scores'));
    await waitFor(() => screen.getByTestId('drawer-history'));
    await waitFor(() =>
      expect(screen.getByTestId('drawer-raw-ref').textContent).toContain(`/logs/${PAYLOAD}.csv:42`),
    );
    expect(screen.getByTestId('drawer-raw-ref').textContent).toContain('raw text of stored rows is not kept');
    const fields = screen.getByTestId('drawer-fields');
    expect(within(fields).getAllByText(PAYLOAD).length).toBe(2); // the rule and the extra column's value
    expect(screen.getByTestId('drawer-scores').textContent).toContain(`bytes_out${PAYLOAD}`);
    expect(screen.getByTestId('drawer-scores').textContent).toContain('flagged');
    expect(screen.getByTestId('drawer-scores').textContent).toContain(
      'Login attempts, per source: 40, typical 0.5 (6.2 SD above)',
    );
    expect(screen.getByTestId('drawer-history').textContent).toContain(`malicious (“${PAYLOAD}”)`);
    // Markup in the data never became elements.
    expect(drawer.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('filters for or out any field of the session from beside its value, the whole value', () => {
    setFilterText('');
    const session = fakeSession(9, {
      srcIp: '198.51.100.4',
      dstIp: null,
      path: '/wp-login.php',
      userAgent: 'curl/8.5.0 (x)',
      bytesIn: 1200,
    });
    render(<SessionDrawer session={session} onClose={() => {}} />, withData);
    const row = (field: string) =>
      screen.getByTestId('drawer-fields').querySelector(`dd[data-field="${field}"]`)!;
    fireEvent.click(within(row('srcIp') as HTMLElement).getByTestId('field-filter-for'));
    fireEvent.click(within(row('path') as HTMLElement).getByTestId('field-filter-for'));
    fireEvent.click(within(row('userAgent') as HTMLElement).getByTestId('field-filter-out'));
    fireEvent.click(within(row('bytesIn') as HTMLElement).getByTestId('field-filter-for'));
    expect(filterStore.get().text).toBe(
      'src:198.51.100.4 path:=/wp-login.php -ua:="curl/8.5.0 (x)" bytes_in:1200',
    );
    expect(filterStore.get().error).toBeNull();
    // An empty field, or one that is no filter term, offers no pivot.
    expect(within(row('dstIp') as HTMLElement).queryByTestId('field-filter-for')).toBeNull();
    expect(within(row('startTs') as HTMLElement).queryByTestId('field-filter-for')).toBeNull();
    expect(
      within(row('path') as HTMLElement)
        .getByTestId('field-filter-for')
        .getAttribute('aria-label'),
    ).toBe('Filter for this path');
  });

  it('heads a session with its route, or its source alone when the log names no destination', () => {
    render(
      <SessionDrawer
        session={fakeSession(3, { srcIp: '198.51.100.4', dstIp: '10.0.0.5', dstPort: 443 })}
        onClose={() => {}}
      />,
      withData,
    );
    expect(screen.getByTestId('drawer-route').textContent).toBe('198.51.100.4 → 10.0.0.5:443');
    cleanup();
    // An access log records the client, not the server's address.
    render(
      <SessionDrawer
        session={fakeSession(4, { srcIp: '198.51.100.4', dstIp: null, dstPort: null })}
        onClose={() => {}}
      />,
      withData,
    );
    expect(screen.getByTestId('drawer-route').textContent).toBe('198.51.100.4');
  });

  it('names the kind a threat-type run flagged the session as, with its probability', async () => {
    answers.sessionScores = () => [
      {
        runId: 4,
        kind: 'rf',
        active: true,
        score: 0.9,
        flagged: true,
        explanation: [{ feature: 'distinct_ports', contribution: 0.3 }],
        predictedKind: `port_scan${PAYLOAD}`,
        kindProbability: 0.834,
      },
    ];
    render(<SessionDrawer session={hostile} onClose={() => {}} />, withData);
    await waitFor(() => screen.getByTestId('drawer-scores'));
    expect(screen.getByTestId('score-kind').textContent).toBe(`port_scan${PAYLOAD} 83 %`);
    expect(screen.getByTestId('drawer-scores').textContent).toContain(`Why flagged as port_scan${PAYLOAD}:`);
    expect(document.querySelector('img')).toBeNull();
  });

  it('says a predicted kind the run was never tested on is an unmeasured guess', async () => {
    const score = (runId: number, kind: string, kindTesting: 'judged' | 'none-held-out') => ({
      runId,
      kind: 'rf',
      active: runId === 4,
      score: 0.9,
      flagged: true,
      explanation: null,
      predictedKind: kind,
      kindProbability: 0.9,
      kindTesting,
    });
    answers.sessionScores = () => [score(4, 'sql_injection', 'none-held-out'), score(2, 'xss', 'judged')];
    render(<SessionDrawer session={hostile} onClose={() => {}} />, withData);
    await waitFor(() => screen.getByTestId('drawer-scores'));
    const notes = screen.getAllByTestId('score-kind-untested');
    expect(notes.map((n) => n.textContent)).toEqual([
      'sql_injection was not tested by this run (no held-out session): an unmeasured guess.',
    ]);
  });

  it('says plainly when nothing scored the session and no verdict was given', async () => {
    answers.sessionScores = () => [];
    answers.sessionHistory = () => [];
    render(<SessionDrawer session={fakeSession(8)} onClose={() => {}} />, withData);
    await waitFor(() => screen.getByTestId('drawer-no-scores'));
    expect(screen.getByTestId('drawer-no-verdicts').textContent).toBe('No verdicts yet.');
  });

  it("never shows the last session's scores or history while the next session's are loading", async () => {
    const view = render(<SessionDrawer session={hostile} onClose={() => {}} />, withData);
    await waitFor(() => screen.getByTestId('drawer-history'));
    await waitFor(() => screen.getByTestId('drawer-scores'));
    // The next session's answers stay on their way while the drawer shows it.
    answers.sessionScores = () => new Promise(() => {});
    answers.sessionHistory = () => new Promise(() => {});
    view.rerender(<SessionDrawer session={fakeSession(8)} onClose={() => {}} />);
    expect(screen.getByTestId('session-drawer').dataset.sessionId).toBe('8');
    expect(screen.queryByTestId('drawer-history')).toBeNull();
    expect(screen.queryByTestId('drawer-scores')).toBeNull();
    expect(screen.getByTestId('session-drawer').textContent).toContain('Loading history…');
  });

  it('closes on Escape', async () => {
    const onClose = vi.fn();
    render(<SessionDrawer session={fakeSession(9)} onClose={onClose} />, withData);
    screen.getByTestId('drawer-close').focus();
    screen
      .getByTestId('drawer-close')
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalled();
  });
});
