import type { Command } from 'commander';
import { defaultDbPath } from '../core/paths.js';

export interface CommonOptions {
  db: string;
  json?: boolean;
}

/** Options every command takes: where the database is, and machine-readable output. */
export function withCommonOptions(command: Command): Command {
  return command
    .option('--db <path>', 'database file (env VIGIL_HOME moves the default folder)', defaultDbPath())
    .option('--json', 'print machine-readable JSON on stdout');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain text table with aligned columns, for human output. */
export function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => String(row[i] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          typeof cell === 'number' ? String(cell).padStart(widths[i]!) : String(cell).padEnd(widths[i]!),
        )
        .join('  '),
    )
    .join('\n');
}
