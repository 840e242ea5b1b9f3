import '../../styles/dialog.css';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { LogGroupInfo } from '../../../src-shared/cloudwatch.js';
import type { MappingPreset } from '../../../src-shared/domain.js';
import { api } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { useJob } from '../../hooks/useJob.js';
import { ConnectionFields } from './ConnectionFields.js';
import { LogGroupField } from './LogGroupField.js';
import { ProblemList } from './ProblemList.js';
import { PullProgressPanel } from './PullProgressPanel.js';
import { defaultPullForm, type PullForm, toListArgs, toPullArgs } from './pull-form.js';
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
  const [problems, setProblems] = useState<string[]>([]);
  const [starting, setStarting] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, error: jobError } = useJob(jobId);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const patch = (change: Partial<PullForm>) => setForm((current) => ({ ...current, ...change }));

  const listGroups = async (prefix: string) => {
    const checked = toListArgs(form, prefix);
    setListError(checked.ok ? null : checked.problems.join(' '));
    if (!checked.ok) return;
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
    setProblems(checked.ok ? [] : checked.problems);
    if (!checked.ok) return;
    saveConnection(form);
    setStarting(true);
    try {
      setJobId((await api.startCloudWatchPull(checked.args)).jobId);
    } catch (error) {
      setProblems([(error as Error).message]);
    } finally {
      setStarting(false);
    }
  };

  const chosen = groups?.find((group) => group.name === form.logGroup);
  const finished = job !== null && job.state !== 'running' && job.state !== 'queued';
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
          <ConnectionFields value={form} onChange={patch} endpoint={endpoint} />
          <LogGroupField
            name={form.logGroup}
            groups={groups}
            listing={listing}
            error={listError}
            onList={listGroups}
            onName={(logGroup) => patch({ logGroup })}
          />
          <TimeRangeFields
            value={form}
            lastPulled={chosen ? chosen.lastPulledEventTs : undefined}
            onChange={patch}
          />
          <SelectionFields value={form} presets={presets} onChange={patch} />
          <ProblemList problems={problems} />
          <footer className="dialog-foot">
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
