import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TriageView } from '../../src-renderer/views/triage/TriageView.js';
import type { Session } from '../../src-shared/domain.js';
import type { FlagQueuePage, QueueItem } from '../../src-shared/triage.js';
import { deferred } from '../helpers/deferred.js';
import { NO_REQUEST } from '../helpers/no-request.js';
import { answers, calls, emit } from './fake-api.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
// Tell React this is a test environment, so act() flushes updates (and stops warning).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const session = (id: number, srcIp: string): Session => ({
  id,
  importId: 1,
  startTs: Date.UTC(2024, 3, 26, 3, 0, id),
  endTs: Date.UTC(2024, 3, 26, 3, 0, id + 1),
  srcIp,
  dstIp: '10.0.0.1',
  srcPort: 40000,
  dstPort: 443,
  protocol: 'HTTPS',
  bytesIn: 100,
  bytesOut: 200,
  packets: null,
  responseCode: 200,
  country: 'US',
  asn: null,
  ruleName: null,
  detectionType: 'waf_rule',
  action: null,
  label: null,
  durationMs: 1000,
  bytesRatio: 2,
  hourOfDay: 3,
  rawLine: id,
  ...NO_REQUEST,
  attrs: null,
});

const item = (id: number, srcIp: string): QueueItem => ({
  session: session(id, srcIp),
  score: 1 - id / 100,
  explanation: null,
  verdict: null,
  tags: [],
  ioc: [],
});

const PAGE: FlagQueuePage = {
  run: { id: 1, kind: 'iforest', createdAt: 0 },
  items: [item(1, '198.51.100.7'), item(2, '198.51.100.7'), item(3, '203.0.113.9')],
  total: 3,
  groups: [],
};

const row = (id: number) =>
  document.querySelector(`[data-testid="triage-row"][data-session="${id}"]`) as HTMLElement;
const verdictOf = (id: number) => row(id).dataset.verdict;
const press = (key: string, shiftKey = false) =>
  act(async () => void fireEvent.keyDown(window, { key, shiftKey }));
const callsOf = (name: string) => calls.filter((c) => c.name === name).map((c) => c.args);
const flush = () => act(async () => {});

beforeEach(() => {
  calls.length = 0;
  answers.listRuns = () => [];
  answers.listTags = () => [{ id: 1, name: 'evidence', colour: '#d94848', sessions: 0 }];
  answers.getAnalyst = () => ({ name: 'ana' });
  answers.flagQueue = () => structuredClone(PAGE);
  answers.sessionHistory = () => [];
});
afterEach(async () => {
  await flush();
  cleanup();
});

async function renderView() {
  render(<TriageView />, withData);
  await screen.findAllByTestId('triage-row');
  await flush();
}

describe('Triage keyboard', () => {
  it('moves with j/k and shows a verdict before the core answers', async () => {
    const pending = deferred<{ actionId: number; changed: number; covered: number }>();
    answers.setVerdict = () => pending.promise;
    await renderView();
    await press('j');
    expect(row(2).getAttribute('aria-selected')).toBe('true');
    await press('k');
    await press('j');
    await press('m');
    expect(verdictOf(2)).toBe('malicious');
    expect(row(2).textContent).toContain('malicious · ana');
    expect(screen.getByTestId('view-triage').dataset.pending).toBe('1');
    expect(callsOf('setVerdict')).toEqual([{ target: { sessionIds: [2] }, verdict: 'malicious' }]);
    await act(async () => pending.resolve({ actionId: 1, changed: 1, covered: 1 }));
    expect(screen.getByTestId('view-triage').dataset.pending).toBe('0');
    expect(screen.getByTestId('triage-message').textContent).toBe('malicious: session 2 (1 changed)');
    expect(verdictOf(2)).toBe('malicious');
  });

  it('says when the sessions judged already had that verdict', async () => {
    answers.setVerdict = () => ({ actionId: 1, changed: 0, covered: 1 });
    await renderView();
    await press('m');
    await flush();
    expect(screen.getByTestId('triage-message').textContent).toBe('malicious: session 1 (already malicious)');
    answers.setVerdict = () => ({ actionId: 2, changed: 1, covered: 3 });
    await press('b');
    await flush();
    expect(screen.getByTestId('triage-message').textContent).toMatch(
      /^benign: .* \(1 changed, 2 already benign\)$/,
    );
  });

  it('names the kind of attack of one session with a, offering the kind the model predicted', async () => {
    answers.flagQueue = () => ({
      ...structuredClone(PAGE),
      run: { id: 4, kind: 'rf', createdAt: 0 },
      kinds: ['sql_injection', 'xss'],
      items: PAGE.items.map((i) => ({ ...structuredClone(i), predictedKind: 'xss', kindProbability: 0.7 })),
    });
    answers.setVerdict = () => ({ actionId: 1, changed: 1, covered: 1 });
    await renderView();
    await press('a');
    const input = screen.getByTestId('triage-prompt') as HTMLInputElement;
    expect(input.value).toBe('xss');
    const offered = [...document.querySelectorAll('#triage-prompt-suggestions option')].map(
      (o) => (o as HTMLOptionElement).value,
    );
    expect(offered).toEqual(['sql_injection', 'xss']);
    // The analyst corrects it, in words: stored as the kind's name.
    fireEvent.change(input, { target: { value: 'SQL Injection' } });
    await act(async () => void fireEvent.submit(input.closest('form')!));
    await flush();
    expect(callsOf('setVerdict')).toEqual([
      { target: { sessionIds: [1] }, verdict: 'malicious', kind: 'sql_injection' },
    ]);
    expect(row(1).textContent).toContain('malicious (sql_injection) · ana');
    expect(screen.getByTestId('triage-message').textContent).toBe(
      'malicious (sql_injection): session 1 (1 changed)',
    );
    // A kind that names nothing is said, not sent.
    await press('a');
    const again = screen.getByTestId('triage-prompt') as HTMLInputElement;
    fireEvent.change(again, { target: { value: '  ##  ' } });
    await act(async () => void fireEvent.submit(again.closest('form')!));
    await flush();
    expect(callsOf('setVerdict')).toHaveLength(1);
    expect(screen.getByTestId('triage-message').textContent).toMatch(/names no kind/);
  });

  it('corrects a kind group to a kind the run does not know, typed in words', async () => {
    answers.flagQueue = () => ({
      ...structuredClone(PAGE),
      run: { id: 4, kind: 'rf', createdAt: 0 },
      kinds: ['sql_injection', 'xss'],
      kindGroups: [{ kind: 'xss', sessions: 3, maxScore: 0.9 }],
    });
    answers.setVerdict = () => ({ actionId: 1, changed: 3, covered: 3 });
    await renderView();
    const group = screen.getByTestId('kind-group');
    const choice = within(group).getByTestId('kind-group-choice') as HTMLInputElement;
    const judge = within(group).getByTestId('kind-group-judge') as HTMLButtonElement;
    expect(judge.textContent).toBe('Confirm all 3');
    fireEvent.change(choice, { target: { value: '!!' } });
    expect(judge.disabled).toBe(true);
    fireEvent.change(choice, { target: { value: 'Web shell' } });
    expect(judge.textContent).toBe('Correct all 3');
    await act(async () => void fireEvent.click(judge));
    await flush();
    expect(callsOf('setVerdict')).toEqual([
      {
        target: { runId: 4, predictedKind: 'xss', filter: { verdict: 'none' } },
        verdict: 'malicious',
        kind: 'web_shell',
      },
    ]);
    expect(screen.getByTestId('triage-message').textContent).toBe(
      '3 sessions flagged as xss corrected to web_shell',
    );
  });

  // A kind group's verdict is one action of the core like any other: `u` undoes it there, so the
  // view must undo it too, not the row judged before it (whose verdict the core keeps).
  it('undoes a kind group verdict in the view as the core does, leaving the row judged before it', async () => {
    const page = structuredClone(PAGE);
    page.items = page.items.map((i) => ({
      ...i,
      predictedKind: i.session.id === 3 ? 'xss' : 'sql_injection',
    }));
    answers.flagQueue = () => ({
      ...structuredClone(page),
      run: { id: 4, kind: 'rf', createdAt: 0 },
      kinds: ['sql_injection', 'xss'],
      kindGroups: [{ kind: 'xss', sessions: 1, maxScore: 0.9 }],
    });
    let actions = 0;
    answers.setVerdict = () => ({ actionId: ++actions, changed: 1, covered: 1 });
    answers.undoLastAction = () => ({ undone: 2, summary: 'Undid malicious (xss)', restored: 1, skipped: 0 });
    await renderView();
    await press('b');
    await flush();
    expect(verdictOf(1)).toBe('benign');
    const judge = within(screen.getByTestId('kind-group')).getByTestId('kind-group-judge');
    await act(async () => void fireEvent.click(judge));
    await flush();
    expect(verdictOf(3)).toBe('malicious');
    await press('u');
    await flush();
    // The kind group's action by its id (the second), not the analyst's last action wherever taken.
    expect(callsOf('undoLastAction')).toEqual([{ actionId: 2 }]);
    expect(verdictOf(3)).toBe('');
    expect(verdictOf(1)).toBe('benign');
  });

  it('judges the next row with a key pressed before the last verdict was drawn', async () => {
    answers.setVerdict = () => ({ actionId: 1, changed: 1, covered: 1 });
    await renderView();
    // Two keys in one turn: React has not drawn the first verdict (nor moved focus) when the second
    // arrives. The second used to judge the row just judged again: session 1 malicious, then benign.
    await act(async () => {
      fireEvent.keyDown(window, { key: 'm' });
      fireEvent.keyDown(window, { key: 'b' });
    });
    await flush();
    expect(callsOf('setVerdict')).toEqual([
      { target: { sessionIds: [1] }, verdict: 'malicious' },
      { target: { sessionIds: [2] }, verdict: 'benign' },
    ]);
    expect(verdictOf(1)).toBe('malicious');
    expect(verdictOf(2)).toBe('benign');
  });

  it('says the queue is empty when every flagged session has a verdict, not that a filter matched none', async () => {
    // Nothing left to judge; asked of any verdict (to tell why), the queue holds its 3 sessions.
    answers.flagQueue = ((args: { filter: { verdict?: string } }) =>
      args.filter.verdict === 'none'
        ? { ...structuredClone(PAGE), items: [], total: 0 }
        : structuredClone(PAGE)) as never;
    render(<TriageView />, withData);
    const none = await screen.findByTestId('triage-none');
    await waitFor(() =>
      expect(none.textContent).toBe('The queue is empty: every flagged session has a verdict.'),
    );
  });

  it('says no session is flagged when the queue is empty whatever the verdict', async () => {
    answers.flagQueue = () => ({ ...structuredClone(PAGE), items: [], total: 0 });
    render(<TriageView />, withData);
    const none = await screen.findByTestId('triage-none');
    await waitFor(() => expect(none.textContent).toBe('No session is flagged.'));
  });

  it('says how to get flags when no model is on and no rule at the level matched (a new workspace)', async () => {
    // The detection set's queue of a workspace no model has scored: no run, the set named by its rules.
    answers.flagQueue = () => ({
      ...structuredClone(PAGE),
      run: null,
      set: 'rules ≥ high',
      items: [],
      total: 0,
    });
    answers.detectionSet = () => ({ runs: [], offKinds: [], ruleLevel: 'high' });
    render(<TriageView />, withData);
    const none = await screen.findByTestId('triage-none');
    await waitFor(() =>
      expect(none.textContent).toBe(
        'No session is flagged. No model has scored this workspace yet and no rule at high or above matched: train a model (an Isolation Forest needs no labels), or flag by a lower rule level in “Flagged by” above.',
      ),
    );
    expect(within(none).getByRole('link', { name: 'train a model' }).getAttribute('href')).toBe('#/models');
  });

  it('keeps a verdict shown when a reload read before it answers after it', async () => {
    await renderView();
    const before = deferred<FlagQueuePage>();
    answers.flagQueue = () => before.promise;
    await act(async () => emit({ type: 'data-changed', reason: 'verdicts' }));
    expect(callsOf('flagQueue')).toHaveLength(2);
    answers.setVerdict = () => ({ actionId: 1, changed: 1, covered: 1 });
    await press('m');
    await flush();
    expect(screen.getByTestId('view-triage').dataset.pending).toBe('0');
    // The reload read the rows before the verdict: its answer is dropped and a new one is read.
    const after = structuredClone(PAGE);
    after.items[0]!.verdict = { sessionId: 1, verdict: 'malicious', analyst: 'ana', at: 1, note: null };
    answers.flagQueue = () => after;
    await act(async () => before.resolve(structuredClone(PAGE)));
    expect(verdictOf(1)).toBe('malicious');
    expect(callsOf('flagQueue')).toHaveLength(3);
    await flush();
    expect(verdictOf(1)).toBe('malicious');
  });

  it('keeps a verdict shown when a reload that ran while it was in flight answers after it', async () => {
    await renderView();
    const verdict = deferred<{ actionId: number; changed: number; covered: number }>();
    answers.setVerdict = () => verdict.promise;
    await press('m');
    const during = deferred<FlagQueuePage>();
    answers.flagQueue = () => during.promise;
    // Another grouping starts a reload at once, while the verdict is still on its way.
    await act(async () => void fireEvent.click(screen.getByLabelText('group by source IP')));
    expect(callsOf('flagQueue').at(-1)).toMatchObject({ groupBySrcIp: false });
    await act(async () => verdict.resolve({ actionId: 1, changed: 1, covered: 1 }));
    const after = structuredClone(PAGE);
    after.items[0]!.verdict = { sessionId: 1, verdict: 'malicious', analyst: 'ana', at: 1, note: null };
    answers.flagQueue = () => after;
    await act(async () => during.resolve(structuredClone(PAGE)));
    expect(verdictOf(1)).toBe('malicious');
    await flush();
    expect(verdictOf(1)).toBe('malicious');
  });

  it('re-asks the queue for a verdict given elsewhere, but not the runs, tags or analyst name', async () => {
    await renderView();
    const count = () => ['flagQueue', 'listRuns', 'listTags', 'getAnalyst'].map((n) => callsOf(n).length);
    const [queue, runs, tags, analyst] = count();
    await act(async () => emit({ type: 'data-changed', reason: 'verdicts' }));
    await flush();
    expect(count()).toEqual([queue! + 1, runs, tags, analyst]);
    // A tag change re-asks the tags (and the queue, whose rows wear them).
    await act(async () => emit({ type: 'data-changed', reason: 'tags' }));
    await flush();
    expect(count()).toEqual([queue! + 2, runs, tags! + 1, analyst]);
  });

  it('rolls a verdict back, visibly, when the core refuses it', async () => {
    const pending = deferred<never>();
    answers.setVerdict = () => pending.promise;
    await renderView();
    await press('b');
    expect(verdictOf(1)).toBe('benign');
    await act(async () => pending.reject(new Error('database is locked')));
    expect(verdictOf(1)).toBe('');
    expect(screen.getByRole('alert').textContent).toBe('database is locked (rolled back)');
  });

  it('undoes at once, after the action it undoes has reached the core', async () => {
    const verdict = deferred<{ actionId: number; changed: number; covered: number }>();
    answers.setVerdict = () => verdict.promise;
    answers.undoLastAction = () => ({
      undone: 1,
      summary: 'Undid malicious on 1 session',
      restored: 1,
      skipped: 0,
    });
    await renderView();
    await press('m');
    await press('u');
    expect(verdictOf(1)).toBe('');
    // The undo waits for the verdict's answer: it must not overtake it.
    expect(callsOf('undoLastAction')).toEqual([]);
    await act(async () => verdict.resolve({ actionId: 1, changed: 1, covered: 1 }));
    await flush();
    expect(callsOf('undoLastAction')).toEqual([{ actionId: 1 }]);
    expect(screen.getByTestId('triage-message').textContent).toBe('Undid malicious on 1 session');
    expect(verdictOf(1)).toBe('');
  });

  it('puts the verdict back when the undo fails', async () => {
    answers.setVerdict = () => ({ actionId: 1, changed: 1, covered: 1 });
    answers.undoLastAction = () => {
      throw new Error('server gone');
    };
    await renderView();
    await press('r');
    await flush();
    await press('u');
    await flush();
    expect(verdictOf(1)).toBe('review');
    expect(screen.getByRole('alert').textContent).toBe('server gone (undo rolled back)');
  });

  it('applies Shift+verdict to the selection, or to the whole IP when nothing is selected', async () => {
    answers.setVerdict = () => ({ actionId: 1, changed: 2, covered: 2 });
    await renderView();
    await press('M', true);
    expect([verdictOf(1), verdictOf(2), verdictOf(3)]).toEqual(['malicious', 'malicious', '']);
    expect(callsOf('setVerdict')[0]).toEqual({ target: { srcIp: '198.51.100.7' }, verdict: 'malicious' });
    await press('j');
    await press('j');
    await press('x');
    await press('k');
    await press('k');
    await press('x');
    await press('B', true);
    expect([verdictOf(1), verdictOf(2), verdictOf(3)]).toEqual(['benign', 'malicious', 'benign']);
    expect(callsOf('setVerdict')[1]).toEqual({ target: { sessionIds: [3, 1] }, verdict: 'benign' });
  });

  it('tags through the prompt, in the tag’s colour, and ignores keys typed into it', async () => {
    answers.tagSessions = () => ({ actionId: 2, changed: 1, covered: 1 });
    await renderView();
    await press('t');
    const input = screen.getByTestId('triage-prompt') as HTMLInputElement;
    fireEvent.keyDown(input, { key: 'm' });
    fireEvent.change(input, { target: { value: 'evidence' } });
    fireEvent.submit(input.form!);
    await flush();
    expect(callsOf('setVerdict')).toEqual([]);
    expect(callsOf('tagSessions')).toEqual([{ tag: 'evidence', sessionIds: [1] }]);
    const chip = within(row(1)).getByTestId('tag-chip');
    expect(chip.textContent).toBe('evidence');
    expect(chip.style.borderColor).not.toBe('');
  });
});

describe('Triage keys and focus', () => {
  it('still answer after a checkbox was ticked, but not while typing in a text field', async () => {
    answers.setVerdict = () => ({ actionId: 1, changed: 1, covered: 1 });
    answers.labelNext = () => ({ run: null, items: [] });
    await renderView();
    const group = screen.getByLabelText('group by source IP') as HTMLInputElement;
    await act(async () => void fireEvent.keyDown(group, { key: 'b' }));
    expect(verdictOf(1)).toBe('benign');
    const filter = document.createElement('input');
    document.body.append(filter);
    await act(async () => void fireEvent.keyDown(filter, { key: 'm' }));
    expect(verdictOf(1)).toBe('benign');
    filter.remove();
  });

  it('gives the keys back to the queue after a filter is picked with the pointer, not when changed by key', async () => {
    // The keys are ignored while a select has focus (its letters pick options): a verdict filter
    // picked with the mouse kept the focus, and j, k, m and b did nothing until a click elsewhere.
    answers.setVerdict = () => ({ actionId: 1, changed: 1, covered: 1 });
    await renderView();
    const verdictFilter = screen.getByTestId('triage-verdict-filter') as HTMLSelectElement;
    verdictFilter.focus();
    await act(async () => void fireEvent.keyDown(verdictFilter, { key: 'ArrowDown' }));
    await act(async () => void fireEvent.change(verdictFilter, { target: { value: '' } }));
    expect(document.activeElement).toBe(verdictFilter);
    await act(async () => void fireEvent.pointerDown(verdictFilter));
    await act(async () => void fireEvent.change(verdictFilter, { target: { value: 'none' } }));
    expect(document.activeElement).not.toBe(verdictFilter);
    await screen.findAllByTestId('triage-row');
    // A key goes to what has the focus, as in a browser.
    await act(async () => void fireEvent.keyDown(document.activeElement ?? window, { key: 'b' }));
    expect(verdictOf(1)).toBe('benign');
  });
});

const GROUPED: FlagQueuePage = {
  ...PAGE,
  groups: [
    { srcIp: '198.51.100.7', sessions: 2, maxScore: 0.99 },
    { srcIp: '203.0.113.9', sessions: 1, maxScore: 0.97 },
  ],
};

describe('a triage queue that empties', () => {
  it('asks for what is not yet judged, grouped by source IP, and says how many are left', async () => {
    answers.flagQueue = () => ({ ...structuredClone(GROUPED), total: 41 });
    await renderView();
    expect(callsOf('flagQueue')[0]).toMatchObject({ filter: { verdict: 'none' }, groupBySrcIp: true });
    expect(screen.getByTestId('triage-total').textContent).toMatch(/^41 left to judge/);
    expect((screen.getByTestId('triage-verdict-filter') as HTMLSelectElement).value).toBe('none');
  });

  it('says the queue is one run of the detection set, and names the set', async () => {
    answers.detectionSet = () => ({ runs: [{ id: 1, kind: 'iforest' }], offKinds: [], ruleLevel: 'high' });
    await renderView();
    await waitFor(() =>
      expect(screen.getByTestId('triage-total').getAttribute('title')).toBe(
        'The flags of iforest #1 only, by its score. Elsewhere, flagged means the detection set: iforest #1 + rules ≥ high. Grouped by source IP: the source with the best score first, each with its sessions by score.',
      ),
    );
  });

  it('shows the detection-set queue with what flagged each session, a rule-only row without a score', async () => {
    answers.flagQueue = () => ({
      run: null,
      set: 'rf #4 + rules ≥ high',
      items: [
        { ...item(1, '198.51.100.7'), reasons: [{ by: 'run', runId: 4, kind: 'rf', score: 0.99 }] },
        {
          ...item(2, '203.0.113.9'),
          score: null,
          reasons: [
            {
              by: 'rule',
              ruleId: 'web-lfi',
              title: 'Path traversal',
              level: 'high',
              field: 'path',
              value: '/etc/passwd',
            },
          ],
        },
      ],
      total: 2,
      groups: [],
    });
    await renderView();
    expect(screen.getByTestId('triage-total').textContent).toContain('by rf #4 + rules ≥ high');
    expect(screen.getByTestId('flag-reasons').textContent).toBe('rf #4 scored 0.990');
    expect(row(2).querySelector('td.num')?.textContent).toBe('rule');
    await press('j');
    expect(screen.getByTestId('flag-reasons').textContent).toBe(
      'rule “Path traversal” (high) matched path = /etc/passwd',
    );
    // The rule's id (a UUID in most packs) is the tooltip, not the text.
    expect(screen.getByTestId('flag-reasons').querySelector('li')?.getAttribute('title')).toBe(
      'Sigma rule web-lfi',
    );
  });

  it('shows each request of an access log in the queue, and no request column for network logs', async () => {
    const web = item(1, '171.49.74.128');
    Object.assign(web.session, {
      dstIp: null,
      dstPort: null,
      detectionType: null,
      method: 'GET',
      path: '/search',
      query: "q=1' OR '1'='1",
      responseCode: 500,
    });
    answers.flagQueue = () => ({ ...structuredClone(PAGE), items: [web, item(2, '198.51.100.7')] });
    await renderView();
    const headers = [...screen.getByTestId('triage-queue').querySelectorAll('th')].map(
      (th) => th.textContent,
    );
    expect(headers).toContain('request');
    const cell = row(1).querySelector('[data-testid="triage-request"]');
    expect(cell?.textContent).toBe("500 GET /search?q=1' OR '1'='1");
    expect(cell?.getAttribute('title')).toBe("500 GET /search?q=1' OR '1'='1");
    // A session without a request leaves the cell empty.
    expect(row(2).querySelector('[data-testid="triage-request"]')?.textContent).toBe('');
    cleanup();
    answers.flagQueue = () => structuredClone(PAGE);
    await renderView();
    const plain = [...screen.getByTestId('triage-queue').querySelectorAll('th')].map((th) => th.textContent);
    expect(plain).not.toContain('request');
    // A queue of requests only: no destination or detection type to show, so no empty columns.
    cleanup();
    answers.flagQueue = () => ({ ...structuredClone(PAGE), items: [web], total: 1 });
    await renderView();
    const webOnly = [...screen.getByTestId('triage-queue').querySelectorAll('th')].map(
      (th) => th.textContent,
    );
    expect(webOnly).toEqual(['', 'score', 'start (UTC)', 'source', 'request', 'verdict', 'tags / IOC']);
    expect(row(1).querySelectorAll('td')).toHaveLength(webOnly.length);
  });

  it('moves focus to the next row after a verdict, and not when that is switched off', async () => {
    answers.setVerdict = () => ({ actionId: 1, changed: 1, covered: 1 });
    await renderView();
    await press('m');
    expect(row(2).getAttribute('aria-selected')).toBe('true');
    await act(async () => void fireEvent.click(screen.getByTestId('triage-advance')));
    await press('b');
    expect(verdictOf(2)).toBe('benign');
    expect(row(2).getAttribute('aria-selected')).toBe('true');
  });

  it('folds a source IP group and judges the whole group from its heading', async () => {
    answers.flagQueue = () => structuredClone(GROUPED);
    answers.setVerdict = () => ({ actionId: 1, changed: 2, covered: 2 });
    await renderView();
    const groups = screen.getAllByTestId('triage-group');
    expect(groups.map((g) => g.dataset.ip)).toEqual(['198.51.100.7', '203.0.113.9']);
    await act(async () => void fireEvent.click(within(groups[0]!).getByTestId('triage-group-toggle')));
    expect(row(1)).toBeNull();
    expect(row(2)).toBeNull();
    expect(row(3).getAttribute('aria-selected')).toBe('true');
    await act(async () => void fireEvent.click(within(groups[1]!).getByTestId('group-review')));
    expect(callsOf('setVerdict')).toEqual([
      { target: { queueOf: expect.objectContaining({ srcIp: '203.0.113.9' }) }, verdict: 'review' },
    ]);
    expect(verdictOf(3)).toBe('review');
  });

  it('shows why the focused session was flagged, and offers needs review for its whole IP', async () => {
    answers.sessionScores = () => [
      {
        runId: 1,
        kind: 'iforest',
        active: true,
        score: 0.99,
        flagged: true,
        explanation: [{ feature: 'bytes_in', contribution: 0.4 }],
      },
    ];
    answers.setVerdict = () => ({ actionId: 1, changed: 2, covered: 2 });
    await renderView();
    const focus = screen.getByTestId('triage-focus');
    await within(focus).findByTestId('drawer-scores');
    expect(within(focus).getByTestId('drawer-scores').textContent).toMatch(/flagged.*Why flagged/);
    await act(async () => void fireEvent.click(within(focus).getByTestId('ip-review')));
    expect(callsOf('setVerdict')).toEqual([{ target: { srcIp: '198.51.100.7' }, verdict: 'review' }]);
  });

  it('offers the open cases on c, and adds the session to the one picked', async () => {
    answers.listCases = () => [
      { id: 4, title: 'Scanner from 198.51.100.7', status: 'open' },
      { id: 5, title: 'Old one', status: 'closed' },
      { id: 6, title: 'Beaconing', status: 'in_progress' },
    ];
    answers.editCaseItems = () => ({ case: { id: 6, title: 'Beaconing' } });
    await renderView();
    await press('c');
    const picks = await screen.findAllByTestId('case-pick');
    expect(picks.map((p) => p.textContent)).toEqual(['#4 Scanner from 198.51.100.7', '#6 Beaconing']);
    await act(async () => void fireEvent.mouseDown(picks[1]!));
    await flush();
    expect(callsOf('editCaseItems')).toEqual([{ caseId: 6, sessionIds: [1] }]);
    expect(screen.getByTestId('triage-message').textContent).toBe('session 1 in case 6: Beaconing');
  });

  it('lets the analyst set the name that signs verdicts', async () => {
    let name = 'root';
    answers.getAnalyst = () => ({ name });
    answers.setAnalyst = (args: { name: string }) => {
      name = args.name;
      return { name };
    };
    await renderView();
    expect(screen.getByTestId('analyst-name').textContent).toMatch(/Signed as root/);
    await act(async () => void fireEvent.click(screen.getByTestId('analyst-change')));
    const input = screen.getByTestId('analyst-input') as HTMLInputElement;
    // Typing a name is not a triage key.
    fireEvent.keyDown(input, { key: 'm' });
    fireEvent.change(input, { target: { value: 'Ana Lyst' } });
    await act(async () => void fireEvent.submit(input.form!));
    await flush();
    expect(callsOf('setAnalyst')).toEqual([{ name: 'Ana Lyst' }]);
    expect(callsOf('setVerdict')).toEqual([]);
    expect(screen.getByTestId('analyst-name').textContent).toMatch(/Signed as Ana Lyst/);
  });
});
