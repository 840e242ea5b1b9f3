import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ModelRun } from '../../../src-shared/models.js';
import type { TriageFilter } from '../../../src-shared/triage.js';
import { api } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { Pager } from '../../components/Pager.js';
import { useQuery } from '../../hooks/useQuery.js';
import { useSessionFilter } from '../../state/filter.js';
import { FocusPanel } from './FocusPanel.js';
import { PromptBar, type PromptKind } from './PromptBar.js';
import { QueueTable } from './QueueTable.js';
import { RetrainPanel } from './RetrainPanel.js';
import { TagLegend } from './TagLegend.js';
import { TriageBar } from './TriageBar.js';
import type { TriageCommand } from './triage-keys.js';
import { KEY_HELP } from './triage-keys.js';
import { QUEUE_PAGE, useQueue } from './useQueue.js';
import { useTriageActions } from './useTriageActions.js';
import { useTriageKeys } from './useTriageKeys.js';
import './triage.css';

export function TriageView() {
  const globalFilter = useSessionFilter();
  const [verdict, setVerdict] = useState<TriageFilter['verdict']>();
  const filter = useMemo(
    () => (verdict ? { ...globalFilter, verdict } : globalFilter),
    [globalFilter, verdict],
  );
  const [runId, setRunId] = useState<number | undefined>();
  const [groupBySrcIp, setGroup] = useState(false);
  const [labelNext, setLabelNext] = useState(false);
  const [batch, setBatch] = useState(0);
  const [offset, setOffset] = useState(0);
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [prompt, setPrompt] = useState<PromptKind | null>(null);
  const [message, setMessage] = useState('');
  const runs = useQuery('runs', () => api.listRuns({}));
  const tags = useQuery('tags', () => api.listTags({}));
  const analyst = useQuery('analyst', () => api.getAnalyst({}));
  const doneRuns = useMemo(() => (runs.data ?? []).filter((r: ModelRun) => r.status === 'done'), [runs.data]);
  // "Label next" needs probabilities: an unsupervised run picked for the queue is not passed on.
  const chosen = doneRuns.find((r) => r.id === runId);
  const queueRun = labelNext && chosen?.kind === 'iforest' ? undefined : runId;
  const queue = useQueue({ runId: queueRun, filter, groupBySrcIp, offset, labelNext, batch });
  const { page } = queue;
  const items = page?.items ?? [];
  const current = items[Math.min(cursor, items.length - 1)];
  const colours = useMemo(() => new Map((tags.data ?? []).map((t) => [t.name, t.colour])), [tags.data]);
  const actions = useTriageActions({
    items,
    current,
    selection: [...selected],
    analyst: analyst.data?.name ?? '…',
    queue,
    setError: queue.setError,
    setMessage,
  });

  // A new page or batch starts at its top, with nothing selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: these are the triggers.
  useEffect(() => {
    setCursor(0);
    setSelected(new Set());
  }, [runId, filter, groupBySrcIp, offset, labelNext, batch]);

  const run = (command: TriageCommand) => {
    if (command.type === 'move') setCursor((c) => Math.max(0, Math.min(items.length - 1, c + command.by)));
    else if (command.type === 'verdict') actions.verdict(command.verdict, command.wide);
    else if (command.type === 'undo') actions.undo();
    else if (command.type === 'prompt') current && setPrompt(command.prompt);
    else if (command.type === 'clear') setSelected(new Set());
    else if (command.type === 'select' && current) {
      const id = current.session.id;
      setSelected((was) => {
        const next = new Set(was);
        if (!next.delete(id)) next.add(id);
        return next;
      });
    }
  };
  useTriageKeys(run, prompt === null);

  const answer = (value: string | null) => {
    const kind = prompt;
    setPrompt(null);
    if (!value) return;
    if (kind === 'tag') actions.tag(value);
    if (kind === 'note') actions.note(value);
    if (kind === 'case') actions.addToCase(value);
  };
  const onScored = useCallback((id: number) => {
    setRunId(id);
    setMessage(`Retrained: run ${id} scored every session.`);
  }, []);

  return (
    <div className="view triage-view" data-testid="view-triage" data-pending={queue.pending}>
      <header className="view-head">
        <h1>Triage</h1>
        <RetrainPanel onScored={onScored} />
      </header>
      <TriageBar
        page={page}
        runs={doneRuns}
        runId={runId}
        onRun={(id) => {
          setRunId(id);
          setOffset(0);
        }}
        groupBySrcIp={groupBySrcIp}
        onGroup={(on) => {
          setGroup(on);
          setOffset(0);
        }}
        labelNext={labelNext}
        pageIsLabelNext={queue.pageIsLabelNext}
        onLabelNext={(on) => {
          setLabelNext(on);
          setOffset(0);
        }}
        onNextBatch={() => setBatch((b) => b + 1)}
        verdict={verdict}
        onVerdict={(v) => {
          setVerdict(v);
          setOffset(0);
        }}
        selected={[...selected]}
      />
      <p className="muted triage-keys">{KEY_HELP}</p>
      <TagLegend tags={tags.data ?? []} onError={queue.setError} />
      {prompt && <PromptBar kind={prompt} onDone={answer} />}
      <ErrorNote message={queue.error} />
      <p className="triage-message" data-testid="triage-message" aria-live="polite">
        {message}
      </p>
      {page && !page.run && (
        <div className="empty" data-testid="triage-empty">
          <p>
            {labelNext
              ? 'Label next needs a supervised model: give a few verdicts (at least 10 of each class), then Retrain with verdicts.'
              : 'No model has scored the sessions yet: train one in Models, then flagged sessions queue here.'}
          </p>
        </div>
      )}
      {page?.run && items.length === 0 && (
        <div className="empty" data-testid="triage-none">
          <p>No session here matches the filter.</p>
        </div>
      )}
      {items.length > 0 && (
        <div className="triage-layout">
          <div>
            <QueueTable
              page={page!}
              cursor={cursor}
              selected={selected}
              colours={colours}
              onPick={setCursor}
            />
            {!labelNext && (
              <Pager
                offset={offset}
                limit={QUEUE_PAGE}
                total={page!.total}
                onOffset={setOffset}
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
