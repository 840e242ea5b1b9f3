import type { Command } from 'commander';
import { type CaseDetail, caseContentsInWords, deletedCaseCopy } from '../../../src-shared/cases.js';
import { countOf } from '../../../src-shared/count-words.js';
import { filterOption } from '../filter-option.js';
import { printJson, table, withCommonOptions } from '../options.js';
import { say, warn } from '../terminal-text.js';
import { type OptionNames, type WorkspaceOptions, withWorkspace } from '../workspace.js';
import { collect, positiveInt } from './option-values.js';

interface ItemOptions extends WorkspaceOptions {
  ip?: string[];
  session?: string[];
  filter?: string;
}

/**
 * Case items from --ip, --session and --filter; the contract checks each value (IP syntax, id
 * range), the filter language the text.
 */
const items = (options: ItemOptions) => {
  const clauses = filterOption(options.filter);
  return {
    sessionIds: (options.session ?? []).map((id) => positiveInt('--session', id)),
    ips: options.ip ?? [],
    ...(clauses ? { filter: { clauses } } : {}),
  };
};

// The contract names arguments; the messages name the options they came from.
const ITEM_OPTIONS: OptionNames = { sessionIds: '--session', ips: '--ip', caseId: 'case id', id: 'case id' };

const withItems = (command: Command) =>
  command
    .option(
      '--ip <address>',
      'an IP: all sessions from or to it, in any text form (2001:DB8::3, ::ffff:10.1.2.3), belong to the case (repeatable)',
      collect,
    )
    .option('--session <id>', 'a session id (repeatable)', collect)
    .option(
      '--filter <text>',
      'every session this filter-language text selects now (their ids: later imports never join)',
    );

/** The case commands that change a case sign it: they take --analyst. */
const SIGNS = { signs: true };

/** "2026-12-05 23:13 UTC": when, to the minute, as the case view shows it. */
const minute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** "holds 2 sessions (0 sessions and 1 IP added)": the sessions a case holds, as everywhere. */
const holdsInWords = (c: CaseDetail['case']) =>
  `holds ${countOf(c.sessionTotal, 'session')} (${countOf(c.sessions, 'session')} and ${countOf(c.ips, 'IP')} added)`;

/** A case as its header, summary, items and notes say it in the app, with who and when. */
export function caseText({ case: c, items, notes }: CaseDetail): string {
  const tags = c.tags.length ? ` · tags: ${c.tags.map((t) => t.name).join(', ')}` : '';
  return [
    `Case ${c.id}: ${c.title}`,
    `${c.severity} · ${c.status.replace('_', ' ')} · opened by ${c.createdBy} ${minute(c.createdAt)} · ${holdsInWords(c)}${tags}`,
    `updated ${minute(c.updatedAt)}`,
    '',
    `Summary: ${c.summary || '(none)'}`,
    '',
    `Items (${items.length}):`,
    ...items.map(
      (item) =>
        `  ${item.kind} ${item.ip ?? item.sessionId} · added by ${item.addedBy} ${minute(item.addedAt)}`,
    ),
    '',
    `Notes (${notes.length}):`,
    ...notes.map((note) => `  ${minute(note.at)} ${note.analyst}: ${note.body}`),
  ].join('\n');
}

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
    SIGNS,
  ).action((options: ItemOptions & { title: string; severity: string; summary: string }) =>
    withWorkspace(options, async ({ call }) => {
      const detail = await call(
        'createCase',
        {
          title: options.title,
          severity: options.severity,
          summary: options.summary,
          ...items(options),
        },
        ITEM_OPTIONS,
      );
      const id = detail.case.id;
      if (options.json) return printJson({ id, ...detail });
      // The case's one session count (the list's "holds"), with what was added one by one beside it.
      say(`Case ${id} opened: ${holdsInWords(detail.case)}.`);
    }),
  );

  withCommonOptions(
    cases
      .command('list')
      .description('Cases, most recently updated first')
      .option('--status <status>', 'open, in_progress or closed')
      .option('--tag <name>', 'only the cases with this tag'),
  ).action((options: WorkspaceOptions & { status?: string; tag?: string }) =>
    withWorkspace(options, async ({ call }) => {
      const list = await call('listCases', { status: options.status, tag: options.tag });
      if (options.json) return printJson(list);
      if (list.length === 0)
        return say(
          options.tag !== undefined || options.status !== undefined
            ? 'No case matches.'
            : 'No cases yet. Try: vigil case create --title "…" --ip 203.0.113.9',
        );
      say(
        table([
          // "holds": the one session count of a case everywhere (src-shared/cases.ts sessionTotal);
          // what was added one by one beside it, so 0 sessions added never reads as an empty case.
          [
            'id',
            'title',
            'severity',
            'status',
            'holds',
            'sessions added',
            'IPs added',
            'notes',
            'tags',
            'updated (UTC)',
          ],
          ...list.map((c) => [
            c.id,
            c.title.slice(0, 50),
            c.severity,
            c.status,
            c.sessionTotal,
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
    (id: string, options: WorkspaceOptions) =>
      withWorkspace(options, async ({ call }) => {
        const detail = await call('getCase', { id: positiveInt('case id', id) });
        if (options.json) return printJson(detail);
        say(caseText(detail));
      }),
  );

  withCommonOptions(
    cases
      .command('update <id>')
      .description('Change title, severity, status or summary')
      .option('--title <text>', 'new title')
      .option('--severity <level>', 'low, medium, high or critical')
      .option('--status <status>', 'open, in_progress or closed')
      .option('--summary <markdown>', 'new summary (Markdown)'),
    SIGNS,
  ).action(
    (
      id: string,
      options: WorkspaceOptions & { title?: string; severity?: string; status?: string; summary?: string },
    ) =>
      withWorkspace(options, async ({ call }) => {
        const caseId = positiveInt('case id', id);
        const fields = ['title', 'severity', 'status', 'summary'] as const;
        if (fields.every((field) => options[field] === undefined))
          throw new Error('Name what to change: --title, --severity, --status or --summary.');
        const before = (await call('getCase', { id: caseId }, ITEM_OPTIONS)).case;
        const detail = await call(
          'updateCase',
          {
            id: caseId,
            title: options.title,
            summary: options.summary,
            severity: options.severity,
            status: options.status,
          },
          ITEM_OPTIONS,
        );
        // The core records nothing when every value given is the case's already.
        const changed = fields.some((field) => detail.case[field] !== before[field]);
        if (options.json) return printJson(detail);
        say(changed ? `Case ${caseId} updated.` : `Case ${caseId}: no change (it has those values already).`);
      }),
  );

  withCommonOptions(
    withItems(
      cases
        .command('add <id>')
        .description('Add sessions and IPs to a case')
        .option('--remove', 'remove them instead'),
    ),
    SIGNS,
  ).action((id: string, options: ItemOptions & { remove?: boolean }) =>
    withWorkspace(options, async ({ call }) => {
      const caseId = positiveInt('case id', id);
      const change = items(options);
      const before = await call('getCase', { id: caseId });
      const after = await call('editCaseItems', { caseId, add: !options.remove, ...change }, ITEM_OPTIONS);
      const count = (kind: 'session' | 'ip', detail: typeof before) =>
        detail.items.filter((item) => item.kind === kind).length;
      const result = {
        sessions: Math.abs(count('session', after) - count('session', before)),
        ips: Math.abs(count('ip', after) - count('ip', before)),
      };
      return options.json
        ? printJson(result)
        : say(`${options.remove ? 'Removed' : 'Added'} ${result.sessions} session(s), ${result.ips} IP(s).`);
    }),
  );

  withCommonOptions(
    cases.command('note <id> <text>').description('Add a note to the case timeline'),
    SIGNS,
  ).action((id: string, text: string, options: WorkspaceOptions) =>
    withWorkspace(options, async ({ call }) => {
      const detail = await call(
        'addCaseNote',
        { caseId: positiveInt('case id', id), body: text },
        {
          body: '<text>',
          ...ITEM_OPTIONS,
        },
      );
      const noteId = Math.max(...detail.notes.map((note) => note.id));
      return options.json ? printJson({ id: noteId }) : say(`Note ${noteId} added.`);
    }),
  );

  for (const on of [true, false]) {
    withCommonOptions(
      cases
        .command(`${on ? 'tag' : 'untag'} <id> <tags...>`)
        .description(on ? 'Tag a case (a new tag name creates the tag)' : 'Remove tags from a case'),
      SIGNS,
    ).action((id: string, tags: string[], options: WorkspaceOptions) =>
      withWorkspace(options, async ({ call }) => {
        const caseId = positiveInt('case id', id);
        const names = (detail: { case: { tags: { name: string }[] } }) => detail.case.tags.map((t) => t.name);
        const before = names(await call('getCase', { id: caseId }));
        const now = names(await call('tagCase', { caseId, tags, on }, { tags: 'tag', ...ITEM_OPTIONS }));
        // In the order given, under the stored name (tag names match whatever their case).
        const stored = (list: string[], name: string) =>
          list.find((t) => t.toLowerCase() === name.toLowerCase());
        const changed = tags.flatMap((name) => {
          const was = stored(before, name);
          const is = stored(now, name);
          return on ? (is && !was ? [is] : []) : was && !is ? [was] : [];
        });
        const result = on ? { added: changed, removed: [] } : { added: [], removed: changed };
        if (options.json) return printJson({ ...result, tags: now });
        say(
          `${on ? 'Tagged' : 'Untagged'} case ${caseId}: ${changed.length ? changed.join(', ') : 'no change'}. Tags: ${now.join(', ') || '(none)'}.`,
        );
      }),
    );
  }

  withCommonOptions(
    cases
      .command('delete <id>')
      .description(
        'Delete a case with its items, tags and notes (its sessions stay); the audit log keeps a copy. Needs --yes',
      )
      .option('--yes', 'delete it; without, print what would be deleted, delete nothing and exit 1')
      .addHelpText(
        'after',
        '\nWithout --yes nothing is deleted: the command names the case and what it holds, and exits 1.\n' +
          'With --yes the case goes, and the audit log keeps the whole case (fields, items, tags and\n' +
          'notes) in its case-delete entry, signed with --analyst or the analyst setting. Read it with\n' +
          '`vigil audit case ID` (--json for every field). A deleted case id is never given to a new case.\n' +
          '\nExamples:\n  vigil case delete 3\n  vigil case delete 3 --yes',
      ),
    SIGNS,
  ).action((id: string, options: WorkspaceOptions & { yes?: boolean }) =>
    withWorkspace(options, async ({ call }) => {
      const caseId = positiveInt('case id', id);
      const detail = await call('getCase', { id: caseId }, ITEM_OPTIONS);
      const c = detail.case;
      const named = `case ${c.id} "${c.title}" (${c.severity}, ${c.status.replace('_', ' ')})`;
      if (!options.yes) {
        process.exitCode = 1;
        if (options.json) printJson({ deleted: null, ...detail });
        else say(`Would delete ${named}: ${caseContentsInWords(c)}.`);
        warn(
          `Nothing deleted. To delete it, add --yes: vigil case delete ${c.id} --yes (the audit log keeps a copy).`,
        );
        return;
      }
      // The case as just read is the one deleted: changed in between, the core refuses it.
      await call('deleteCase', { id: caseId, was: { updatedAt: c.updatedAt } }, ITEM_OPTIONS);
      if (options.json) return printJson({ deleted: caseId, ...detail });
      say(
        [
          `Deleted ${named}: ${caseContentsInWords(c)}.`,
          `The audit log keeps a copy of the whole case: ${deletedCaseCopy(c.id)} shows it.`,
        ].join('\n'),
      );
    }),
  );
}
