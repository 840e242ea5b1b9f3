// Set active in Models says what changed, as `vigil models activate` does: a kind has one active
// slot, so the run that held it stops flagging, and the analyst is told which one.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelsView } from '../../src-renderer/views/models/ModelsView.js';
import type { ModelRun } from '../../src-shared/models.js';
import { answers, calls } from './fake-api.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
vi.mock('../../src-renderer/charts/EChart.js', () => ({ EChart: () => null }));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const run = (id: number, target: ModelRun['target'], active: boolean): ModelRun => ({
  id,
  kind: 'rf',
  target,
  status: 'done',
  createdAt: id,
  finishedAt: id,
  params: {},
  labelSource: null,
  split: 'ip',
  metrics: null,
  backend: 'cpu',
  durationMs: 1,
  dataSnapshot: [1],
  threshold: 0.5,
  message: null,
  active,
  features: [],
  scoredSessions: 100,
  flaggedSessions: 3,
});

beforeEach(() => {
  calls.length = 0;
  answers.listRuns = () => [run(3, 'malicious', false), run(1, 'type', true)];
  answers.setActiveModel = (args: { runId: number }) => ({ ...run(args.runId, 'malicious', true) });
});
afterEach(cleanup);

/** A threat-type run whose time split held out no sql_injection session. */
const untested = (id: number): ModelRun => {
  const kind = (name: string, support: number) => ({
    kind: name,
    support,
    trainSupport: 40,
    fitSupport: 40,
    precision: 1,
    recall: 1,
    f1: 1,
    prAuc: support ? 1 : null,
    baseline: { precision: 0, recall: 0, f1: 0, prAuc: null },
  });
  const m = { tp: 1, fp: 0, tn: 1, fn: 0 };
  const binary = { rocAuc: 1, prAuc: 1, precision: 1, recall: 1, f1: 1, threshold: 0.5, confusion: m };
  return {
    ...run(id, 'type', false),
    metrics: {
      model: binary,
      baseline: binary,
      trainRows: 100,
      testRows: 40,
      trainPositives: 50,
      testPositives: 20,
      labelCounts: { malicious: 70, benign: 70 },
      multiclass: {
        classes: ['benign', 'xss', 'sql_injection'],
        confusion: [
          [20, 0, 0],
          [0, 20, 0],
          [0, 0, 0],
        ],
        perClass: [kind('benign', 20), kind('xss', 20), kind('sql_injection', 0)],
        model: { macroF1: 1, weightedF1: 1, accuracy: 1 },
        baseline: { kind: 'benign', macroF1: 0.3, weightedF1: 0.3, accuracy: 0.5 },
        labelCounts: [],
        merged: [],
        notes: [],
      },
    },
  };
};

describe('Set active on a run naming kinds it was not tested on', () => {
  const WORDS =
    'Run 5 names 1 kind on new sessions that it was not tested on: sql_injection (no held-out session); its flags of that kind are unmeasured guesses.';
  beforeEach(() => {
    answers.listRuns = () => [untested(5), run(1, 'malicious', true)];
    answers.setActiveModel = (args: { runId: number }) => ({ ...untested(args.runId), active: true });
  });
  // The DOM here has no confirm of its own: each test answers it.
  const answerConfirm = (answer: boolean) => {
    const asked = vi.fn((_message?: string) => answer);
    window.confirm = asked;
    return asked;
  };

  it('asks first, naming the kinds; Cancel activates nothing', async () => {
    const asked = answerConfirm(false);
    render(<ModelsView />, withData);
    await act(async () => void fireEvent.click(await screen.findByTestId('run-activate-5')));
    expect(asked).toHaveBeenCalledTimes(1);
    expect(asked.mock.calls[0]?.[0]).toBe(`${WORDS}\n\nMake it the active rf (threat types) model anyway?`);
    expect(calls.filter((c) => c.name === 'setActiveModel')).toEqual([]);
    expect(screen.queryByTestId('models-notice')).toBeNull();
  });

  it('activates knowingly on OK and still names the kinds in the notice', async () => {
    answerConfirm(true);
    render(<ModelsView />, withData);
    await act(async () => void fireEvent.click(await screen.findByTestId('run-activate-5')));
    await act(async () => {});
    expect(calls.filter((c) => c.name === 'setActiveModel').map((c) => c.args)).toEqual([
      { runId: 5, acceptUntested: true },
    ]);
    expect(screen.getByTestId('models-notice').textContent).toBe(
      `Run 5 is now the active rf (threat types) model; run 1 (rf) steps down. ${WORDS}`,
    );
  });

  it('shows the core refusal when the run changed under the view', async () => {
    answerConfirm(true);
    answers.setActiveModel = () => {
      throw new Error('Run 5 is failed: only a finished run can be active');
    };
    render(<ModelsView />, withData);
    await act(async () => void fireEvent.click(await screen.findByTestId('run-activate-5')));
    await act(async () => {});
    expect(screen.getByText(/only a finished run can be active/)).toBeTruthy();
  });
});

describe('Set active in Models', () => {
  it('names the run that steps down', async () => {
    render(<ModelsView />, withData);
    const button = await screen.findByTestId('run-activate-3');
    await act(async () => void fireEvent.click(button));
    await act(async () => {});
    expect(calls.filter((c) => c.name === 'setActiveModel').map((c) => c.args)).toEqual([{ runId: 3 }]);
    expect(screen.getByTestId('models-notice').textContent).toBe(
      'Run 3 is now the active rf model; run 1 (rf (threat types)) steps down.',
    );
  });
});
