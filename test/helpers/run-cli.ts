// Runs CLI commands in-process: the command line, what it printed, and what it threw.
import { Command } from 'commander';
import { vi } from 'vitest';

export interface CliRun {
  stdout: string;
  stderr: string;
  /** What the command threw (commander throws on --help and on bad options, with exitOverride). */
  error: Error | null;
}

export async function runCli(register: ((program: Command) => void)[], args: string[]): Promise<CliRun> {
  const program = new Command('vigil').exitOverride();
  const output: string[] = [];
  const errors: string[] = [];
  program.configureOutput({ writeOut: (s) => output.push(s), writeErr: (s) => errors.push(s) });
  for (const add of register) add(program);
  vi.spyOn(console, 'log').mockImplementation(
    (...parts: unknown[]) => void output.push(`${parts.join(' ')}\n`),
  );
  vi.spyOn(console, 'error').mockImplementation(
    (...parts: unknown[]) => void errors.push(`${parts.join(' ')}\n`),
  );
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output.push(String(chunk));
    return true;
  });
  let error: Error | null = null;
  try {
    await program.parseAsync(['node', 'vigil', ...args]);
  } catch (thrown) {
    error = thrown as Error;
  } finally {
    vi.restoreAllMocks();
  }
  return { stdout: output.join(''), stderr: errors.join(''), error };
}
