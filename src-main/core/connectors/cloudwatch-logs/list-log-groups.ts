import type { ListLogGroupsArgs, LogGroupInfo } from '../../../../src-shared/cloudwatch.js';
import { pullSummariesByGroup } from '../../db/cloudwatch-pulls.js';
import type { Db } from '../../db/open.js';
import type { CallOptions } from './call.js';
import { createLogsClient } from './client.js';
import type { Credentials } from './credentials.js';
import { describeLogGroups } from './log-groups.js';

export type PulledByGroup = ReturnType<typeof pullSummariesByGroup>;

/** What Vigil has pulled from each log group of a place (the app asks its writer thread for it). */
export type PulledOf = (place: { region: string; endpoint: string }) => Promise<PulledByGroup>;

/** The log groups of a region (by name prefix), with what Vigil has already pulled from each. */
export function listLogGroups(
  db: Db,
  args: ListLogGroupsArgs,
  options: CallOptions & { credentials?: Credentials } = {},
): Promise<LogGroupInfo[]> {
  return listLogGroupsWith(
    async ({ region, endpoint }) => pullSummariesByGroup(db, region, endpoint),
    args,
    options,
  );
}

export async function listLogGroupsWith(
  pulledOf: PulledOf,
  args: ListLogGroupsArgs,
  options: CallOptions & { credentials?: Credentials } = {},
): Promise<LogGroupInfo[]> {
  const client = await createLogsClient({ ...args, credentials: options.credentials });
  try {
    const groups = await describeLogGroups(
      client,
      { region: args.region, endpoint: args.endpoint, profile: args.profile },
      args.prefix,
      options,
    );
    const pulled = await pulledOf({ region: args.region, endpoint: args.endpoint ?? '' });
    return groups.map((group) => ({
      ...group,
      lastPulledEventTs: pulled.get(group.name)?.lastEventTs ?? null,
      resumable: pulled.get(group.name)?.resumable ?? false,
    }));
  } finally {
    client.destroy();
  }
}
