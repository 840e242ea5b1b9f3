// What the analyst typed into the CloudWatch dialog, and the API arguments it becomes. Checked by
// the same schemas the main side uses, so the dialog refuses exactly what the core would.
import type { z } from 'zod';
import { checkPullFields, PageListLogGroupsArgs, PagePullArgs } from '../../../src-shared/cloudwatch.js';

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

/** A field of the form a problem belongs to; null for one that belongs to no single field. */
export type FieldName =
  | 'profile'
  | 'region'
  | 'logGroup'
  | 'prefix'
  | 'from'
  | 'to'
  | 'filterPattern'
  | 'insightsQuery'
  | 'preset';

export interface Problem {
  field: FieldName | null;
  message: string;
}

type Checked<T> = { ok: true; args: T } | { ok: false; problems: Problem[] };

const LABELS: Record<FieldName, string> = {
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

const isField = (name: string): name is FieldName => name in LABELS;

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

function check<S extends z.ZodType>(schema: S, raw: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, args: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '');
      return isField(name)
        ? { field: name, message: `${LABELS[name]}: ${issue.message}` }
        : { field: null, message: issue.message };
    }),
  };
}

/** Each field's first problem, for the message shown beside it. */
export function fieldErrors(problems: readonly Problem[]): Partial<Record<FieldName, string>> {
  const out: Partial<Record<FieldName, string>> = {};
  for (const p of problems) if (p.field !== null && out[p.field] === undefined) out[p.field] = p.message;
  return out;
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

function rangeArgs(form: PullForm): Record<string, unknown> | Problem[] {
  switch (form.range) {
    case 'custom': {
      const from = utcMs(form.from);
      const to = utcMs(form.to);
      const missing = (['from', 'to'] as const).filter((end) => utcMs(form[end]) === undefined);
      if (from === undefined || to === undefined)
        return missing.map((field) => ({ field, message: 'Give both ends of the custom time range.' }));
      // The core's own cross-field rule, said beside the field it is about.
      const crossed = checkPullFields({ from, to });
      return crossed ? [{ field: 'from', message: crossed }] : { from, to };
    }
    // With no earlier pull of this selection the core falls back to the last 24 hours, and says so.
    case 'new':
      return { newOnly: true, since: '24h' };
    default:
      return { since: form.range };
  }
}

/**
 * Every problem of the form at once (the analyst fixes them in one go, not one per attempt), each
 * with its field; the schema's own are added for fields the checks here did not already speak of.
 */
export function toPullArgs(form: PullForm): Checked<PagePullArgs> {
  const own: Problem[] = [];
  if (form.logGroup.trim() === '')
    own.push({ field: 'logGroup', message: 'Choose a log group from the list, or type its name.' });
  if (form.selection === 'filter' && form.filterPattern.trim() === '')
    own.push({ field: 'filterPattern', message: 'Filter pattern: type a pattern, or choose "All events".' });
  if (form.selection === 'insights' && form.insightsQuery.trim() === '')
    own.push({
      field: 'insightsQuery',
      message: 'Logs Insights query: type a query, or choose "All events".',
    });
  const range = rangeArgs(form);
  if (Array.isArray(range)) own.push(...range);
  const checked = check(PagePullArgs, {
    ...connectionArgs(form),
    logGroup: form.logGroup.trim(),
    // A range already refused above stands in as the default, so the schema checks the rest.
    ...(Array.isArray(range) ? { since: '24h' } : range),
    filterPattern: form.selection === 'filter' ? optional(form.filterPattern) : undefined,
    insightsQuery: form.selection === 'insights' ? optional(form.insightsQuery) : undefined,
    preset: optional(form.preset),
  });
  if (own.length === 0) return checked;
  const said = (p: Problem) =>
    own.some((o) => (p.field !== null && o.field === p.field) || o.message === p.message);
  return { ok: false, problems: [...own, ...(checked.ok ? [] : checked.problems.filter((p) => !said(p)))] };
}
