// "Retrain with verdicts": trains a supervised model on the analysts' verdicts, then scores every
// session with it and hands the new run to the queue. A refusal (a class missing, too few of one)
// is the training job's error, shown as it is: it carries the counts.
import { useEffect, useState } from 'react';
import { SUPERVISED_KINDS, type SupervisedKind } from '../../../src-shared/models.js';
import { api } from '../../api/index.js';
import { useJob } from '../../hooks/useJob.js';

export function RetrainPanel({ onScored }: { onScored(runId: number): void }) {
  const [kind, setKind] = useState<SupervisedKind>('rf');
  const [trainJob, setTrainJob] = useState<string | null>(null);
  const [scoreJob, setScoreJob] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const train = useJob(trainJob);
  const score = useJob(scoreJob);

  useEffect(() => {
    const runId = train.job?.runId;
    if (train.job?.state !== 'done' || runId == null) return;
    setTrainJob(null);
    api.scoreSessions({ runId }).then(
      (r) => setScoreJob(r.jobId),
      (e: Error) => setError(e.message),
    );
  }, [train.job]);
  useEffect(() => {
    if (score.job?.state === 'done' && score.job.runId != null) {
      setScoreJob(null);
      onScored(score.job.runId);
    }
  }, [score.job, onScored]);

  const job = score.job ?? train.job;
  const failed = job && (job.state === 'failed' || job.state === 'cancelled');
  const busy = (trainJob !== null || scoreJob !== null) && !failed;
  const start = () => {
    setError(null);
    setScoreJob(null);
    api.train({ kind, labels: { type: 'verdicts' } }).then(
      (r) => setTrainJob(r.jobId),
      (e: Error) => setError(e.message),
    );
  };
  return (
    <div className="retrain" data-testid="retrain">
      <select
        value={kind}
        aria-label="Model to retrain"
        onChange={(e) => setKind(e.target.value as SupervisedKind)}
      >
        {SUPERVISED_KINDS.map((k) => (
          <option key={k}>{k}</option>
        ))}
      </select>
      <button type="button" disabled={busy} onClick={start} data-testid="retrain-button">
        Retrain with verdicts
      </button>
      {busy && job && (
        <span className="muted">
          {job.kind === 'train' ? 'Training' : 'Scoring'}… {job.message}
        </span>
      )}
      {(failed || error || train.error || score.error) && (
        <p className="error-note" role="alert" data-testid="retrain-refusal">
          {error ?? train.error ?? score.error ?? job?.error ?? job?.message}
        </p>
      )}
    </div>
  );
}
