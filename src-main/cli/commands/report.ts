import type { Command } from 'commander';
import { REPORT_FORMATS } from '../../../src-shared/reports.js';
import { chromiumPrinter } from '../../core/reports/pdf.js';
import { filterOption } from '../filter-option.js';
import { outputPath, printJson, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';
import { positiveInt } from './option-values.js';

interface SelectionOptions {
  filter?: string;
  srcIp?: string;
  verdict?: string;
  tag?: string;
}

/**
 * The clauses of `--filter`, parsed as the filter bar parses them; a text that does not parse is
 * refused. Any option that selects sessions is refused beside --case, whose sessions the case
 * decides: `--case 3 --verdict malicious` exported every session of case 3 without a word.
 */
function filterClauses(options: SelectionOptions, caseId: number | undefined) {
  if (caseId !== undefined) {
    const given = (
      [
        ['--filter', options.filter],
        ['--src-ip', options.srcIp],
        ['--verdict', options.verdict],
        ['--tag', options.tag],
      ] as const
    ).find(([, value]) => value !== undefined);
    if (given) throw new Error(`${given[0]} selects sessions without --case: a case decides its own`);
  }
  return filterOption(options.filter);
}

export function registerReport(program: Command): void {
  withCommonOptions(
    program
      .command('report')
      .description('Export a case (report or its sessions), or the sessions matching a filter, to a file')
      .option('--case <id>', 'the case to report on')
      .requiredOption('--format <format>', REPORT_FORMATS.join(', '))
      .requiredOption('--out <path>', 'file to write, in an existing folder', outputPath)
      .option('--src-ip <ip>', 'without --case (csv, json): sessions from this source IP')
      .option('--verdict <verdict>', 'without --case (csv, json): malicious, benign, review or none')
      .option('--tag <name>', 'without --case (csv, json): sessions with this tag')
      .option(
        '--filter <text>',
        "without --case (csv, json): sessions matching this text in the filter language, as the app's filter bar reads it",
      )
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
        spreadsheets show them as text instead of running them as formulas (and cells starting
        with ' get one too: drop one leading ' from a cell to get the value as logged).
  json  the same sessions as a JSON array, every value exactly as logged (programs read it,
        and none runs a formula).
  stix  a STIX 2.1 bundle, streamed: identity, report, indicators ([ipv4-addr:value = '…']),
        observed-data with network-traffic per session, relationships.

Examples:
  vigil report --case 3 --format html --out case-3.html
  vigil report --format csv --verdict malicious --out malicious.csv
  vigil report --format json --filter 'sigma:* status:5xx' --out hits.json`,
      ),
  ).action(
    (
      options: WorkspaceOptions & {
        case?: string;
        format: string;
        out: string;
        srcIp?: string;
        verdict?: string;
        tag?: string;
        filter?: string;
        chromium?: string;
      },
    ) =>
      withWorkspace(
        options,
        async ({ call }) => {
          const caseId = options.case === undefined ? undefined : positiveInt('--case', options.case);
          const clauses = filterClauses(options, caseId);
          const result = await call(
            'exportReport',
            {
              caseId,
              format: options.format,
              path: options.out,
              filter: { srcIp: options.srcIp, verdict: options.verdict, tag: options.tag, clauses },
            },
            {
              caseId: '--case',
              path: '--out',
              'filter.srcIp': '--src-ip',
              'filter.verdict': '--verdict',
              'filter.tag': '--tag',
            },
          );
          if (options.json) return printJson(result);
          say(
            `Wrote ${result.path} (${result.bytes} bytes, ${result.sessions} session(s)); SHA-256 ${result.sha256}`,
          );
        },
        { printToPdf: chromiumPrinter(options.chromium) },
      ),
  );
}
