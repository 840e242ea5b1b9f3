import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { ModelRun } from '../../../src-shared/models.js';
import type { TriageFilter } from '../../../src-shared/triage.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { Pager } from '../../components/Pager.js';
import { useDetectionSet } from '../../data/useDetectionSet.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { formatCount } from '../../format.js';
import { useFilterAddress } from '../../hooks/useFilterAddress.js';
import { useSessionFilter } from '../../state/filter.js';
import { AnalystName } from './AnalystName.js';
import { ActionLedger } from './action-ledger.js';
import { FocusPanel } from './FocusPanel.js';
import { KindGroups } from './KindGroups.js';
import { NothingFlaggedHint } from './NothingFlaggedHint.js';
import { PromptBar } from './PromptBar.js';
import { QueueTable } from './QueueTable.js';
import { RetrainPanel } from './RetrainPanel.js';
import { TagLegend } from './TagLegend.js';
import { TriageBar } from './TriageBar.js';
import type { TriageCommand } from './triage-keys.js';
import { KEY_HELP } from './triage-keys.js';
import {
  currentItem,
  initialTriageState,
  itemsOf,
  QUEUE_PAGE,
  type TriageEvent,
  triageReducer,
} from './triage-state.js';
import { useQueue } from './useQueue.js';
import { useTriageActions } from './useTriageActions.js';
import { useTriageKeys } from './useTriageKeys.js';
import './triage.css';

export function TriageView() {
  const globalFilter = useSessionFilter();
  useFilterAddress('#/triage');
  const detectionSet = useDetectionSet().set;
  const [state, drawState] = useReducer(triageReducer, initialTriageState);
  // Keys can come faster than React draws: a verdict key pressed before the last verdict moved the
  // focus on judged the row just judged again. The actions read this state, which every event
  // updates at once through the same (pure) reducer, not the state of the last render.
  const live = useRef(state);
  const dispatch = useCallback((event: TriageEvent) => {
    live.current = triageReducer(live.current, event);
    drawState(event);
  }, []);
  const { verdict, runId, groupBySrcIp, labelNext, offset, page, cursor, selected, prompt, collapsed } =
    state;
  const filter = useMemo(
    () => (verdict ? { ...globalFilter, verdict } : globalFilter),
    [globalFilter, verdict],
  );
  // A new global filter brings new rows: they start at their top, with nothing selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter is the trigger.
  useEffect(() => dispatch({ type: 'new-rows' }), [globalFilter]);
  const [ledger] = useState(() => new ActionLedger());
  const pending = useSyncExternalStore(ledger.subscribe, ledger.pending);
  const runs = useVigilQuery('listRuns', {});
  const tags = useVigilQuery('listTags', {});
  const analyst = useVigilQuery('getAnalyst', {});
  const doneRuns = useMemo(() => (runs.data ?? []).filter((r: ModelRun) => r.status === 'done'), [runs.data]);
  // "Label next" needs probabilities: an unsupervised run picked for the queue is not passed on.
  const chosen = doneRuns.find((r) => r.id === runId);
  const queueRun = labelNext && chosen?.kind === 'iforest' ? undefined : runId;
  const queue = useQueue({ runId: queueRun, filter, groupBySrcIp, offset, labelNext }, ledger, dispatch);
  const items = itemsOf(state);
  const current = currentItem(state);
  // A queue of one verdict read empty: whether the same queue holds flagged sessions of any verdict
  // tells "all judged" from "nothing flagged here" (one row asked for, only then).
  const emptyOfVerdict = Boolean(
    (page?.run || page?.set) && page?.total === 0 && verdict !== undefined && !state.pageIsLabelNext,
  );
  const anyVerdict = useVigilQuery(
    'flagQueue',
    { runId: queueRun, filter: globalFilter, groupBySrcIp: false, offset: 0, limit: 1 },
    { enabled: emptyOfVerdict, keepPrevious: false },
  );
  const colours = useMemo(() => new Map((tags.data ?? []).map((t) => [t.name, t.colour])), [tags.data]);
  const actions = useTriageActions({
    liveState: () => live.current,
    queue: { runId: queueRun, filter },
    analyst: analyst.data?.name ?? '…',
    ledger,
    dispatch,
  });
  const setError = useCallback((error: string) => dispatch({ type: 'error', error }), [dispatch]);

  const run = (command: TriageCommand) => {
    if (command.type === 'move') dispatch({ type: 'move', by: command.by });
    else if (command.type === 'verdict') actions.verdict(command.verdict, command.wide);
    else if (command.type === 'undo') actions.undo();
    else if (command.type === 'prompt') dispatch({ type: 'prompt', prompt: command.prompt });
    else if (command.type === 'clear') dispatch({ type: 'clear-selection' });
    else if (command.type === 'select') dispatch({ type: 'toggle-select' });
  };
  useTriageKeys(run, prompt === null);

  const answer = (value: string | null) => {
    dispatch({ type: 'prompt', prompt: null });
    if (!value) return;
    if (prompt === 'tag') actions.tag(value);
    if (prompt === 'note') actions.note(value);
    if (prompt === 'case') actions.addToCase(value);
    if (prompt === 'kind') actions.kind(value);
  };
  const onScored = useCallback((id: number) => dispatch({ type: 'scored', runId: id }), [dispatch]);

  return (
    <div className="view triage-view" data-testid="view-triage" data-pending={pending}>
      <header className="view-head">
        <h1>Triage</h1>
        <AnalystName onError={setError} />
        <RetrainPanel onScored={onScored} />
      </header>
      <TriageBar
        page={page}
        runs={doneRuns}
        runId={runId}
        onRun={(id) => dispatch({ type: 'run', runId: id })}
        groupBySrcIp={groupBySrcIp}
        onGroup={(on) => dispatch({ type: 'group', on })}
        advance={state.advance}
        onAdvance={(on) => dispatch({ type: 'advance', on })}
        labelNext={labelNext}
        pageIsLabelNext={state.pageIsLabelNext}
        onLabelNext={(on) => dispatch({ type: 'label-next', on })}
        onNextBatch={() => {
          dispatch({ type: 'new-rows' });
          queue.nextBatch();
        }}
        verdict={verdict}
        onVerdict={(v) => dispatch({ type: 'verdict-filter', verdict: v })}
        selected={[...selected]}
      />
      <p className="muted triage-keys">{KEY_HELP}</p>
      <TagLegend tags={tags.data ?? []} onError={setError} />
      {/* One line of fixed height for the prompt, an error or the last message: the table never moves. */}
      <div className="triage-status">
        {prompt ? (
          <PromptBar
            kind={prompt}
            onDone={answer}
            initial={prompt === 'kind' ? (current?.predictedKind ?? '') : ''}
            suggestions={prompt === 'kind' ? (page?.kinds ?? []) : []}
          />
        ) : state.error ? (
          <ErrorNote message={state.error} />
        ) : (
          <p className="triage-message" data-testid="triage-message" aria-live="polite">
            {state.message}
          </p>
        )}
      </div>
      {page && !labelNext && <KindGroups page={page} onJudge={actions.kindGroupVerdict} />}
      {page && !page.run && !page.set && (
        <div className="empty" data-testid="triage-empty">
          <p>
            {labelNext
              ? 'Label next needs a supervised model: give a few verdicts (at least 10 of each class), then Retrain with verdicts.'
              : 'No model has scored the sessions yet: train one in Models, then flagged sessions queue here.'}
          </p>
        </div>
      )}
      {(page?.run || page?.set) && items.length === 0 && (
        <div className="empty" data-testid="triage-none">
          <p>
            {emptyQueueText(globalFilter, verdict, page?.total ?? 0, anyVerdict.data?.total)}
            {page?.set && isNothingFlagged(globalFilter, verdict, page.total, anyVerdict.data?.total) && (
              <NothingFlaggedHint set={detectionSet} />
            )}
          </p>
        </div>
      )}
      {page && items.length > 0 && (
        <div className="triage-layout">
          <div>
            <QueueTable
              page={page}
              cursor={cursor}
              selected={selected}
              colours={colours}
              onPick={(at) => dispatch({ type: 'pick', cursor: at })}
              collapsed={collapsed}
              onToggleGroup={(srcIp) => dispatch({ type: 'toggle-group', srcIp })}
              onGroupVerdict={actions.groupVerdict}
            />
            {!labelNext && (
              <Pager
                offset={offset}
                limit={QUEUE_PAGE}
                total={page.total}
                onOffset={(next) => dispatch({ type: 'offset', offset: next })}
                testId="triage-pager"
              />
            )}
          </div>
          <FocusPanel item={current} onWholeIp={(verdict) => actions.verdict(verdict, 'ip')} />
        </div>
      )}
    </div>
  );
}

const isFiltered = (filter: SessionFilter) =>
  filter.clauses !== undefined || filter.from !== undefined || filter.to !== undefined;

/** Unfiltered, the queue holds no flagged session whatever the verdict (emptyQueueText's "No session is flagged."). */
function isNothingFlagged(
  filter: SessionFilter,
  verdict: TriageFilter['verdict'],
  total: number,
  flagged: number | undefined,
): boolean {
  return total === 0 && !isFiltered(filter) && (verdict === undefined || flagged === 0);
}

/**
 * Why the queue shows no row: a later page judged empty (going back), every flagged session (of the
 * filter) judged, or none flagged (that the filter matches, or of the verdict asked for).
 * `flagged`: the same queue's sessions of any verdict (undefined: not known yet).
 */
function emptyQueueText(
  filter: SessionFilter,
  verdict: TriageFilter['verdict'],
  total: number,
  flagged: number | undefined,
): string {
  // A later page judged empty: the view is asking for the page before (triage-state.ts).
  if (total > 0)
    return `No row is left on this page: going back to the ${formatCount(total)} on the pages before.`;
  const filtered = isFiltered(filter);
  // Known empty whatever the verdict: the filter (or the detection set) leaves nothing flagged.
  if (verdict === undefined || flagged === 0)
    return filtered ? 'No flagged session here matches the filter.' : 'No session is flagged.';
  if (flagged === undefined) return '';
  if (verdict === 'none')
    return filtered
      ? 'Every flagged session that matches the filter has a verdict.'
      : 'The queue is empty: every flagged session has a verdict.';
  return filtered
    ? `No flagged session that matches the filter has the verdict ${verdict}.`
    : `No flagged session has the verdict ${verdict}.`;
}
