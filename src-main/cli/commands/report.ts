import type { Command } from 'commander';
import { REPORT_FORMATS, ReportFormat } from '../../../src-shared/reports.js';
import { exportToFile } from '../../core/reports/export-file.js';
import { chromiumPrinter } from '../../core/reports/pdf.js';
import { printJson, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type AnalystOptions, positiveInt, withDb } from './with-db.js';

export function registerReport(program: Command): void {
  withCommonOptions(
    program
      .command('report')
      .description('Export a case (report or its sessions), or the sessions matching a filter, to a file')
      .option('--case <id>', 'the case to report on')
      .requiredOption('--format <format>', REPORT_FORMATS.join(', '))
      .requiredOption('--out <path>', 'file to write')
      .option('--src-ip <ip>', 'without --case (csv, json): sessions from this source IP')
      .option('--verdict <verdict>', 'without --case (csv, json): malicious, benign, review or none')
      .option('--tag <name>', 'without --case (csv, json): sessions with this tag')
      .option(
        '--chromium <path>',
        'pdf: the Chromium to print with (default VIGIL_CHROMIUM, else /usr/bin/chromium)',
      )
      .addHelpText(
        'after',
        `
Formats:
  html  one self-contained file: summary, timeline, charts (inline SVG), indicators, sessions,
        verdicts and notes with who/when, the model and its metrics, app version, generation
        time and a SHA-256 of the data included. No script, no external request (CSP forbids both).
  pdf   the same report printed by headless Chromium (--chromium, VIGIL_CHROMIUM, default
        /usr/bin/chromium; without one: apt-get install chromium, or use html).
  csv   sessions, streamed; cells starting with = + - @ tab or CR get a leading ' so
        spreadsheets show them as text instead of running them as formulas.
  json  the same sessions as a JSON array, text values neutralised the same way.
  stix  a STIX 2.1 bundle: identity, report, indicators ([ipv4-addr:value = '…']), observed-data
        with network-traffic per session, relationships.

Examples:
  vigil report --case 3 --format html --out case-3.html
  vigil report --format csv --verdict malicious --out malicious.csv`,
      ),
  ).action(
    (
      options: AnalystOptions & {
        case?: string;
        format: string;
        out: string;
        srcIp?: string;
        verdict?: string;
        tag?: string;
        chromium?: string;
      },
    ) =>
      withDb(options, async (db) => {
        const format = ReportFormat.safeParse(options.format);
        if (!format.success) throw new Error(`--format must be one of ${REPORT_FORMATS.join(', ')}.`);
        const caseId = options.case === undefined ? undefined : positiveInt('--case', options.case);
        const verdict = options.verdict as 'malicious' | 'benign' | 'review' | 'none' | undefined;
        if (verdict !== undefined && !['malicious', 'benign', 'review', 'none'].includes(verdict))
          throw new Error('--verdict must be malicious, benign, review or none.');
        const result = await exportToFile(
          db,
          {
            caseId,
            format: format.data,
            path: options.out,
            filter: { srcIp: options.srcIp, verdict, tag: options.tag },
          },
          { printToPdf: chromiumPrinter(options.chromium) },
        );
        if (options.json) return printJson(result);
        say(
          `Wrote ${result.path} (${result.bytes} bytes, ${result.sessions} session(s)); SHA-256 ${result.sha256}`,
        );
      }),
  );
}
