import type { Command } from 'commander';
import { printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';

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
          ['bytes in', summary.bytesIn],
          ['bytes out', summary.bytesOut],
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
