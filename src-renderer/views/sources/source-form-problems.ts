// What in the Add a ClickHouse source form the CLI would refuse, said under the field before the
// line is copied: a name with a space or a quote, a name already taken, a URL holding a password
// (it would land in the shell's history and the clipboard), a database or table that is no plain
// identifier. The rules are the core's own (AddSourceArgs); an empty field stays a placeholder.
import type { ZodType } from 'zod';
import { AddSourceArgs } from '../../../src-shared/sources.js';
import type { SourceForm } from './source-command.js';

export type SourceFormProblems = Partial<Record<keyof SourceForm, string>>;

/** The first message the core's rule gives for `value`, or null when it accepts it. */
function refusal(rule: ZodType, value: string): string | null {
  const parsed = rule.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'not accepted');
}

export function sourceFormProblems(form: SourceForm, existing: readonly string[]): SourceFormProblems {
  const shape = AddSourceArgs.shape;
  const checks: [keyof SourceForm, string | null][] = [
    [
      'name',
      form.name && existing.includes(form.name)
        ? `a source named "${form.name}" exists already: choose another name, or remove it first`
        : form.name
          ? refusal(shape.name, form.name)
          : null,
    ],
    ['url', form.url ? refusal(shape.clickhouse, form.url) : null],
    ['database', form.database ? refusal(shape.database, form.database) : null],
    ['table', form.table ? refusal(shape.table, form.table) : null],
    ['user', form.user ? refusal(shape.user, form.user) : null],
    [
      'passwordEnv',
      form.credentials === 'env' && form.passwordEnv ? refusal(shape.passwordEnv, form.passwordEnv) : null,
    ],
  ];
  return Object.fromEntries(checks.filter(([, problem]) => problem !== null));
}
