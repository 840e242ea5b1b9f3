import type { Command } from 'commander';
import { CaseSeverity, CaseStatus, IpAddress } from '../../../src-shared/cases.js';
import { TagName } from '../../../src-shared/triage.js';
import {
  addCaseNote,
  caseDetail,
  createCase,
  editCaseItems,
  findCases,
  tagCase,
  updateCase,
} from '../../core/triage/case-actions.js';
import { printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { ANALYST_HELP, type AnalystOptions, collect, positiveInt, withDb } from './with-db.js';

interface ItemOptions extends AnalystOptions {
  ip?: string[];
  session?: string[];
}

function items(options: ItemOptions): { sessionIds: number[]; ips: string[] } {
  const ips = (options.ip ?? []).map((ip) => {
    const parsed = IpAddress.safeParse(ip);
    if (!parsed.success) throw new Error(`--ip "${ip}" is not an IPv4 or IPv6 address.`);
    return parsed.data;
  });
  return { sessionIds: (options.session ?? []).map((id) => positiveInt('--session', id)), ips };
}

function tagName(name: string, value: string): string {
  const parsed = TagName.safeParse(value);
  if (!parsed.success) throw new Error(`${name} "${value}" is not a tag name (1 to 60 characters).`);
  return parsed.data;
}

function parseEnum<T extends string>(
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  name: string,
  value: string | undefined,
  allowed: readonly string[],
): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${name} must be one of ${allowed.join(', ')}.`);
  return parsed.data;
}

const withItems = (command: Command) =>
  command
    .option('--ip <address>', 'an IP: all sessions from or to it belong to the case (repeatable)', collect)
    .option('--session <id>', 'a session id (repeatable)', collect)
    .option('--analyst <name>', ANALYST_HELP);

export function registerCase(program: Command): void {
  const cases = program
    .command('case')
    .description('Cases: group sessions and IPs under a title, severity and status, with notes');

  withCommonOptions(
    withItems(
      cases
        .command('create')
        .description('Open a case; prints its id (with --json: { id, ... })')
        .requiredOption('--title <text>', 'case title')
        .option('--severity <level>', 'low, medium, high or critical', 'medium')
        .option('--summary <markdown>', 'summary (Markdown)', ''),
    ),
  ).action((options: ItemOptions & { title: string; severity: string; summary: string }) =>
    withDb(options, (db, analyst) => {
      const severity = parseEnum(CaseSeverity, '--severity', options.severity, CaseSeverity.options)!;
      const id = createCase(db, analyst, {
        title: options.title,
        severity,
        summary: options.summary,
        ...items(options),
      });
      const detail = caseDetail(db, id);
      if (options.json) return printJson({ id, ...detail });
      say(`Case ${id} opened: ${detail.case.sessions} session(s), ${detail.case.ips} IP(s).`);
    }),
  );

  withCommonOptions(
    cases
      .command('list')
      .description('Cases, most recently updated first')
      .option('--status <status>', 'open, in_progress or closed')
      .option('--tag <name>', 'only the cases with this tag'),
  ).action((options: AnalystOptions & { status?: string; tag?: string }) =>
    withDb(options, (db) => {
      const list = findCases(db, {
        status: parseEnum(CaseStatus, '--status', options.status, CaseStatus.options),
        tag: options.tag === undefined ? undefined : tagName('--tag', options.tag),
      });
      if (options.json) return printJson(list);
      if (list.length === 0)
        return say(
          options.tag !== undefined || options.status !== undefined
            ? 'No case matches.'
            : 'No cases yet. Try: vigil case create --title "…" --ip 203.0.113.9',
        );
      say(
        table([
          ['id', 'title', 'severity', 'status', 'sessions', 'IPs', 'notes', 'tags', 'updated (UTC)'],
          ...list.map((c) => [
            c.id,
            c.title.slice(0, 50),
            c.severity,
            c.status,
            c.sessions,
            c.ips,
            c.notes,
            c.tags.map((t) => t.name).join(', '),
            new Date(c.updatedAt).toISOString(),
          ]),
        ]),
      );
    }),
  );

  withCommonOptions(cases.command('show <id>').description('A case with its items and notes')).action(
    (id: string, options: AnalystOptions) =>
      withDb(options, (db) => {
        const detail = caseDetail(db, positiveInt('case id', id));
        if (options.json) return printJson(detail);
        const c = detail.case;
        const tags = c.tags.length ? ` · tags: ${c.tags.map((t) => t.name).join(', ')}` : '';
        say(
          `Case ${c.id}: ${c.title}\n${c.severity} · ${c.status} · by ${c.createdBy}${tags}\n\n${c.summary}`,
        );
        for (const item of detail.items) say(`  ${item.kind} ${item.ip ?? item.sessionId}`);
        for (const note of detail.notes)
          say(`  [${new Date(note.at).toISOString()}] ${note.analyst}: ${note.body}`);
      }),
  );

  withCommonOptions(
    cases
      .command('update <id>')
      .description('Change title, severity, status or summary')
      .option('--title <text>', 'new title')
      .option('--severity <level>', 'low, medium, high or critical')
      .option('--status <status>', 'open, in_progress or closed')
      .option('--summary <markdown>', 'new summary (Markdown)')
      .option('--analyst <name>', ANALYST_HELP),
  ).action(
    (
      id: string,
      options: AnalystOptions & { title?: string; severity?: string; status?: string; summary?: string },
    ) =>
      withDb(options, (db, analyst) => {
        const caseId = positiveInt('case id', id);
        updateCase(db, analyst, {
          id: caseId,
          title: options.title,
          summary: options.summary,
          severity: parseEnum(CaseSeverity, '--severity', options.severity, CaseSeverity.options),
          status: parseEnum(CaseStatus, '--status', options.status, CaseStatus.options),
        });
        const detail = caseDetail(db, caseId);
        return options.json ? printJson(detail) : say(`Case ${caseId} updated.`);
      }),
  );

  withCommonOptions(
    withItems(
      cases
        .command('add <id>')
        .description('Add sessions and IPs to a case')
        .option('--remove', 'remove them instead'),
    ),
  ).action((id: string, options: ItemOptions & { remove?: boolean }) =>
    withDb(options, (db, analyst) => {
      const result = editCaseItems(db, analyst, {
        caseId: positiveInt('case id', id),
        add: !options.remove,
        ...items(options),
      });
      return options.json
        ? printJson(result)
        : say(`${options.remove ? 'Removed' : 'Added'} ${result.sessions} session(s), ${result.ips} IP(s).`);
    }),
  );

  withCommonOptions(
    cases
      .command('note <id> <text>')
      .description('Add a note to the case timeline')
      .option('--analyst <name>', ANALYST_HELP),
  ).action((id: string, text: string, options: AnalystOptions) =>
    withDb(options, (db, analyst) => {
      const noteId = addCaseNote(db, analyst, positiveInt('case id', id), text);
      return options.json ? printJson({ id: noteId }) : say(`Note ${noteId} added.`);
    }),
  );

  for (const on of [true, false]) {
    withCommonOptions(
      cases
        .command(`${on ? 'tag' : 'untag'} <id> <tags...>`)
        .description(on ? 'Tag a case (a new tag name creates the tag)' : 'Remove tags from a case')
        .option('--analyst <name>', ANALYST_HELP),
    ).action((id: string, tags: string[], options: AnalystOptions) =>
      withDb(options, (db, analyst) => {
        const caseId = positiveInt('case id', id);
        const result = tagCase(db, analyst, { caseId, tags: tags.map((t) => tagName('tag', t)), on });
        const now = caseDetail(db, caseId).case.tags.map((t) => t.name);
        if (options.json) return printJson({ ...result, tags: now });
        const changed = on ? result.added : result.removed;
        say(
          `${on ? 'Tagged' : 'Untagged'} case ${caseId}: ${changed.length ? changed.join(', ') : 'no change'}. Tags: ${now.join(', ') || '(none)'}.`,
        );
      }),
    );
  }
}
