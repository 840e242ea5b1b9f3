// The session drawer's actions (and the Triage side panel's way to the graph): a verdict, a tag and "add to case" go through the operations Triage
// uses, a refusal is said in the drawer, the source IP opens in the graph, "why flagged" is reachable.
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionDrawer } from '../../src-renderer/views/sessions/SessionDrawer.js';
import { FocusPanel } from '../../src-renderer/views/triage/FocusPanel.js';
import { answers, calls } from './fake-api.js';
import { fakeSession } from './fake-session.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

const session = fakeSession(9, { srcIp: '203.0.113.7' });
const callsOf = (name: string) => calls.filter((c) => c.name === name).map((c) => c.args);

beforeEach(() => {
  calls.length = 0;
  window.location.hash = '#/sessions';
  answers.listImports = () => [];
  answers.sessionScores = () => [];
  answers.sessionHistory = () => [];
  answers.sessionRuleHits = () => [];
  answers.listCases = () => [
    { id: 4, title: 'Brute force wave', status: 'open' },
    { id: 5, title: 'Old one', status: 'closed' },
  ];
  answers.setVerdict = () => ({ changed: 1, covered: 1, actionId: 1 });
  answers.tagSessions = () => ({ changed: 1, covered: 1, actionId: 2 });
  answers.editCaseItems = () => ({});
});
afterEach(cleanup);

describe('Session drawer actions', () => {
  it('records a verdict and a tag on this session, and says so', async () => {
    render(<SessionDrawer session={session} onClose={() => {}} />, withData);
    fireEvent.click(screen.getByTestId('drawer-verdict-malicious'));
    await waitFor(() =>
      expect(screen.getByTestId('drawer-action-status').textContent).toBe('Marked malicious.'),
    );
    expect(callsOf('setVerdict')).toEqual([{ target: { sessionIds: [9] }, verdict: 'malicious' }]);
    fireEvent.change(screen.getByTestId('drawer-tag-input'), { target: { value: ' scanner ' } });
    fireEvent.click(screen.getByTestId('drawer-tag'));
    await waitFor(() =>
      expect(screen.getByTestId('drawer-action-status').textContent).toBe('Tagged “scanner”.'),
    );
    expect(callsOf('tagSessions')).toEqual([{ tag: 'scanner', sessionIds: [9], on: true }]);
  });

  it('shows the verdict the session has and its tags, and says tag changes in words', async () => {
    const change = (id: number, field: string, before: unknown, after: unknown) => ({
      id,
      actionId: id,
      at: Date.UTC(2026, 11, 6, 8, 41, id),
      analyst: 'ana',
      kind: field,
      summary: '',
      entity: 'session',
      entityId: '9',
      field,
      before,
      after,
      undoes: null,
    });
    const verdict = (v: string) => ({ verdict: v, analyst: 'ana', note: null, at: 0 });
    const tag = (name: string, present: boolean) => ({ tagId: 1, tag: name, present });
    answers.listTags = () => [{ id: 1, name: 'xss-confirmed', colour: '#d94848' }];
    answers.sessionHistory = () => [
      change(1, 'verdict', null, verdict('review')),
      change(2, 'tag', tag('xss-confirmed', false), tag('xss-confirmed', true)),
      change(3, 'tag', tag('noise', false), tag('noise', true)),
      change(4, 'verdict', verdict('review'), verdict('malicious')),
      change(5, 'tag', tag('noise', true), tag('noise', false)),
    ];
    render(<SessionDrawer session={session} onClose={() => {}} />, withData);
    await waitFor(() =>
      expect(screen.getByTestId('drawer-verdict-malicious').getAttribute('aria-pressed')).toBe('true'),
    );
    expect(screen.getByTestId('drawer-verdict-review').getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByTestId('drawer-tags').textContent).toBe('Tags xss-confirmed');
    const history = screen.getByTestId('drawer-history').textContent ?? '';
    expect(history).toContain('tagged “xss-confirmed”');
    expect(history).toContain('untagged “noise”');
    expect(history).not.toContain('{');
  });

  it('adds the session to an open case (closed ones are not offered)', async () => {
    render(<SessionDrawer session={session} onClose={() => {}} />, withData);
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((o) => o.textContent)).toContain('#4 Brute force wave'),
    );
    expect(screen.getAllByRole('option').map((o) => o.textContent)).not.toContain('#5 Old one');
    fireEvent.change(screen.getByTestId('drawer-case'), { target: { value: '4' } });
    await waitFor(() =>
      expect(screen.getByTestId('drawer-action-status').textContent).toBe(
        'Added to case #4 Brute force wave.',
      ),
    );
    expect(callsOf('editCaseItems')).toEqual([{ caseId: 4, sessionIds: [9], ips: [], add: true }]);
  });

  it('says when the core refuses, opens the source IP in the graph, links to why flagged', async () => {
    answers.setVerdict = () => {
      throw new Error('database is read-only');
    };
    render(<SessionDrawer session={session} onClose={() => {}} />, withData);
    fireEvent.click(screen.getByTestId('drawer-verdict-benign'));
    await waitFor(() =>
      expect(screen.getByTestId('drawer-action-status').textContent).toBe('Refused: database is read-only'),
    );
    expect(screen.getByTestId('drawer-why').getAttribute('href')).toBe('#drawer-why-flagged');
    expect(document.getElementById('drawer-why-flagged')?.textContent).toContain('why flagged');
    fireEvent.click(screen.getByTestId('drawer-open-graph'));
    expect(window.location.hash).toBe('#/graph');
  });

  it('the Triage side panel opens its source IP in the graph too', async () => {
    const item = { session, score: 0.9, explanation: null, verdict: null, tags: [], ioc: [] };
    render(<FocusPanel item={item} onWholeIp={() => {}} />, withData);
    fireEvent.click(screen.getByTestId('ip-open-graph'));
    expect(window.location.hash).toBe('#/graph');
  });

  it('the Triage side panel says only what an access-log request records', () => {
    const request = fakeSession(12, {
      srcIp: '171.49.74.128',
      dstIp: null,
      dstPort: null,
      protocol: null,
      bytesIn: null,
      bytesOut: 174,
      detectionType: null,
    });
    const item = { session: request, score: 0.758, explanation: null, verdict: null, tags: [], ioc: [] };
    render(<FocusPanel item={item} onWholeIp={() => {}} />, withData);
    const text = screen.getByTestId('triage-focus').textContent ?? '';
    // No "0 B in" for a volume the log never had, and no empty "· ·" for a missing protocol.
    expect(text).toContain('171.49.74.128 · US');
    expect(text).toContain('174 B out · no detection type · score 0.758');
    expect(text).not.toContain('B in');
    expect(text).not.toMatch(/· *·/);
  });
});
