import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';
import { terminalSafe } from './terminal-text.js';

// Loaded when a bar is drawn: a command piped or run for a script never needs it, and every
// module the CLI's thread loads stays resident beside an import's worker threads (its RSS bound).
const require = createRequire(import.meta.url);

/** A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, --json). */
export function createProgressBar(label: string, enabled: boolean) {
  if (!enabled || !process.stderr.isTTY)
    return { update: (_fraction: number, _detail: string) => {}, stop: () => {} };
  const cliProgress = require('cli-progress') as typeof CliProgress;
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
