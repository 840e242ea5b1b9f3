import type { ListLogGroupsArgs, LogGroupInfo } from '../../../../src-shared/cloudwatch.js';
import { pullSummariesByGroup } from '../../db/cloudwatch-pulls.js';
import type { Db } from '../../db/open.js';
import type { CallOptions } from './call.js';
import { createLogsClient } from './client.js';
import type { Credentials } from './credentials.js';
import { describeLogGroups } from './log-groups.js';

/** The log groups of a region (by name prefix), with what Vigil has already pulled from each. */
export async function listLogGroups(
  db: Db,
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
    const pulled = pullSummariesByGroup(db, args.region, args.endpoint ?? '');
    return groups.map((group) => ({
      ...group,
      lastPulledEventTs: pulled.get(group.name)?.lastEventTs ?? null,
      resumable: pulled.get(group.name)?.resumable ?? false,
    }));
  } finally {
    client.destroy();
  }
}
