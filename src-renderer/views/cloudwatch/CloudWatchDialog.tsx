import '../../styles/dialog.css';
import { type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';
import type { LogGroupInfo } from '../../../src-shared/cloudwatch.js';
import type { MappingPreset } from '../../../src-shared/domain.js';
import { api } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { countOf } from '../../format.js';
import { useJob } from '../../hooks/useJob.js';
import { ConnectionFields } from './ConnectionFields.js';
import { LogGroupField } from './LogGroupField.js';
import { ProblemList } from './ProblemList.js';
import { PullProgressPanel } from './PullProgressPanel.js';
import {
  defaultPullForm,
  fieldErrors,
  type Problem,
  type PullForm,
  toListArgs,
  toPullArgs,
} from './pull-form.js';
import { loadConnection, saveConnection } from './remembered-connection.js';
import { SelectionFields } from './SelectionFields.js';
import { TimeRangeFields } from './TimeRangeFields.js';

const NO_PRESETS: MappingPreset[] = [];

interface CloudWatchDialogProps {
  open: boolean;
  /** Called when the analyst closes the dialog (Escape, Close): the owner drops it from the URL. */
  onClose: () => void;
}

/**
 * "Connect to CloudWatch Logs": the only place where Vigil reaches the network. A native modal
 * <dialog> keeps focus inside while open, closes on Escape and gives focus back afterwards.
 */
export function CloudWatchDialog({ open, onClose }: CloudWatchDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<PullForm>(() => defaultPullForm(loadConnection()));
  const [groups, setGroups] = useState<LogGroupInfo[] | null>(null);
  const [listing, setListing] = useState(false);
  const [listError, setListError] = useState<string | null>(null);
  // Without presets the dialog still pulls VPC Flow Logs and WAF JSON.
  const presets = useVigilQuery('listPresets', {}, { enabled: open }).data ?? NO_PRESETS;
  // Unknown: show no field; the calls themselves still go where the main side decides.
  const endpoint = useVigilQuery('cloudWatchEndpoint', {}, { enabled: open }).data?.endpoint ?? null;
  const [problems, setProblems] = useState<Problem[]>([]);
  // Bumped by each refused attempt, so the first problem is brought into view every time.
  const [refusals, setRefusals] = useState(0);
  const [starting, setStarting] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, error: jobError } = useJob(jobId);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // The first problem may be below the fold of a tall form: scroll to it and put the caret there.
  useEffect(() => {
    if (refusals === 0) return;
    const first = ref.current?.querySelector<HTMLElement>(
      '[aria-invalid="true"], [data-testid="cw-problems"]',
    );
    first?.scrollIntoView({ block: 'center' });
    first?.focus({ preventScroll: true });
  }, [refusals]);

  const refuse = (found: Problem[]) => {
    setProblems(found);
    setRefusals((n) => n + 1);
  };

  // Editing a field takes its problem away; the others stay until the next attempt.
  const patch = (change: Partial<PullForm>) => {
    setForm((current) => ({ ...current, ...change }));
    setProblems((current) => current.filter((p) => p.field === null || !(p.field in change)));
  };

  const listGroups = async (prefix: string) => {
    const checked = toListArgs(form, prefix);
    setListError(null);
    if (!checked.ok) return refuse(checked.problems);
    saveConnection(form);
    setListing(true);
    try {
      setGroups(await api.listCloudWatchGroups(checked.args));
    } catch (error) {
      setGroups(null);
      setListError((error as Error).message);
    } finally {
      setListing(false);
    }
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const checked = toPullArgs(form);
    if (!checked.ok) return refuse(checked.problems);
    setProblems([]);
    saveConnection(form);
    setStarting(true);
    try {
      setJobId((await api.startCloudWatchPull(checked.args)).jobId);
    } catch (error) {
      refuse([{ field: null, message: (error as Error).message }]);
    } finally {
      setStarting(false);
    }
  };

  const errors = fieldErrors(problems);
  const chosen = groups?.find((group) => group.name === form.logGroup);
  const finished = job !== null && job.state !== 'running' && job.state !== 'queued';
  useFocusOnPhase(
    ref,
    jobId === null ? 'form' : job === null ? 'starting' : finished ? 'finished' : 'running',
  );
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="cw-title" onClose={onClose} data-testid="cw-dialog">
      <header className="dialog-head">
        <h2 id="cw-title">Connect to CloudWatch Logs</h2>
        <button type="button" className="icon" aria-label="Close" onClick={() => ref.current?.close()}>
          ×
        </button>
      </header>
      <p className="muted dialog-note">
        Pulls events of a log group into Vigil through the same import as files. In the app, Vigil goes online
        only from this dialog.
      </p>
      {jobId !== null ? (
        <div className="dialog-body">
          {job && (
            <PullProgressPanel
              job={job}
              logGroup={form.logGroup}
              onCancel={() => void api.cancelJob({ jobId })}
            />
          )}
          <ErrorNote message={jobError} />
          <footer className="dialog-foot">
            {finished && (
              <>
                {job.state === 'done' && (
                  <a href="#/sessions" className="button" data-testid="cw-show-sessions">
                    Show sessions
                  </a>
                )}
                <button type="button" onClick={() => setJobId(null)} data-testid="cw-new-pull">
                  New pull
                </button>
              </>
            )}
            <button type="button" onClick={() => ref.current?.close()}>
              Close
            </button>
          </footer>
        </div>
      ) : (
        <form className="dialog-body" onSubmit={start} noValidate aria-label="Pull settings">
          <ConnectionFields value={form} onChange={patch} endpoint={endpoint} errors={errors} />
          <LogGroupField
            name={form.logGroup}
            groups={groups}
            listing={listing}
            error={listError}
            onList={listGroups}
            onName={(logGroup) => patch({ logGroup })}
            errors={errors}
          />
          <TimeRangeFields
            value={form}
            lastPulled={chosen ? chosen.lastPulledEventTs : undefined}
            onChange={patch}
            errors={errors}
          />
          <SelectionFields value={form} presets={presets} onChange={patch} errors={errors} />
          <ProblemList problems={problems.filter((p) => p.field === null).map((p) => p.message)} />
          <footer className="dialog-foot">
            {/* The first problem is scrolled to; this says how many there are in all. */}
            {Object.keys(errors).length > 0 && (
              <span className="field-error" role="status" data-testid="cw-problem-count">
                {countOf(Object.keys(errors).length, 'field')} to fix, marked above
              </span>
            )}
            <button type="button" onClick={() => ref.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={starting} data-testid="cw-start">
              {starting ? 'Starting…' : 'Start pull'}
            </button>
          </footer>
        </form>
      )}
    </dialog>
  );
}

/** Where the caret goes when the dialog's body is replaced: the control of what comes next. */
const FOCUS_OF_PHASE = {
  form: '[data-testid="cw-log-group"]',
  // The job's first progress has not come yet: nothing to focus until it has.
  starting: null,
  running: '[data-testid="cw-cancel"]',
  finished: '[data-testid="cw-show-sessions"], [data-testid="cw-new-pull"]',
} as const;

/**
 * Start pull, the end of a pull and New pull each replace the part of the dialog that held the
 * focus, which then fell to the page's body: a keyboard user was left outside every control. Moves
 * it to the new part's control on each change (not when the dialog opens: the dialog's own rule).
 */
function useFocusOnPhase(dialog: RefObject<HTMLDialogElement | null>, phase: keyof typeof FOCUS_OF_PHASE) {
  const last = useRef(phase);
  useEffect(() => {
    if (last.current === phase) return;
    last.current = phase;
    const target = FOCUS_OF_PHASE[phase];
    if (target) dialog.current?.querySelector<HTMLElement>(target)?.focus();
  }, [dialog, phase]);
}
