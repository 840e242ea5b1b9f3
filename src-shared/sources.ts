// Remote sources the analyst hunts in (a ClickHouse table of web or flow logs): how one is named,
// mapped and reached, and the arguments of the operations on them. No password ever crosses here:
// a source names where its password is read (an environment variable or a profile file).
import { z } from 'zod';
import { OverviewAnswer } from './analytics.js';
import { Duration } from './cloudwatch.js';
import { SessionFilter } from './domain.js';
import { GraphEdgesArgs } from './graph.js';
import { pullTimeRangeProblem } from './pull-time-range.js';

export const SourceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, dot, dash and underscore (1–64)');

/** A ClickHouse database or table name: plain identifiers only, so they are never escaped wrongly. */
const Identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'a plain identifier (letters, digits, _)');

/** Vigil field name → the source's column or SQL expression that gives it. */
export const SourceMapping = z.record(z.string().min(1).max(64), z.string().min(1).max(2000));
export type SourceMapping = z.infer<typeof SourceMapping>;

export const MAPPING_PRESETS = ['vigil', 'combined'] as const;
export const MappingPresetName = z.enum(MAPPING_PRESETS);

export const SourceInfo = z.object({
  name: SourceName,
  kind: z.literal('clickhouse'),
  url: z.string(),
  database: z.string(),
  table: z.string(),
  preset: z.string().nullable(),
  mapping: SourceMapping,
  user: z.string(),
  /** Where the password is read when connecting (never the password itself). */
  passwordEnv: z.string().nullable(),
  profileFile: z.string().nullable(),
  createdAt: z.number(),
  /** Newest row time any pull of the source stored, whatever its filter, or null (db/sources.ts). */
  lastPulledTs: z.number().nullable(),
});
export type SourceInfo = z.infer<typeof SourceInfo>;

/**
 * True for a URL without user info (`user:password@` before the host) or a query string (the
 * official client reads `?password=` and other settings from it). Shared code has no URL class.
 */
function withoutCredentials(url: string): boolean {
  return !/^[a-z]+:\/\/[^/?#]*@/i.test(url) && !url.includes('?');
}

export const AddSourceArgs = z.strictObject({
  name: SourceName,
  /** The engine's HTTP interface, e.g. http://127.0.0.1:8123. */
  clickhouse: z
    .string()
    .max(500)
    .refine((url) => /^https?:\/\/[^\s/]+/.test(url), 'an http:// or https:// URL')
    // The URL is stored and listed as given: a password in it would land in the database.
    .refine(
      withoutCredentials,
      'no user name, password or query string in the URL: give --user, and the password in $VIGIL_CLICKHOUSE_PASSWORD (or --password-env, --profile)',
    ),
  database: Identifier,
  table: Identifier,
  map: MappingPresetName.default('vigil'),
  /** Per-field overrides of the preset (field → column or expression). */
  fields: SourceMapping.optional(),
  user: z.string().min(1).max(200).default('default'),
  /** Environment variable holding the password (default VIGIL_CLICKHOUSE_PASSWORD). */
  passwordEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')
    .optional(),
  /** A profile file (JSON: {"user", "password"}) the password is read from instead. */
  profileFile: z.string().min(1).max(4096).optional(),
  /** Add it without connecting first (by default the table and mapping are checked). */
  noCheck: z.boolean().default(false),
});

export const SourceCheck = z.object({
  name: z.string(),
  version: z.string(),
  rows: z.number(),
  firstTs: z.number().nullable(),
  lastTs: z.number().nullable(),
  milliseconds: z.number(),
});
export type SourceCheck = z.infer<typeof SourceCheck>;

/** The time range of a pull, as the CloudWatch pull takes it. */
export const SourcePullArgs = z
  .strictObject({
    source: SourceName,
    filter: SessionFilter.default({}),
    since: z
      .string()
      .regex(/^\d+(m|h|d)$/, 'a duration like 30m, 24h or 7d')
      .optional(),
    from: z.number().optional(),
    to: z.number().optional(),
    /** Only rows newer than the last pull of this source and filter. */
    newOnly: z.boolean().optional(),
    /** How far before the last pulled row a `newOnly` pull starts (default 10m), for rows that arrive late. */
    overlap: Duration.optional(),
    /** Refused when more rows match (the count is asked first). */
    limit: z.number().int().min(1).max(1_000_000_000).default(5_000_000),
  })
  .superRefine((value, ctx) => {
    const problem = pullTimeRangeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export type SourcePullArgs = z.infer<typeof SourcePullArgs>;

/**
 * A name the page gives one question to a source, so that it can cancel it (cancelSourceQuery):
 * chosen per request, never part of what the answer is kept under.
 */
export const SourceTicket = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'a ticket (8–64 letters, digits, _ or -)');

export const SourceOverviewArgs = z.object({
  source: SourceName,
  filter: SessionFilter.default({}),
  ticket: SourceTicket.optional(),
});

/** The Overview's charts computed by the source's engine (no correlation: it samples rows). */
export const SourceOverview = OverviewAnswer.omit({ correlation: true }).extend({
  /** The source the charts are of: the views say so. */
  remote: z.string(),
  /** How long the engine took for every chart. */
  milliseconds: z.number(),
});
export type SourceOverview = z.infer<typeof SourceOverview>;

/** The IP graph's edges of a source, summed by its engine (as graphEdges, plus the source). */
export const SourceGraphArgs = GraphEdgesArgs.extend({ source: SourceName, ticket: SourceTicket.optional() });

/** A row of a source as its mapping gives it: Vigil field name → value. */
export const SourceRow = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type SourceRow = z.infer<typeof SourceRow>;

/** Where a page of a source's rows continues: the last row's time and hash, and how many of that pair were shown. */
export const SourcePageCursor = z.object({
  startTs: z.number(),
  key: z.string().regex(/^\d{1,20}$/),
  seen: z.number().int().min(1).max(100_000),
});
export type SourcePageCursor = z.infer<typeof SourcePageCursor>;

export const SourceSessionsArgs = z.object({
  source: SourceName,
  filter: SessionFilter.default({}),
  after: SourcePageCursor.nullable().default(null),
  limit: z.number().int().min(1).max(1000).default(100),
  ticket: SourceTicket.optional(),
});
export const SourceSessionsPage = z.object({ items: z.array(SourceRow), next: SourcePageCursor.nullable() });
