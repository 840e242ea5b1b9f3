import path from 'node:path';
import type { Command } from 'commander';
import { FORMAT_IDS, type ImportRecord } from '../../../src-shared/domain.js';
import { IMPORTABLE_LOGS } from '../../../src-shared/import-formats.js';
import { logNameOf, pairLabelFiles } from '../../../src-shared/label-files.js';
import { must } from '../../../src-shared/must.js';
import { abortOnSignals, CANCELLED_EXIT_CODE } from '../cancel-signals.js';
import { inPlainWords, whyUnreadable } from '../file-errors.js';
import { followJob } from '../follow-job.js';
import { printJson, table, withCommonOptions } from '../options.js';
import { say, warn } from '../terminal-text.js';
import { type Workspace, type WorkspaceOptions, withWorkspace } from '../workspace.js';

interface IngestOptions extends WorkspaceOptions {
  format?: string;
  map?: string;
  logFormat?: string;
  labels?: string;
  enrich: boolean;
}

export interface IngestResult {
  file: string;
  importId: number | null;
  format: string | null;
  rowsRead: number;
  stored: number;
  quarantined: number;
  duplicates: number;
  status: string;
  message: string | null;
}

export function registerIngest(program: Command): void {
  withCommonOptions(
    program
      .command('ingest')
      .description(`Import log files: ${IMPORTABLE_LOGS} (.gz too)`)
      .argument('<files...>', 'files to import')
      .option('--format <id>', `skip auto-detection: ${FORMAT_IDS.join(', ')}`)
      .option('--map <preset>', 'use a saved preset (a column mapping, or a log format); not with --format')
      .option(
        '--log-format <format>',
        "read an access log in the server's own format: an nginx log_format or Apache LogFormat string; not with --format or --map",
      )
      .option(
        '--labels <csv>',
        "label each record from a CSV of line,label beside the one log (vigil generate's FILE.labels.csv)",
      )
      .option('--no-enrich', 'do not look up country / ASN for rows that lack them'),
  )
    .addHelpText(
      'after',
      "\nEvery row is stored, quarantined (with the reason) or counted as a duplicate.\nWith --labels, each record gets the label given for the line it starts on (a line left out\nkeeps the log's own); a labels file out of order or for another log fails the import.\nA log's LOG.labels.csv given beside it is read the same way (vigil ingest access.log*).\nThe same file imported twice is skipped. Exit code 1 if any file failed; a file refused before\nany row was read (format not recognised, missing, unreadable) is a failed import all the same,\nlisted with its reason by vigil imports.\nCtrl+C or SIGTERM cancels: the import in progress is rolled back (nothing of it is kept),\nlater files are not started, and the exit code is 130.",
    )
    .action((files: string[], options: IngestOptions) =>
      withWorkspace(
        options,
        async (workspace) => {
          const { logs, strays } = importPlan(files, options.labels);
          const imported: IngestResult[] = [];
          const cancel = new AbortController();
          const stopListening = abortOnSignals(cancel);
          try {
            for (const { file, labels } of logs) {
              if (cancel.signal.aborted) break;
              imported.push(await ingestOne(workspace, file, labels, options, cancel.signal));
            }
          } finally {
            stopListening();
          }
          const results = [...imported, ...strays.map(strayLabels)];
          if (options.json) printJson(results);
          else printSummary(results, options);
          for (const r of results)
            if (r.status === 'failed') warn(`vigil: ${path.basename(r.file)}: ${r.message}`);
          if (cancel.signal.aborted) {
            const left = logs.length - imported.length;
            warn(
              `vigil: cancelled (${cancel.signal.reason})${left ? `; ${left} file(s) not imported` : ''}.`,
            );
            process.exitCode = CANCELLED_EXIT_CODE;
          } else if (results.some((r) => r.status === 'failed')) process.exitCode = 1;
        },
        { enrich: options.enrich },
      ),
    );
}

const failed = (file: string, message: string, importId: number | null = null): IngestResult => ({
  file,
  importId,
  format: null,
  rowsRead: 0,
  stored: 0,
  quarantined: 0,
  duplicates: 0,
  status: 'failed',
  message,
});

/** A labels file given without its log: not imported, and the reason says how to give it. */
function strayLabels(file: string): IngestResult {
  const name = path.basename(file);
  return failed(
    file,
    `a labels file, not a log: give it with its log (vigil ingest ${logNameOf(name)} ${name}, or --labels)`,
  );
}

/**
 * The logs to import, each with its labels file: the one --labels names (one log only), or, as the
 * app pairs dropped files, LOG.labels.csv given beside LOG (`vigil ingest access.log*`); `strays`
 * are labels files given without their log.
 */
function importPlan(
  files: string[],
  labels: string | undefined,
): { logs: { file: string; labels: string | undefined }[]; strays: string[] } {
  if (labels !== undefined) {
    if (files.length !== 1) throw new Error('--labels belongs to one log: give one file with it');
    return { logs: [{ file: must(files[0], 'the one log'), labels }], strays: [] };
  }
  const paired = pairLabelFiles(files.map((file) => ({ name: path.basename(file), file })));
  return {
    logs: paired.logs.map(({ log, labels: sidecar }) => ({ file: log.file, labels: sidecar?.file })),
    strays: paired.strays.map((stray) => stray.file),
  };
}

/** Imports one file the way the app does: a job of the service, in an import worker. */
async function ingestOne(
  { core, call }: Workspace,
  file: string,
  labels: string | undefined,
  options: IngestOptions,
  cancel: AbortSignal,
): Promise<IngestResult> {
  // A log it cannot read is the import's to refuse: the refusal is recorded (vigil imports lists it).
  if (labels !== undefined) {
    const labelsUnreadable = whyUnreadable(labels);
    // Named as the analyst gave it: the option, or the file given beside the log.
    const given = options.labels === undefined ? path.basename(labels) : '--labels';
    if (labelsUnreadable) return failed(file, `${given}: ${labelsUnreadable}`);
  }
  const [jobId] = (
    await call(
      'startImport',
      {
        paths: [file],
        format: options.format,
        preset: options.map,
        logFormat: options.logFormat,
        labels: labels === undefined ? undefined : path.resolve(labels),
      },
      { preset: '--map', logFormat: '--log-format', labels: '--labels' },
    )
  ).jobIds;
  const job = await followJob(core, must(jobId, 'the job startImport started'), {
    label: path.basename(file),
    showProgress: !options.json,
    detail: (p) => `${(p.counts?.rowsRead ?? 0).toLocaleString('en-US')} rows`,
    cancel,
  });
  if (job.importId !== null && job.state !== 'failed')
    return toResult(file, await call('getImport', { id: job.importId }));
  return failed(file, inPlainWords(job.error ?? 'The import failed'), job.importId);
}

function toResult(file: string, record: ImportRecord): IngestResult {
  return {
    file,
    importId: record.id,
    format: record.format,
    rowsRead: record.rowsRead,
    stored: record.stored,
    quarantined: record.quarantined,
    duplicates: record.duplicates,
    status: record.status,
    message: record.message,
  };
}

function printSummary(results: IngestResult[], options: IngestOptions): void {
  const rows: (string | number)[][] = [
    ['file', 'format', 'status', 'read', 'stored', 'quarantined', 'duplicates'],
  ];
  for (const r of results)
    rows.push([
      path.basename(r.file),
      r.format ?? '-',
      r.status,
      r.rowsRead,
      r.stored,
      r.quarantined,
      r.duplicates,
    ]);
  say(table(rows));
  // A failure's reason goes to stderr (see the action); other notes (skipped, cancelled) here.
  for (const r of results)
    if (r.message && r.status !== 'failed') say(`${path.basename(r.file)}: ${r.message}`);
  for (const r of results) {
    if (r.quarantined === 0 || r.importId === null) continue;
    // Every row refused: most often the format given (or guessed) is not the file's.
    if (r.stored === 0 && r.duplicates === 0)
      say(
        `${path.basename(r.file)}: every row was quarantined. Is it ${r.format ?? 'that format'}? ${options.format ? 'Import it again without --format to let Vigil recognise it.' : 'Give the right one with --format or --log-format.'}`,
      );
    say(`See its quarantined rows with: vigil imports --quarantine ${r.importId} --db ${quoted(options.db)}`);
  }
}

/** A path as a shell reads it back: quoted when it holds anything but plain characters. */
const quoted = (text: string) => (/^[\w./@:+-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`);
