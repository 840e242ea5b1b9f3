import type { Command } from 'commander';
import type { ChainVerification } from '../../../src-shared/triage.js';
import { printJson, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';

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
}
