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
