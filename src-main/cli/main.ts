// `vigil`: the core service from a terminal.
import { Command } from 'commander';
import { announceMigrationsTo } from '../core/db/migrate.js';
import { registerCommands } from './commands/index.js';
import { warn } from './terminal-text.js';
import { version } from './version.js';

const program = new Command('vigil')
  .description(
    'Vigil: an offline workstation for hunting suspicious web traffic.\nData lives in one SQLite file (--db, default under your user data folder).',
  )
  .version(version, '-V, --version')
  // The parser's own errors ("too many arguments", a required option) read as every other error of
  // Vigil's: on stderr, prefixed vigil:. Set before the commands are added, which inherit it.
  .configureOutput({ outputError: (text, write) => write(`vigil: ${text.replace(/^error: /, '')}`) })
  .showHelpAfterError('(run with --help for usage)');
registerCommands(program);
// `vigil … | head` closes the pipe early: what was asked still finishes (an import, a verdict), and
// what it would print is dropped instead of ending the process with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
// On stderr, so `--json` output stays clean.
announceMigrationsTo((notice) => warn(`vigil: ${notice}`));

program.parseAsync(process.argv).catch((error: Error) => {
  // Messages can quote log data or file content (a bad IOC line, a quarantined row).
  warn(`vigil: ${error.message}`);
  process.exitCode = 1;
});
