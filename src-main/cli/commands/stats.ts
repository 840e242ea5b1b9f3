import type { Command } from 'commander';
import type { OverviewAnswer } from '../../../src-shared/analytics.js';
import { recordedMetrics } from '../../../src-shared/analytics-bins.js';
import type { DashboardSummary } from '../../../src-shared/domain.js';
import { filterOption } from '../filter-option.js';
import { printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';

/** A volume no stored session has: its sum would print as 0, which reads as nothing sent. */
const NOT_RECORDED = '— (not in these logs)';

interface StatsOptions extends WorkspaceOptions {
  filter?: string;
}

/** What `vigil stats` prints: the totals, and sessions per detection type. */
type Stats = Omit<DashboardSummary, 'byCountry' | 'sourceIps'> & {
  /** Null when only a scan could count them (the Overview's KPI says the same). */
  sourceIps: number | null;
  filter?: string;
};

/**
 * The Overview's answer for a filter, as the totals `vigil stats` prints without one. The first
 * and last start are the matching sessions' own (`span`): the Overview's are its time axis.
 */
function statsOf(answer: OverviewAnswer, span: Pick<Stats, 'firstTs' | 'lastTs'>, filter: string): Stats {
  const { kpis, typeByCountry } = answer;
  const recorded = recordedMetrics(answer.histograms);
  const byType = new Map<string, number>();
  for (const cell of typeByCountry.cells)
    byType.set(cell.detectionType, (byType.get(cell.detectionType) ?? 0) + cell.sessions);
  return {
    filter,
    sessions: kpis.sessions,
    sourceIps: kpis.sourceIps,
    countries: kpis.countries,
    bytesIn: kpis.bytesIn,
    bytesOut: kpis.bytesOut,
    bytesInRecorded: recorded.has('bytesIn'),
    bytesOutRecorded: recorded.has('bytesOut'),
    ...span,
    byDetectionType: [...byType]
      .map(([detectionType, sessions]) => ({ detectionType, sessions }))
      .sort((a, b) => b.sessions - a.sessions),
  };
}

export function registerStats(program: Command): void {
  withCommonOptions(
    program
      .command('stats')
      .description('Totals of the stored sessions (from the rollups), or of those matching --filter')
      .option(
        '--filter <text>',
        "only the sessions matching this text in the filter language, as the app's filter bar reads it",
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  vigil stats
  vigil stats --filter 'sigma:* status:5xx'
  vigil stats --filter 'ua:="curl/8.4.0" -country:US' --json`,
    )
    .action((options: StatsOptions) =>
      withWorkspace(options, async ({ call }) => {
        let stats: Stats;
        if (options.filter !== undefined) {
          const filter = { clauses: filterOption(options.filter) };
          const span = await call('sessionSpan', { filter });
          stats = statsOf(await call('analyticsOverview', { filter }), span, options.filter);
        } else stats = await call('dashboardSummary', { filter: {} });
        if (options.json) return printJson(stats);
        const iso = (ts: number | null) => (ts === null ? '-' : new Date(ts).toISOString());
        if (stats.filter !== undefined) say(`sessions matching ${stats.filter}\n`);
        say(
          table([
            ['sessions', stats.sessions],
            ['source IPs', stats.sourceIps ?? '-'],
            ['countries', stats.countries],
            ['bytes in', stats.bytesInRecorded ? stats.bytesIn : NOT_RECORDED],
            ['bytes out', stats.bytesOutRecorded ? stats.bytesOut : NOT_RECORDED],
            ['first', iso(stats.firstTs)],
            ['last', iso(stats.lastTs)],
          ]),
        );
        if (stats.byDetectionType.length) {
          say(
            `\n${table([['detection type', 'sessions'], ...stats.byDetectionType.map((d) => [d.detectionType || '(none)', d.sessions])])}`,
          );
        }
      }),
    );
}
