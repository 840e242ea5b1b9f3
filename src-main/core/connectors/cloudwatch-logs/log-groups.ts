import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { type CallOptions, callAws } from './call.js';
import type { CallContext } from './errors.js';
import { loadSdk } from './sdk.js';

export interface LogGroupListing {
  name: string;
  arn: string | null;
  storedBytes: number | null;
  /** null: never expires. */
  retentionInDays: number | null;
  createdAt: number | null;
}

/** Every log group whose name starts with `prefix`, following DescribeLogGroups pages. */
export async function describeLogGroups(
  client: CloudWatchLogsClient,
  ctx: Omit<CallContext, 'action'>,
  prefix: string | undefined,
  options: CallOptions = {},
): Promise<LogGroupListing[]> {
  const { DescribeLogGroupsCommand } = await loadSdk();
  const groups: LogGroupListing[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAws(
      { ...ctx, action: 'DescribeLogGroups' },
      (abortSignal) =>
        client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix || undefined, nextToken }), {
          abortSignal,
        }),
      options,
    );
    for (const group of page.logGroups ?? []) {
      if (!group.logGroupName) continue;
      groups.push({
        name: group.logGroupName,
        arn: group.logGroupArn ?? group.arn ?? null,
        storedBytes: group.storedBytes ?? null,
        retentionInDays: group.retentionInDays ?? null,
        createdAt: group.creationTime ?? null,
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return groups;
}
