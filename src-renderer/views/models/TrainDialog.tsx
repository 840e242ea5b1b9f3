import '../../styles/dialog.css';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../api/index.js';
import { useJob } from '../../hooks/useJob.js';
import { TrainFields } from './TrainFields.js';
import { TrainFailure, TrainProgress } from './TrainProgress.js';
import { checkTrainForm, defaultTrainForm, type TrainForm } from './train-form.js';

interface TrainDialogProps {
  open: boolean;
  onClose: () => void;
}

/**
 * "Train a model": a native modal <dialog> (focus stays inside, Escape closes). Training runs as a
 * job in the core; closing the dialog does not stop it (the runs table shows it as training).
 */
export function TrainDialog({ open, onClose }: TrainDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<TrainForm>(defaultTrainForm);
  const [problems, setProblems] = useState<string[]>([]);
  const [startError, setStartError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, error: jobError } = useJob(jobId);
  const running = job?.state === 'running' || (jobId !== null && job === null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal?.();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // A finished job's result is cleared on close, so the next opening starts a fresh form state.
  const close = () => {
    if (!running) setJobId(null);
    onClose();
  };

  const patch = (change: Partial<TrainForm>) => {
    setForm((current) => ({ ...current, ...change }));
    setProblems([]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkTrainForm(form);
    if (!checked.ok) return setProblems(checked.problems);
    setStartError(null);
    setJobId(null);
    try {
      setJobId((await api.train(checked.args)).jobId);
    } catch (error) {
      setStartError((error as Error).message);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog train-dialog"
      aria-labelledby="train-title"
      onClose={close}
      data-testid="train-dialog"
    >
      <form onSubmit={submit} noValidate>
        <header className="dialog-head">
          <h2 id="train-title">Train a model</h2>
          <button type="button" className="icon" onClick={close} aria-label="Close dialog">
            ✕
          </button>
        </header>
        <div className="dialog-body">
          <TrainFields form={form} onChange={patch} disabled={running} />
          {problems.length > 0 && (
            <div className="error-note" role="alert" data-testid="train-problems">
              <ul>
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </div>
          )}
          {startError && <TrainFailure message={startError} />}
          {jobError && <p className="error-note">{jobError}</p>}
          {job && <TrainProgress job={job} onCancel={() => void api.cancelJob({ jobId: job.jobId })} />}
          <div className="dialog-foot">
            <button type="button" onClick={close} data-testid="train-close">
              Close
            </button>
            <button type="submit" className="primary" disabled={running} data-testid="train-start">
              {running ? 'Training…' : 'Train'}
            </button>
          </div>
        </div>
      </form>
    </dialog>
  );
}
