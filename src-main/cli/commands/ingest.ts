import path from 'node:path';
import type { Command } from 'commander';
import {
  FORMAT_IDS,
  type FormatId,
  type ImportRecord,
  type JobProgress,
  type MappingPreset,
} from '../../../src-shared/domain.js';
import { openDatabase } from '../../core/db/open.js';
import { getPreset } from '../../core/db/presets.js';
import { ImportJobs } from '../../core/jobs/import-jobs.js';
import { abortOnSignals, CANCELLED_EXIT_CODE } from '../cancel-signals.js';
import { inPlainWords, whyUnreadable } from '../file-errors.js';
import { type CommonOptions, printJson, table, withCommonOptions } from '../options.js';
import { createProgressBar } from '../progress-bar.js';
import { say, warn } from '../terminal-text.js';

interface IngestOptions extends CommonOptions {
  format?: FormatId;
  map?: string;
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
      .description(
        'Import log files (CloudWatch CSV, VPC Flow Logs, WAF JSON lines, or mapped CSV/JSONL; .gz too)',
      )
      .argument('<files...>', 'files to import')
      .option('--format <id>', `skip auto-detection: ${FORMAT_IDS.join(', ')}`)
      .option('--map <preset>', 'use a saved column-mapping preset (mapped-csv / mapped-jsonl)')
      .option('--no-enrich', 'do not look up country / ASN for rows that lack them'),
  )
    .addHelpText(
      'after',
      '\nEvery row is stored, quarantined (with the reason) or counted as a duplicate.\nThe same file imported twice is skipped. Exit code 1 if any file failed.\nCtrl+C or SIGTERM cancels: the import in progress is rolled back (nothing of it is kept),\nlater files are not started, and the exit code is 130.',
    )
    .action(async (files: string[], options: IngestOptions) => {
      if (options.format && !FORMAT_IDS.includes(options.format)) {
        throw new Error(`Unknown --format "${options.format}". Known: ${FORMAT_IDS.join(', ')}`);
      }
      const db = openDatabase(options.db);
      const preset = options.map ? getPreset(db, options.map) : undefined;
      if (options.map && !preset) throw new Error(`No mapping preset named "${options.map}"`);
      const results: IngestResult[] = [];
      const cancel = new AbortController();
      const stopListening = abortOnSignals(cancel);
      try {
        for (const file of files) {
          if (cancel.signal.aborted) break;
          results.push(await ingestOne(file, options, preset, cancel.signal));
        }
      } finally {
        stopListening();
        db.close();
      }
      if (options.json) printJson(results);
      else printSummary(results);
      for (const r of results)
        if (r.status === 'failed') warn(`vigil: ${path.basename(r.file)}: ${r.message}`);
      if (cancel.signal.aborted) {
        const left = files.length - results.length;
        warn(`vigil: cancelled (${cancel.signal.reason})${left ? `; ${left} file(s) not imported` : ''}.`);
        process.exitCode = CANCELLED_EXIT_CODE;
      } else if (results.some((r) => r.status === 'failed')) process.exitCode = 1;
    });
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

/** Imports one file the way the app does: in an import worker, whose heap is kept small. */
async function ingestOne(
  file: string,
  options: IngestOptions,
  preset: MappingPreset | undefined,
  cancel: AbortSignal,
): Promise<IngestResult> {
  const unreadable = whyUnreadable(file);
  if (unreadable) return failed(file, unreadable);
  const bar = createProgressBar(path.basename(file), !options.json);
  let last: JobProgress | null = null;
  const dbPath = path.resolve(options.db);
  const jobs = new ImportJobs({
    dbPath,
    cacheDir: path.join(path.dirname(dbPath), 'cache'),
    enrich: options.enrich,
    onProgress: (progress) => {
      last = progress;
      bar.update(progress.fraction ?? 0, `${(progress.counts?.rowsRead ?? 0).toLocaleString('en-US')} rows`);
    },
  });
  const jobId = jobs.start({ file, format: options.format, preset });
  const onCancel = () => jobs.cancel(jobId);
  cancel.addEventListener('abort', onCancel);
  try {
    const record = await jobs.wait(jobId);
    if (record) return toResult(file, record);
    const failure = last as JobProgress | null;
    return failed(file, inPlainWords(failure?.error ?? 'The import failed'), failure?.importId ?? null);
  } finally {
    bar.stop();
    cancel.removeEventListener('abort', onCancel);
    await jobs.close();
  }
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

function printSummary(results: IngestResult[]): void {
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
  if (results.some((r) => r.quarantined > 0))
    say('See quarantined rows with: vigil imports --quarantine <import id>');
}
