interface ProgressBarProps {
  /** 0..1, or null when the total is unknown (an indeterminate bar). */
  fraction: number | null;
  /** Exposed as data-state so tests and styles can follow the job without reading text. */
  state: string;
  label: string;
  testId?: string;
}

export function ProgressBar({ fraction, state, label, testId }: ProgressBarProps) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      data-state={state}
      data-testid={testId}
    >
      <div
        className={percent === null ? 'progress-fill indeterminate' : 'progress-fill'}
        style={{ width: `${percent ?? 100}%` }}
      />
    </div>
  );
}
