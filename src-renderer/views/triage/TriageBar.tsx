import type { ModelRun } from '../../../src-shared/models.js';
import type { FlagQueuePage, TriageFilter } from '../../../src-shared/triage.js';
import { useDetectionSet } from '../../data/useDetectionSet.js';
import { countOf, formatCount } from '../../format.js';
import { QueueSelect } from './QueueSelect.js';

interface TriageBarProps {
  page: FlagQueuePage | null;
  runs: readonly ModelRun[];
  runId: number | undefined;
  onRun(id: number | undefined): void;
  groupBySrcIp: boolean;
  onGroup(on: boolean): void;
  /** Focus moves to the next row after a verdict. */
  advance: boolean;
  onAdvance(on: boolean): void;
  labelNext: boolean;
  /** Whether the rows shown are already the label-next batch (the switch takes one load). */
  pageIsLabelNext: boolean;
  onLabelNext(on: boolean): void;
  onNextBatch(): void;
  verdict: TriageFilter['verdict'];
  onVerdict(verdict: TriageFilter['verdict']): void;
  /** Session ids picked with x, for "new case from the selection". */
  selected: readonly number[];
}

/** What the queue shows: the detection set or one run's flags, grouped or not, the flag queue or "label next". */
export function TriageBar(props: TriageBarProps) {
  const { page, runs, runId, labelNext } = props;
  const flaggedBy = useDetectionSet().name;
  return (
    <div className="triage-bar">
      <label>
        Queue{' '}
        <QueueSelect
          value={runId ?? ''}
          data-testid="triage-run"
          onPick={(value) => props.onRun(value ? Number(value) : undefined)}
        >
          <option value="">detection set{flaggedBy ? ` (${flaggedBy})` : ''}</option>
          {runs.map((run) => (
            <option key={run.id} value={run.id}>
              run {run.id} only · {run.kind}
              {run.active ? ' (active)' : ''}
            </option>
          ))}
        </QueueSelect>
      </label>
      <label>
        <input
          type="checkbox"
          checked={props.groupBySrcIp}
          disabled={labelNext}
          onChange={(e) => props.onGroup(e.target.checked)}
        />{' '}
        group by source IP
      </label>
      <label>
        <input
          type="checkbox"
          checked={props.advance}
          data-testid="triage-advance"
          onChange={(e) => props.onAdvance(e.target.checked)}
        />{' '}
        next row after a verdict
      </label>
      <label>
        Verdict{' '}
        <QueueSelect
          value={props.verdict ?? ''}
          disabled={labelNext}
          data-testid="triage-verdict-filter"
          onPick={(value) => props.onVerdict((value || undefined) as TriageFilter['verdict'])}
        >
          <option value="none">not yet judged</option>
          <option value="">any</option>
          <option value="malicious">malicious</option>
          <option value="benign">benign</option>
          <option value="review">needs review</option>
        </QueueSelect>
      </label>
      <label>
        <input
          type="checkbox"
          checked={labelNext}
          data-testid="label-next"
          onChange={(e) => props.onLabelNext(e.target.checked)}
        />{' '}
        label next
      </label>
      {labelNext && (
        <button type="button" className="small" onClick={props.onNextBatch} data-testid="label-next-batch">
          Next batch
        </button>
      )}
      {page && (
        <span
          className="muted"
          data-testid="triage-total"
          data-total={page.total}
          title={queueOrder(page, flaggedBy, props.groupBySrcIp && !props.pageIsLabelNext)}
        >
          {props.pageIsLabelNext
            ? `${countOf(page.total, 'session')} the model is least sure about`
            : props.verdict === 'none'
              ? `${formatCount(page.total)} left to judge`
              : `${formatCount(page.total)} flagged`}
          {page.run ? ` · run ${page.run.id} (${page.run.kind}) only` : ''}
          {page.set ? ` · by ${page.set}` : ''}
        </span>
      )}
      {props.selected.length > 0 && (
        <a
          href={`#/cases/new?${props.selected.map((id) => `session=${id}`).join('&')}`}
          data-testid="selection-new-case"
        >
          new case from {props.selected.length} selected
        </a>
      )}
    </div>
  );
}

/**
 * What the queue holds and in which order. The default queue is the detection set, the Overview's
 * "flagged"; a one-run queue says it is not. Grouped rows come by source IP first, which the score
 * order alone does not explain (a 0.9 row under a 0.95 one, after another IP's 0.92).
 */
function queueOrder(
  page: FlagQueuePage,
  flaggedBy: string | undefined,
  grouped: boolean,
): string | undefined {
  const held =
    page.run && flaggedBy
      ? `The flags of ${page.run.kind} #${page.run.id} only, by its score. Elsewhere, flagged means the detection set: ${flaggedBy}.`
      : page.set
        ? `Flagged by the detection set (${page.set}), the best score first.`
        : undefined;
  if (!grouped) return held;
  const byIp = 'Grouped by source IP: the source with the best score first, each with its sessions by score.';
  return held ? `${held} ${byIp}` : byIp;
}
