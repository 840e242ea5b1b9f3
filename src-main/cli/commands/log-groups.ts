import type { Command } from 'commander';
import { printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';
import { type AwsCliOptions, awsBytes, quietSdkNodeNotice, regionOf, withAwsOptions } from './aws-options.js';

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
  ).action((options: WorkspaceOptions & AwsCliOptions & { prefix?: string }) => {
    quietSdkNodeNotice();
    const args = {
      profile: options.profile,
      region: regionOf(options),
      endpoint: options.endpoint,
      prefix: options.prefix,
    };
    return withWorkspace(options, async ({ call }) => {
      const groups = await call('listLogGroups', args);
      if (options.json) return printJson(groups);
      if (groups.length === 0)
        return say(`No log groups${options.prefix ? ` starting with ${options.prefix}` : ''}.`);
      say(
        table([
          ['log group', 'stored', 'retention', 'last pulled event'],
          ...groups.map((g) => [
            g.name,
            awsBytes(g.storedBytes),
            g.retentionInDays === null ? 'never expires' : `${g.retentionInDays} days`,
            (g.lastPulledEventTs === null ? '-' : new Date(g.lastPulledEventTs).toISOString()) +
              (g.resumable ? ' (interrupted; resumable)' : ''),
          ]),
        ]),
      );
    });
  });
}
