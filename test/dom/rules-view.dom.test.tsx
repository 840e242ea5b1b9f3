// The Rules view: each set with its rule and hit counts and its rules (title, level, hits); a run
// over all sessions shows the job's progress and can be cancelled; a set is removed after a
// second click; rules are added from the page (rule files or a folder) or the command line, which
// the view names; a rule's hit count opens its sessions.
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filterStore, setFilterText } from '../../src-renderer/state/filter.js';
import { RulesView } from '../../src-renderer/views/rules/RulesView.js';
import type { RuleSetInfo } from '../../src-shared/rules.js';
import { answers, calls, emit } from './fake-api.js';
import { fakeJob } from './fake-job.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

const pack: RuleSetInfo = {
  id: 1,
  source: 'pack',
  kind: 'pack',
  enabled: true,
  files: 2,
  rules: [
    {
      ruleId: 'a1',
      derivedId: false,
      title: 'Scanner user agent',
      level: 'medium',
      techniques: ['T1595.002'],
      hits: 3,
    },
    {
      ruleId: 'b2',
      derivedId: false,
      title: 'SQL injection',
      level: 'high',
      techniques: ['T1190'],
      hits: 12,
    },
  ],
  refused: [],
  hits: 15,
  stale: false,
  addedAt: 0,
};
const folder: RuleSetInfo = {
  id: 2,
  source: '/home/ana/rules',
  kind: 'folder',
  enabled: true,
  files: 3,
  rules: [
    { ruleId: 'c3', derivedId: false, title: 'Web shell upload', level: 'critical', techniques: [], hits: 0 },
  ],
  refused: [
    {
      file: 'proc.yml',
      line: 1,
      kind: 'not-applicable',
      reason: 'logsource process_creation',
      ruleId: null,
      title: null,
    },
  ],
  hits: 0,
  stale: true,
  addedAt: 0,
};

const job = (state: 'running' | 'cancelled', extra: object = {}) =>
  fakeJob('r1', 'rules', state, {
    fraction: state === 'running' ? 0.25 : 1,
    rulesRun: { sessions: 2500, hits: 40 },
    message: '2,500 of 10,000 sessions, 40 hits',
    ...extra,
  });

beforeEach(() => {
  calls.length = 0;
  answers.listRuleSets = () => [pack, folder];
  answers.runRules = () => ({ jobId: 'r1' });
  answers.jobStatus = () => job('running');
  answers.cancelJob = () => ({ cancelled: true });
  answers.removeRuleSet = ({ id }: { id: number }) => ({ ...(id === 1 ? pack : folder), enabled: false });
});
afterEach(cleanup);

describe('Rules view', () => {
  it('lists each set with its counts, rules (most hits first) and refusals, and the CLI to add one', async () => {
    render(<RulesView />, withData);
    const first = await screen.findByTestId('rule-set-1');
    expect(within(first).getByTestId('rule-set-counts').textContent).toBe('2 rules, 15 hits');
    expect(
      within(first)
        .getAllByTestId('rule-row')
        .map((r) => r.textContent),
    ).toEqual(['SQL injectionhighT119012', 'Scanner user agentmediumT1595.0023']);
    const second = screen.getByTestId('rule-set-2');
    expect(within(second).getByTestId('rule-set-counts').textContent).toBe('1 rule, 0 hits');
    expect(second.textContent).toContain('changed: run the rules');
    expect(second.textContent).toContain('proc.yml:1 logsource process_creation');
    expect(screen.getByTestId('rules-stale')).toBeTruthy();
    expect(screen.getByTestId('rules-add-hint').textContent).toContain('node bin/vigil.js rules add DIR');
    expect(screen.getByTestId('rules-add-folder').textContent).toBe('Add a folder…');
    expect(screen.getByTestId('rules-add-files').textContent).toBe('Add rule files…');
  });

  it('shows a rule without a level as "no level", and says when its id was derived', async () => {
    const handWritten: RuleSetInfo = {
      ...folder,
      rules: [
        {
          ruleId: '5d0c3e8a-1b2f-8a4c-9d3e-6f7a8b9c0d1e',
          derivedId: true,
          title: 'Back office login',
          level: null,
          techniques: [],
          hits: 2,
        },
      ],
    };
    answers.listRuleSets = () => [handWritten];
    render(<RulesView />, withData);
    const [row] = within(await screen.findByTestId('rule-set-2')).getAllByTestId('rule-row');
    expect(row?.textContent).toBe('Back office loginno level–2');
    expect(row?.querySelector('.level-none')).toBeTruthy();
    expect(row?.querySelector('td')?.getAttribute('title')).toBe(
      '5d0c3e8a-1b2f-8a4c-9d3e-6f7a8b9c0d1e (the rule has no id: derived from its file and title)',
    );
  });

  it('opens the sessions a rule matched from its hit count, within the filter in force', async () => {
    setFilterText('country:US');
    window.location.hash = '#/rules';
    render(<RulesView />, withData);
    const first = await screen.findByTestId('rule-set-1');
    const [sql] = within(first).getAllByTestId('rule-row');
    fireEvent.click(within(sql!).getByTestId('rule-open-sessions'));
    expect(filterStore.get().text).toBe('country:US sigma:="SQL injection"');
    expect(window.location.hash).toBe('#/sessions');
    // A rule without hits has nothing to open.
    expect(within(screen.getByTestId('rule-set-2')).queryByTestId('rule-open-sessions')).toBeNull();
    setFilterText('');
  });

  it('runs the rules over all sessions with progress, and cancels', async () => {
    render(<RulesView />, withData);
    await screen.findByTestId('rule-set-1');
    fireEvent.click(screen.getByTestId('rules-run-start'));
    await waitFor(() =>
      expect(screen.getByTestId('rules-run-message').textContent).toBe('2,500 of 10,000 sessions, 40 hits'),
    );
    expect(screen.getByTestId('rules-run-progress').getAttribute('aria-valuenow')).toBe('25');
    expect((screen.getByTestId('rules-run-start') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('rules-run-cancel'));
    await waitFor(() => expect(calls.some((c) => c.name === 'cancelJob')).toBe(true));
    expect(calls.find((c) => c.name === 'cancelJob')?.args).toEqual({ jobId: 'r1' });
    emit({
      type: 'job-progress',
      job: job('cancelled', { message: 'Rules run cancelled; the hits are as they were before it.' }),
    } as never);
    await waitFor(() =>
      expect(screen.getByTestId('rules-run-message').textContent).toBe(
        'Rules run cancelled; the hits are as they were before it.',
      ),
    );
    expect(screen.queryByTestId('rules-run-cancel')).toBeNull();
    expect((screen.getByTestId('rules-run-start') as HTMLButtonElement).disabled).toBe(false);
  });

  it('removes a set only after the second click', async () => {
    render(<RulesView />, withData);
    const first = await screen.findByTestId('rule-set-1');
    fireEvent.click(within(first).getByTestId('rule-set-remove'));
    expect(calls.some((c) => c.name === 'removeRuleSet')).toBe(false);
    expect(within(first).getByTestId('rule-set-confirm').textContent).toContain('delete its 15 hits');
    fireEvent.click(within(first).getByTestId('rule-set-remove-yes'));
    await waitFor(() => expect(calls.filter((c) => c.name === 'removeRuleSet')).toHaveLength(1));
    expect(calls.find((c) => c.name === 'removeRuleSet')?.args).toEqual({ id: 1 });
  });

  it("says an engine's hits come back only with its logs imported again", async () => {
    const engine: RuleSetInfo = {
      ...folder,
      id: 3,
      source: 'suricata',
      kind: 'engine',
      rules: [
        {
          ruleId: '1:2034647:1',
          derivedId: false,
          title: 'ET EXPLOIT Log4j',
          level: 'high',
          techniques: [],
          hits: 4,
        },
      ],
      refused: [],
      hits: 4,
      stale: false,
    };
    answers.listRuleSets = () => [pack, engine];
    render(<RulesView />, withData);
    const card = await screen.findByTestId('rule-set-3');
    fireEvent.click(within(card).getByTestId('rule-set-remove'));
    const confirm = within(card).getByTestId('rule-set-confirm').textContent ?? '';
    expect(confirm).toContain('delete its 4 hits');
    expect(confirm).toContain('only by importing its logs again');
    expect(confirm).not.toContain('rules add');
  });
});
