import type { Command } from 'commander';
import { z } from 'zod';
import { ListLogGroupsArgs } from '../../../src-shared/cloudwatch.js';
import { listLogGroups } from '../../core/connectors/cloudwatch-logs/index.js';
import { openDatabase } from '../../core/db/open.js';
import { type CommonOptions, printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import {
  type AwsCliOptions,
  formatBytes,
  quietSdkNodeNotice,
  regionOf,
  withAwsOptions,
} from './aws-options.js';

export function registerLogGroups(program: Command): void {
  withAwsOptions(
    withCommonOptions(
      program
        .command('log-groups')
        .description(
          'List the CloudWatch Logs log groups of a region (network), with what was already pulled',
        )
        .option('--prefix <prefix>', 'only log groups whose name starts with this'),
    ),
  ).action(async (options: CommonOptions & AwsCliOptions & { prefix?: string }) => {
    quietSdkNodeNotice();
    const parsed = ListLogGroupsArgs.safeParse({
      profile: options.profile,
      region: regionOf(options),
      endpoint: options.endpoint,
      prefix: options.prefix,
    });
    if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
    const db = openDatabase(options.db);
    try {
      const groups = await listLogGroups(db, parsed.data);
      if (options.json) return printJson(groups);
      if (groups.length === 0)
        return say(`No log groups${options.prefix ? ` starting with ${options.prefix}` : ''}.`);
      say(
        table([
          ['log group', 'stored', 'retention', 'last pulled event'],
          ...groups.map((g) => [
            g.name,
            formatBytes(g.storedBytes),
            g.retentionInDays === null ? 'never expires' : `${g.retentionInDays} days`,
            (g.lastPulledEventTs === null ? '-' : new Date(g.lastPulledEventTs).toISOString()) +
              (g.resumable ? ' (interrupted; resumable)' : ''),
          ]),
        ]),
      );
    } finally {
      db.close();
    }
  });
}
