import cliProgress from 'cli-progress';
import { terminalSafe } from './terminal-text.js';

/** A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, --json). */
export function createProgressBar(label: string, enabled: boolean) {
  if (!enabled || !process.stderr.isTTY)
    return { update: (_fraction: number, _detail: string) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${terminalSafe(label)} [{bar}] {percentage}% {detail}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1000, 0, { detail: '' });
  return {
    update: (fraction: number, detail: string) =>
      bar.update(Math.round(fraction * 1000), { detail: terminalSafe(detail) }),
    stop: () => bar.stop(),
  };
}
