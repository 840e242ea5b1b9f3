import type { Command } from 'commander';
import type { PullSummary } from '../../../src-shared/domain.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import { describePullDetail } from '../../core/connectors/cloudwatch-logs/progress-detail.js';
import { CANCELLED_EXIT_CODE } from '../cancel-signals.js';
import { followJob } from '../follow-job.js';
import { printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';
import { type AwsCliOptions, awsBytes, quietSdkNodeNotice, regionOf, withAwsOptions } from './aws-options.js';
import { positiveInt } from './option-values.js';

interface PullCliOptions extends WorkspaceOptions, AwsCliOptions {
  logGroup?: string;
  source?: string;
  limit?: string;
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
        .description(
          'Pull events of a CloudWatch Logs log group, or rows of a source (vigil source), into Vigil (network), like importing a file',
        )
        .option('--log-group <name>', 'log group to pull from')
        .option(
          '--source <name>',
          "a source's rows instead (vigil source add); --filter is then Vigil's filter language",
        )
        .option('--limit <rows>', 'with --source: refuse when more rows match (default 5000000)')
        .option('--stream <names...>', 'only these log streams (at most 100)')
        .option(
          '--since <duration>',
          'time range ending now (or at --to): 30m, 24h, 7d (default 24h); not with --from',
        )
        .option('--from <time>', 'start of the time range (ISO 8601 or epoch ms)')
        .option('--to <time>', 'end of the time range (default now)')
        .option('--new', 'only what is new since the last pull of this log group and filter')
        .option(
          '--overlap <duration>',
          'with --new, start this long before the last pulled event or row, for late ones (default 10m); rows pulled again count as duplicates',
        )
        .option(
          '--filter <pattern>',
          "CloudWatch Logs filter pattern (FilterLogEvents); with --source, Vigil's filter (e.g. 'path:/admin src:10.0.0.0/8')",
        )
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
fetches only what arrived since the last pull.

With --source NAME (a ClickHouse table, \`vigil source add\`) the AWS credentials above play no part:
the password is read when Vigil connects, from the environment variable the source names
(VIGIL_CLICKHOUSE_PASSWORD unless added with --password-env) or the profile file it was added with.`,
    )
    .action((options: PullCliOptions) => {
      if ((options.source === undefined) === (options.logGroup === undefined))
        throw new Error('Give --log-group (CloudWatch Logs) or --source (vigil source list), one of them.');
      // The contract refuses the pair too (src-shared/pull-time-range.ts), in its own field names.
      if (options.since !== undefined && options.from !== undefined)
        throw new Error(
          '--since and --from both set where the time range starts: give one of them (--since counts back from --to, or from now)',
        );
      if (options.source !== undefined) return pullSource(options.source, options);
      quietSdkNodeNotice();
      // Given: exactly one of --log-group and --source was, and it was not --source.
      const logGroup = options.logGroup ?? '';
      const args = {
        profile: options.profile,
        region: regionOf(options),
        endpoint: options.endpoint,
        logGroup,
        streams: options.stream,
        since: options.since,
        from: parseTime(options.from, '--from'),
        to: parseTime(options.to, '--to'),
        newOnly: options.new,
        overlap: options.overlap,
        filterPattern: options.filter,
        insightsQuery: options.insights,
        preset: options.preset,
      };
      const names = {
        streams: '--stream',
        newOnly: '--new',
        filterPattern: '--filter',
        insightsQuery: '--insights',
      };
      return withWorkspace(
        options,
        async ({ core, call }) => {
          const { jobId } = await call('startPull', args, names);
          const job = await followJob(core, jobId, {
            label: `pull ${logGroup}`,
            showProgress: !options.json,
            detail: (p) => (p.pull ? describePullDetail(p.pull) : p.message),
          });
          if (job.state === 'failed' || !job.pullSummary) throw new Error(job.error ?? job.message);
          if (options.json) printJson(job.pullSummary);
          else printSummary(job.pullSummary, options.db);
          if (job.pullSummary.status === 'cancelled') process.exitCode = CANCELLED_EXIT_CODE;
        },
        { enrich: options.enrich },
      );
    });
}

/** `vigil pull --source NAME`: the rows of a source matching Vigil's filter, through the same pipeline. */
function pullSource(name: string, options: PullCliOptions): Promise<void> {
  const limit = options.limit === undefined ? undefined : positiveInt('--limit', options.limit);
  const args = {
    source: name,
    filter: { clauses: parseFilterOrThrow(options.filter ?? '') },
    since: options.since,
    from: parseTime(options.from, '--from'),
    to: parseTime(options.to, '--to'),
    newOnly: options.new,
    overlap: options.overlap,
    limit,
  };
  return withWorkspace(
    options,
    async ({ core, call }) => {
      const { jobId } = await call('startSourcePull', args, { newOnly: '--new', filter: '--filter' });
      const job = await followJob(core, jobId, { label: `pull ${name}`, showProgress: !options.json });
      const summary = job.sourcePullSummary;
      if (job.state === 'failed' || !summary) throw new Error(job.error ?? job.message);
      if (options.json) printJson(summary);
      else {
        const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());
        const n = (value: number) => value.toLocaleString('en-US');
        say(
          table([
            ['source', `${summary.source}${summary.selector ? ` (${summary.selector})` : ''}`],
            ['status', summary.status],
            ['time range', `${iso(summary.rangeStart)} to ${iso(summary.rangeEnd)}`],
            ['rows', `${iso(summary.firstEventTs)} to ${iso(summary.lastEventTs)}`],
            ['pulled', `${n(summary.rows)} of ${n(summary.matching)} matching`],
            ['stored', n(summary.counts.stored)],
            ['quarantined', n(summary.counts.quarantined)],
            ['duplicates', n(summary.counts.duplicates)],
            ['imports', summary.importIds.length ? summary.importIds.map((id) => `#${id}`).join(' ') : '-'],
          ]),
        );
        for (const note of summary.notes) say(note);
      }
      if (summary.status === 'cancelled') process.exitCode = CANCELLED_EXIT_CODE;
    },
    // The pull's own writes (the source, its watermark after each chunk) are a few, made while the
    // import thread is between chunks: on this thread, rather than a writer thread whose start-up
    // (0.2–0.5 s on a loaded machine) came before the rows were even counted. Imports keep theirs.
    { enrich: options.enrich, writeWorker: false },
  );
}

const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

function printSummary(s: PullSummary, db: string): void {
  const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());
  const n = (value: number) => value.toLocaleString('en-US');
  say(
    table([
      ['log group', `${s.logGroup} (${s.region}${s.endpoint ? `, ${s.endpoint}` : ''})`],
      ['status', s.status + (s.resumed ? ' (resumed an interrupted pull)' : '')],
      ['time range', `${iso(s.rangeStart)} to ${iso(s.rangeEnd)}`],
      ['events', `${iso(s.firstEventTs)} to ${iso(s.lastEventTs)}`],
      ['pulled', `${count(s.events, 'event')} in ${count(s.pages, 'page')} (${awsBytes(s.bytes)})`],
      ['stored', n(s.counts.stored)],
      ['quarantined', n(s.counts.quarantined)],
      ['duplicates', n(s.counts.duplicates)],
      ['imports', s.importIds.length ? s.importIds.map((id) => `#${id}`).join(' ') : '-'],
    ]),
  );
  for (const note of s.notes) say(note);
  if (s.counts.quarantined > 0)
    say(
      `See quarantined rows with: vigil imports --quarantine ID --db ${db} (ID: ${s.importIds.join(', ')}, the imports above)`,
    );
}
