// The CloudWatch Logs connector's arguments and results: the only calls that reach the network.
import { z } from 'zod';
import { pullTimeRangeProblem } from './pull-time-range.js';

/** A duration such as `90s`, `30m`, `24h`, `7d`, `2w`. */
export const DURATION_PATTERN = /^(\d{1,6})(ms|s|m|h|d|w)$/;
export const Duration = z.string().regex(DURATION_PATTERN, 'a duration such as 30m, 24h or 7d');

/** Where to connect. Credentials are never part of it: they come from the standard AWS chain. */
export const AwsConnection = z.object({
  /** A profile of ~/.aws/config or ~/.aws/credentials (keys, SSO, assume-role); else the default chain. */
  profile: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w+=,.@:/-]+$/, 'a profile name')
    .optional(),
  region: z
    .string()
    .max(32)
    .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'an AWS region such as eu-west-1'),
  /** A custom endpoint: an emulator or a VPC interface endpoint. */
  endpoint: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
});
export type AwsConnection = z.infer<typeof AwsConnection>;

export const LogGroupName = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[.\-_/#A-Za-z0-9]+$/, 'a log group name');

export const ListLogGroupsArgs = AwsConnection.extend({
  prefix: z.string().max(512).optional(),
});
export type ListLogGroupsArgs = z.infer<typeof ListLogGroupsArgs>;

/**
 * What a page may choose: never the endpoint, which only the main side's settings set. Strict, so
 * a page that sends one is told no instead of having it silently dropped.
 */
const PageConnection = AwsConnection.omit({ endpoint: true });
export const PageListLogGroupsArgs = PageConnection.extend({
  prefix: ListLogGroupsArgs.shape.prefix,
}).strict();
export type PageListLogGroupsArgs = z.infer<typeof PageListLogGroupsArgs>;

export const LogGroupInfo = z.object({
  name: z.string(),
  arn: z.string().nullable(),
  storedBytes: z.number().nullable(),
  /** null: the group never expires its events. */
  retentionInDays: z.number().int().nullable(),
  createdAt: z.number().nullable(),
  /** Newest event timestamp Vigil has pulled from this group (any filter), null if never. */
  lastPulledEventTs: z.number().nullable(),
  /** An interrupted pull of this group can resume where it stopped. */
  resumable: z.boolean(),
});
export type LogGroupInfo = z.infer<typeof LogGroupInfo>;

const PullFields = AwsConnection.extend({
  logGroup: LogGroupName,
  /** FilterLogEvents takes at most 100 stream names. */
  streams: z.array(z.string().min(1).max(512)).min(1).max(100).optional(),
  /** Pull the last `since` (default 24h) up to `to` (default now). */
  since: Duration.optional(),
  /** Epoch milliseconds. */
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
  /** Only what is new since the last pull of this group with the same filter. */
  newOnly: z.boolean().optional(),
  /** How far before the last pulled event a `newOnly` pull starts, for events that arrive late. */
  overlap: Duration.optional(),
  filterPattern: z.string().min(1).max(1024).optional(),
  insightsQuery: z.string().min(1).max(10_000).optional(),
  /** A saved mapping preset, for JSON lines that are neither VPC Flow Logs nor WAF logs. */
  preset: z.string().min(1).max(100).optional(),
});

/** Rules that span fields; shared by the API schema and the core (which takes a resolved preset). */
export function checkPullFields(
  value: Pick<
    z.infer<typeof PullFields>,
    'since' | 'from' | 'to' | 'filterPattern' | 'insightsQuery' | 'streams'
  >,
): string | null {
  if (value.filterPattern !== undefined && value.insightsQuery !== undefined)
    return 'Give either a filter pattern or a Logs Insights query, not both.';
  if (value.streams !== undefined && value.insightsQuery !== undefined)
    return 'A Logs Insights query reads whole log groups: filter streams inside the query (filter @logStream = "…").';
  const range = pullTimeRangeProblem(value);
  if (range) return range;
  if (value.from !== undefined && value.to !== undefined && value.from > value.to)
    return 'The start of the time range (from) is after its end (to).';
  return null;
}

const checked = (value: Parameters<typeof checkPullFields>[0], ctx: z.RefinementCtx) => {
  const problem = checkPullFields(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

export const PullArgs = PullFields.superRefine(checked);
export type PullArgs = z.infer<typeof PullArgs>;

/** The page's pull: PullArgs without the endpoint (see PageListLogGroupsArgs). */
export const PagePullArgs = PullFields.omit({ endpoint: true }).strict().superRefine(checked);
export type PagePullArgs = z.infer<typeof PagePullArgs>;
