// What the analyst typed into the CloudWatch dialog, and the API arguments it becomes. Checked by
// the same schemas the main side uses, so the dialog refuses exactly what the core would.
import type { z } from 'zod';
import { PageListLogGroupsArgs, PagePullArgs } from '../../../src-shared/cloudwatch.js';

/** No endpoint: the page never chooses one (see listCloudWatchGroups in src-shared/api.ts). */
export interface ConnectionForm {
  profile: string;
  region: string;
}

export type RangeChoice = '1h' | '24h' | '7d' | 'custom' | 'new';
export type SelectionChoice = 'all' | 'filter' | 'insights';

export interface PullForm extends ConnectionForm {
  logGroup: string;
  range: RangeChoice;
  /** `datetime-local` values, read as UTC (every time in Vigil is UTC). */
  from: string;
  to: string;
  selection: SelectionChoice;
  filterPattern: string;
  insightsQuery: string;
  /** '' for auto-detection (VPC Flow Logs, WAF JSON). */
  preset: string;
}

/** A `datetime-local` value for an instant, in UTC to the minute. */
export function toUtcInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

export function defaultPullForm(connection: ConnectionForm, now = Date.now()): PullForm {
  return {
    ...connection,
    logGroup: '',
    range: '24h',
    from: toUtcInput(now - 86_400_000),
    to: toUtcInput(now),
    selection: 'all',
    filterPattern: '',
    insightsQuery: 'fields @timestamp, @message\n| sort @timestamp asc',
    preset: '',
  };
}

type Checked<T> = { ok: true; args: T } | { ok: false; problems: string[] };

const LABELS: Record<string, string> = {
  profile: 'Profile',
  region: 'Region',
  logGroup: 'Log group',
  prefix: 'Name prefix',
  from: 'From',
  to: 'To',
  filterPattern: 'Filter pattern',
  insightsQuery: 'Logs Insights query',
  preset: 'Mapping preset',
};

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

function check<S extends z.ZodType>(schema: S, raw: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, args: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const label = LABELS[String(issue.path[0] ?? '')];
      return label ? `${label}: ${issue.message}` : issue.message;
    }),
  };
}

function connectionArgs(form: ConnectionForm) {
  return { profile: optional(form.profile), region: form.region.trim() };
}

export function toListArgs(form: ConnectionForm, prefix: string): Checked<PageListLogGroupsArgs> {
  return check(PageListLogGroupsArgs, { ...connectionArgs(form), prefix: optional(prefix) });
}

/** `2024-05-01T12:00` (UTC) → epoch ms; undefined when empty or not a time. */
function utcMs(value: string): number | undefined {
  if (value === '') return undefined;
  const ms = Date.parse(`${value}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

function rangeArgs(form: PullForm): Record<string, unknown> | string {
  switch (form.range) {
    case 'custom': {
      const from = utcMs(form.from);
      const to = utcMs(form.to);
      if (from === undefined || to === undefined) return 'Give both ends of the custom time range.';
      return { from, to };
    }
    // With no earlier pull of this selection the core falls back to the last 24 hours, and says so.
    case 'new':
      return { newOnly: true, since: '24h' };
    default:
      return { since: form.range };
  }
}

export function toPullArgs(form: PullForm): Checked<PagePullArgs> {
  if (form.logGroup.trim() === '')
    return { ok: false, problems: ['Choose a log group from the list, or type its name.'] };
  if (form.selection === 'filter' && form.filterPattern.trim() === '')
    return { ok: false, problems: ['Filter pattern: type a pattern, or choose "All events".'] };
  if (form.selection === 'insights' && form.insightsQuery.trim() === '')
    return { ok: false, problems: ['Logs Insights query: type a query, or choose "All events".'] };
  const range = rangeArgs(form);
  if (typeof range === 'string') return { ok: false, problems: [range] };
  return check(PagePullArgs, {
    ...connectionArgs(form),
    logGroup: form.logGroup.trim(),
    ...range,
    filterPattern: form.selection === 'filter' ? optional(form.filterPattern) : undefined,
    insightsQuery: form.selection === 'insights' ? optional(form.insightsQuery) : undefined,
    preset: optional(form.preset),
  });
}
