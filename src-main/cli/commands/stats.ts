import type { Command } from 'commander';
import { printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';

/** A volume no stored session has: its sum would print as 0, which reads as nothing sent. */
const NOT_RECORDED = '— (not in these logs)';

export function registerStats(program: Command): void {
  withCommonOptions(
    program.command('stats').description('Totals of the stored sessions (from the rollups)'),
  ).action((options: WorkspaceOptions) =>
    withWorkspace(options, async ({ call }) => {
      const summary = await call('dashboardSummary', { filter: {} });
      if (options.json) return printJson(summary);
      const iso = (ts: number | null) => (ts === null ? '-' : new Date(ts).toISOString());
      say(
        table([
          ['sessions', summary.sessions],
          ['source IPs', summary.sourceIps],
          ['countries', summary.countries],
          ['bytes in', summary.bytesInRecorded ? summary.bytesIn : NOT_RECORDED],
          ['bytes out', summary.bytesOutRecorded ? summary.bytesOut : NOT_RECORDED],
          ['first', iso(summary.firstTs)],
          ['last', iso(summary.lastTs)],
        ]),
      );
      if (summary.byDetectionType.length) {
        say(
          `\n${table([['detection type', 'sessions'], ...summary.byDetectionType.map((d) => [d.detectionType || '(none)', d.sessions])])}`,
        );
      }
    }),
  );
}
