import type { Command } from 'commander';
import type { CaseDetail } from '../../../src-shared/cases.js';
import type { AuditEntry, ChainVerification } from '../../../src-shared/triage.js';
import { printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';
import { caseText } from './case.js';
import { positiveInt } from './option-values.js';

interface VerifyOptions extends WorkspaceOptions {
  expect?: string;
}

function describe(result: ChainVerification): string[] {
  const lines: string[] = [];
  const head = result.head ? `action ${result.head.actionId}, SHA-256 ${result.head.hash}` : 'none';
  if (result.firstBreak) {
    lines.push(`Audit chain broken at action ${result.firstBreak.actionId}: ${result.firstBreak.reason}.`);
    lines.push(`${result.verified} action(s) before it verified; last good link: ${head}.`);
  } else if (result.head) {
    lines.push(`Audit chain verified: ${result.verified} action(s). Head: ${head}.`);
  } else {
    lines.push('Audit chain verified: no action has been recorded yet.');
  }
  if (result.expected && result.expected.actionId === null)
    lines.push(
      `No verified link holds ${result.expected.hash}: the actions up to that head were removed, or the chain was rebuilt.`,
    );
  else if (result.expected)
    lines.push(
      `${result.expected.hash} is the link of action ${result.expected.actionId}: unchanged up to it.`,
    );
  return lines;
}

/** A case's actions, one line each, and for a deleted case the whole case its deletion recorded. */
function caseHistoryText(id: number, history: AuditEntry[]): string[] {
  const actions = history.filter((entry, i) => history.findIndex((e) => e.actionId === entry.actionId) === i);
  const lines = [
    `Case ${id} in the audit log: ${actions.length} action(s), oldest first.`,
    table([
      ['action', 'when (UTC)', 'who', 'kind', 'what'],
      ...actions.map((a) => [a.actionId, new Date(a.at).toISOString(), a.analyst, a.kind, a.summary]),
    ]),
  ];
  const deleted = history.find((e) => e.kind === 'case-delete' && e.field === 'case' && e.after === null);
  if (deleted?.before) {
    lines.push(
      '',
      `Deleted by ${deleted.analyst} at ${new Date(deleted.at).toISOString()} (action ${deleted.actionId}). The case as it was deleted:`,
      '',
      caseText(deleted.before as CaseDetail),
    );
  } else lines.push('', `The case exists: vigil case show ${id}.`);
  return lines;
}

export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description('The append-only audit log of verdicts, tags, cases and IOC lists');

  withCommonOptions(
    audit
      .command('verify')
      .description(
        'Recompute the hash chain over every recorded action and say where it first breaks (exit 1 if it does)',
      )
      .option(
        '--expect <hash>',
        'a head printed earlier (by a case report or this command): fail unless the chain still holds it',
      )
      .addHelpText(
        'after',
        '\nEach action is linked to the one before by a SHA-256 over its content and the previous hash.\n' +
          'A rewrite by any tool breaks the chain from that action on. Removing the newest actions,\n' +
          'or rebuilding the whole chain, is only seen against a head kept from before: --expect.',
      ),
  ).action((options: VerifyOptions) =>
    withWorkspace(options, async ({ call }) => {
      const result = await call(
        'verifyAuditChain',
        { expectHash: options.expect },
        { expectHash: '--expect' },
      );
      if (options.json) printJson(result);
      else for (const line of describe(result)) say(line);
      if (!result.ok) process.exitCode = 1;
    }),
  );

  withCommonOptions(
    audit
      .command('case <id>')
      .description(
        "A case's changes from the audit log, oldest first; for a deleted case, the whole case as it was deleted",
      )
      .addHelpText(
        'after',
        '\nEvery change of a case is an action in the audit log: opened, updated, items, tags, notes,\n' +
          'deleted. A deleted case (vigil case delete) is gone from the case list, but its case-delete\n' +
          'action holds all of it (fields, items, tags, notes): printed here, every field with --json.',
      ),
  ).action((id: string, options: WorkspaceOptions) =>
    withWorkspace(options, async ({ call }) => {
      const caseId = positiveInt('case id', id);
      const history = await call('caseHistory', { id: caseId }, { id: 'case id' });
      if (options.json) return printJson(history);
      for (const line of caseHistoryText(caseId, history)) say(line);
    }),
  );
}
