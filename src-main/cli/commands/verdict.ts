import type { Command } from 'commander';
import { auditValueInWords, verdictOutcomeInWords } from '../../../src-shared/audit-words.js';
import { countOf } from '../../../src-shared/count-words.js';
import { kindName } from '../../../src-shared/threat-types.js';
import { printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';
import { positiveInt } from './option-values.js';

interface VerdictOptions extends WorkspaceOptions {
  session?: string[];
  ip?: string;
  verdict?: string;
  note?: string;
  kind?: string;
  undo?: boolean;
  history?: string;
}

export function registerVerdict(program: Command): void {
  withCommonOptions(
    program
      .command('verdict')
      .description(
        "Record an analyst verdict on sessions (one audited, undoable action), undo your last one, or show a session's history",
      )
      .option('--session <ids...>', 'session ids (several after one --session, or --session repeated)')
      .option('--ip <address>', 'every stored session from this source IP, in any text form it was logged in')
      .option('--verdict <verdict>', 'malicious, benign or review (needs review)')
      .option('--note <text>', 'why; kept with the verdict and in the audit log')
      .option(
        '--kind <kind>',
        'with --verdict malicious: the kind of attack (sql_injection, "Port scan"…), a label for threat-type models',
      )
      .option('--undo', 'undo your last verdict or tag action instead')
      .option('--history <id>', 'show who changed this session, what and when')
      .addHelpText(
        'after',
        '\nExamples:\n  vigil verdict --session 42 --verdict malicious --note "SQLi in query string"\n  vigil verdict --session 7 --verdict malicious --kind sql_injection\n  vigil verdict --session 1 2 3 --verdict review\n  vigil verdict --ip 203.0.113.9 --verdict benign\n  vigil verdict --undo\n  vigil verdict --history 42',
      ),
    { signs: true },
  ).action((options: VerdictOptions) =>
    withWorkspace(options, async ({ call }) => {
      // One thing per call: with two asked, the one not done was dropped without a word (--ip
      // judged the whole IP instead of the --session named; --undo undid instead of judging).
      refuseMixedOptions(options);
      if (options.undo) {
        const result = await call('undoLastAction', {});
        return options.json
          ? printJson(result)
          : say(
              `${result.summary}${result.skipped ? ` (${result.skipped} changed since, left as they are)` : ''}`,
            );
      }
      if (options.history !== undefined) {
        const history = await call('sessionHistory', {
          sessionId: positiveInt('--history', options.history),
        });
        if (options.json) return printJson(history);
        if (history.length === 0) return say('No recorded change for this session.');
        return say(
          table([
            ['when (UTC)', 'who', 'what', 'before', 'after'],
            ...history.map((h) => [
              new Date(h.at).toISOString(),
              h.analyst,
              h.field,
              auditValueInWords(h.before),
              auditValueInWords(h.after),
            ]),
          ]),
        );
      }
      const sessions = options.session ?? [];
      if (!sessions.length && !options.ip)
        throw new Error('Say which sessions: --session ID (repeatable) or --ip ADDRESS.');
      if (options.verdict === undefined)
        throw new Error('Say which verdict: --verdict malicious, benign or review.');
      const target = options.ip
        ? { srcIp: options.ip }
        : { sessionIds: sessions.map((id) => positiveInt('--session', id)) };
      const { name: analyst } = await call('getAnalyst', {});
      const result = await call(
        'setVerdict',
        { target, verdict: options.verdict, note: options.note, kind: kindOption(options.kind) },
        {
          'target.sessionIds': '--session',
          'target.srcIp': '--ip',
          target: '--session or --ip',
          kind: '--kind',
        },
      );
      if (options.json) return printJson(result);
      say(
        `${options.verdict}${options.kind ? ` (${kindOption(options.kind)})` : ''} recorded on ${countOf(result.covered, 'session')} by ${analyst} ${verdictOutcomeInWords(options.verdict ?? '', result)} (action ${result.actionId}).`,
      );
    }),
  );
}

const VERDICT_OPTIONS = ['session', 'ip', 'verdict', 'note', 'kind'] as const;

/** --undo and --history stand alone, and a verdict names its sessions one way. */
function refuseMixedOptions(options: VerdictOptions): void {
  if (options.undo && options.history !== undefined)
    throw new Error('Say either --undo or --history, not both.');
  const alone = options.undo ? '--undo' : options.history !== undefined ? '--history' : null;
  const given = VERDICT_OPTIONS.filter((name) => options[name] !== undefined).map((name) => `--${name}`);
  if (alone && given.length) throw new Error(`${alone} stands alone: leave out ${given.join(' and ')}.`);
  if (options.session !== undefined && options.ip !== undefined)
    throw new Error('Say either --session or --ip, not both.');
}

/** The stored name of a kind typed in words ("SQL Injection" → sql_injection). */
function kindOption(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const kind = kindName(text);
  if (!kind) throw new Error(`--kind "${text}" names no kind: use letters and digits, like sql_injection.`);
  return kind;
}
