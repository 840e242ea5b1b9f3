import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { AnalystName } from '../../src-shared/triage.js';
import { defaultDbPath } from '../core/paths.js';
import { terminalSafe, terminalSafeJson } from './terminal-text.js';

export interface CommonOptions {
  db: string;
  json?: boolean;
  /** Who signs the command's audited work instead of the analyst setting (signing commands only). */
  analyst?: string;
}

/**
 * A --db the user names must be a file in a folder that exists: a typo in the folder would
 * otherwise create folders and a new, empty database, and the command would answer from that.
 * (The default folder is Vigil's own; opening creates it.)
 */
export function databasePath(value: string): string {
  return fileInExistingFolder(value, 'a database', 'a database file', 'vigil.db');
}

/** The same for a file a command writes (`report --out`): a mistyped folder is not created. */
export function outputPath(value: string): string {
  return fileInExistingFolder(value, 'the file', 'a file', 'report.html');
}

function fileInExistingFolder(value: string, what: string, noun: string, example: string): string {
  const file = path.resolve(value);
  const folder = path.dirname(file);
  const stat = fs.statSync(folder, { throwIfNoEntry: false });
  if (!stat?.isDirectory())
    throw new InvalidArgumentError(
      `The folder ${folder} does not exist. Create it first, or name ${what} in an existing folder.`,
    );
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory())
    throw new InvalidArgumentError(`${file} is a folder. Name ${noun}, e.g. ${path.join(file, example)}.`);
  return value;
}

/** A --analyst name as the app's "Signed as" takes it: a blank one would sign the audit log with nobody. */
function analystName(value: string): string {
  const name = AnalystName.safeParse(value);
  if (!name.success)
    throw new InvalidArgumentError('Give a name of 1 to 100 characters (not only spaces) to sign with.');
  return name.data;
}

/**
 * Options every command takes: where the database is, and machine-readable output. A command that
 * signs work in the audit log (`signs`) also takes --analyst; one that signs nothing does not offer
 * it, so a name given there is refused rather than silently dropped.
 */
export function withCommonOptions(command: Command, { signs = false }: { signs?: boolean } = {}): Command {
  command
    .option(
      '--db <path>',
      'database file, in an existing folder (env VIGIL_HOME moves the default folder)',
      databasePath,
      defaultDbPath(),
    )
    .option('--json', 'print machine-readable JSON on stdout');
  if (signs)
    command.option(
      '--analyst <name>',
      'name that signs the change in the audit log (default: the analyst setting, else your OS user name)',
      analystName,
    );
  return command;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${terminalSafeJson(JSON.stringify(value, null, 2))}\n`);
}

/** A plain text table with aligned columns, for human output; every cell terminal-safe. */
export function table(rows: (string | number)[][]): string {
  const cells = rows.map((row) =>
    row.map((cell) => (typeof cell === 'number' ? cell : terminalSafe(String(cell ?? '')))),
  );
  const widths = (cells[0] ?? []).map((_, i) => Math.max(...cells.map((row) => String(row[i] ?? '').length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) =>
          // A cell past the header's columns has no width to pad to.
          typeof cell === 'number'
            ? String(cell).padStart(widths[i] ?? 0)
            : String(cell).padEnd(widths[i] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}
