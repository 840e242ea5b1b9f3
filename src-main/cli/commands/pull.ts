import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { PullArgs } from '../../../src-shared/cloudwatch.js';
import { type PullSummary, runPull, spoolDirOf } from '../../core/connectors/cloudwatch-logs/index.js';
import { describePullDetail, pullDetailOf } from '../../core/connectors/cloudwatch-logs/progress-detail.js';
import { openDatabase } from '../../core/db/open.js';
import { getPreset } from '../../core/db/presets.js';
import { removeLeftovers } from '../../core/leftovers.js';
import { type CommonOptions, printJson, table, withCommonOptions } from '../options.js';
import { createProgressBar } from '../progress-bar.js';
import { say } from '../terminal-text.js';
import {
  type AwsCliOptions,
  formatBytes,
  quietSdkNodeNotice,
  regionOf,
  withAwsOptions,
} from './aws-options.js';

interface PullCliOptions extends CommonOptions, AwsCliOptions {
  logGroup: string;
  stream?: string[];
  since?: string;
  from?: string;
  to?: string;
  new?: boolean;
  overlap?: string;
  filter?: string;
  insights?: string;
  preset?: string;
  enrich: boolean;
}

/** ISO 8601 or epoch milliseconds. */
function parseTime(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (Number.isNaN(ms))
    throw new Error(`${flag} "${text}" is not a date: use ISO 8601 (2024-05-01T12:00:00Z) or epoch ms.`);
  return ms;
}

export function registerPull(program: Command): void {
  withAwsOptions(
    withCommonOptions(
      program
        .command('pull')
        .description('Pull events of a CloudWatch Logs log group into Vigil (network), like importing a file')
        .requiredOption('--log-group <name>', 'log group to pull from')
        .option('--stream <names...>', 'only these log streams (at most 100)')
        .option('--since <duration>', 'time range ending now (or at --to): 30m, 24h, 7d (default 24h)')
        .option('--from <time>', 'start of the time range (ISO 8601 or epoch ms)')
        .option('--to <time>', 'end of the time range (default now)')
        .option('--new', 'only what is new since the last pull of this log group and filter')
        .option(
          '--overlap <duration>',
          'with --new, start this long before the last pulled event, for late events (default 10m)',
        )
        .option('--filter <pattern>', 'CloudWatch Logs filter pattern (FilterLogEvents)')
        .option('--insights <query>', 'run a Logs Insights query instead and import its @message field')
        .option(
          '--preset <name>',
          'mapping preset for JSON lines that are neither VPC Flow Logs nor WAF logs',
        )
        .option('--no-enrich', 'do not look up country / ASN for rows that lack them'),
    ),
  )
    .addHelpText(
      'after',
      `
Events are imported like a file (VPC Flow Log lines and WAF JSON are recognised; other JSON lines
need --preset): every row is stored, quarantined or counted as a duplicate. Vigil remembers where
each pull got to: an interrupted pull (Ctrl-C, network failure) resumes when run again, and --new
fetches only what arrived since the last pull.`,
    )
    .action(async (options: PullCliOptions) => {
      quietSdkNodeNotice();
      const parsed = PullArgs.safeParse({
        profile: options.profile,
        region: regionOf(options),
        endpoint: options.endpoint,
        logGroup: options.logGroup,
        streams: options.stream,
        since: options.since,
        from: parseTime(options.from, '--from'),
        to: parseTime(options.to, '--to'),
        newOnly: options.new,
        overlap: options.overlap,
        filterPattern: options.filter,
        insightsQuery: options.insights,
        preset: options.preset,
      });
      if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
      const db = openDatabase(options.db);
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      process.once('SIGINT', onSignal);
      const bar = createProgressBar(`pull ${options.logGroup}`, !options.json);
      try {
        removeLeftovers(spoolDirOf(db.name));
        const preset = options.preset === undefined ? undefined : getPreset(db, options.preset);
        if (options.preset !== undefined && !preset)
          throw new Error(`No mapping preset named "${options.preset}"`);
        const summary = await runPull(
          db,
          { ...parsed.data, preset },
          {
            signal: abort.signal,
            enrich: options.enrich,
            cacheDir: path.join(path.dirname(path.resolve(options.db)), 'cache'),
            onProgress: (p) => bar.update(p.fraction, describePullDetail(pullDetailOf(p))),
          },
        );
        bar.stop();
        if (options.json) printJson(summary);
        else printSummary(summary);
        if (summary.status === 'cancelled') process.exitCode = 130;
      } finally {
        bar.stop();
        process.off('SIGINT', onSignal);
        db.close();
      }
    });
}

const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

function printSummary(s: PullSummary): void {
  const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());
  const n = (value: number) => value.toLocaleString('en-US');
  say(
    table([
      ['log group', `${s.logGroup} (${s.region}${s.endpoint ? `, ${s.endpoint}` : ''})`],
      ['status', s.status + (s.resumed ? ' (resumed an interrupted pull)' : '')],
      ['time range', `${iso(s.rangeStart)} to ${iso(s.rangeEnd)}`],
      ['events', `${iso(s.firstEventTs)} to ${iso(s.lastEventTs)}`],
      ['pulled', `${count(s.events, 'event')} in ${count(s.pages, 'page')} (${formatBytes(s.bytes)})`],
      ['stored', n(s.counts.stored)],
      ['quarantined', n(s.counts.quarantined)],
      ['duplicates', n(s.counts.duplicates)],
      ['imports', s.importIds.length ? s.importIds.map((id) => `#${id}`).join(' ') : '-'],
    ]),
  );
  for (const note of s.notes) say(note);
  if (s.counts.quarantined > 0) say('See quarantined rows with: vigil imports --quarantine <import id>');
}
