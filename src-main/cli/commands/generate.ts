import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  DEFAULT_ATTACK_RATE,
  DEFAULT_DAYS,
  DEFAULT_START,
  generateTraffic,
} from '../../core/generate/generate.js';
import { isWebFormat, OUTPUT_FORMATS, type OutputFormat } from '../../core/generate/writers/index.js';
import { printJson, table } from '../options.js';
import { createProgressBar } from '../progress-bar.js';
import { say, warn } from '../terminal-text.js';

interface GenerateCliOptions {
  rows: number;
  seed: number;
  out: string;
  format: OutputFormat;
  start: number;
  days: number;
  attackRate: number;
  json?: boolean;
}

const HELP = `
Output is synthetic and says so on stderr; the same options always give the same bytes.
Rows come in time order. A PATH ending in .gz is gzip-compressed.

Network formats (a row is a session):
  cloudwatch-csv  the 16 columns of the CloudWatch web-attack sample, plus a "label" column
  vpc-flow        AWS VPC Flow Logs, default v2 format with its header line; one record per
                  direction (two per answered session), a few NODATA records; labels in
                  PATH.labels.csv as line,label (NODATA lines have none)
  waf-json        AWS WAF logs, one JSON object per line (one request per session); labels in
                  PATH.labels.csv as line,label

Web formats (a row is one request to an online shop, one line each; --rows counts lines):
  combined        Apache/nginx Combined Log Format, with IPv6 clients, "-" fields, escaped
                  quotes, and a few lines that are not HTTP (a TLS handshake on the plain port)
  alb             AWS Application Load Balancer access logs, every documented field in order
  Labels of every line in PATH.labels.csv as line,label (line 1 is the file's first line).

Network labels (benign, or the attack kind; attacks mostly come from addresses no benign client uses):
  port_scan               one source probes many ports of one server within minutes; tiny
                          packets, short or no answers
  brute_force             one source, one login port (22, 3389 or 443), an attempt every few
                          seconds with near-identical sizes, mostly 401/403
  exfiltration            a few long sessions, each sending tens of megabytes out of a server
  beaconing               check-ins from one source to one server at a fixed interval (30 s to
                          1 h) with a little jitter and constant sizes, day and night
  rare_country_odd_hours  ordinary-looking browsing from a country the site rarely sees,
                          between 01:00 and 05:00 UTC

Web labels (benign browsing, crawlers and apps; or the campaign a request belongs to):
  sqli                 SQL injection in parameters (tautology, UNION, error, blind, time-based)
  xss                  script injection in parameters and paths
  traversal            path traversal and file inclusion (../ in many encodings, wrappers)
  cmdi                 OS command injection in parameters, Shellshock in the user agent
  scanner              fast probing of sensitive files, consoles and exploit paths, mostly 404
  webshell             probing for web shells by name; now and then one answers and is used
  credential_stuffing  bursts of login POSTs from a few proxies: 401s, 403s, a rare 302
  enumeration          one path every few minutes for hours: files, consoles, record ids
  Payloads come raw, percent-encoded, double-encoded or in mixed case; attackers also send
  browser user agents, and benign traffic has odd queries too.

Examples:
  vigil generate --rows 1000000 --seed 7 --out traffic.csv.gz && vigil ingest traffic.csv.gz
  vigil generate --rows 1000000 --seed 7 --format combined --out access.log   (+ access.log.labels.csv)
  vigil ingest access.log --labels access.log.labels.csv   (each request gets its label)`;

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description(
      'Write realistic synthetic web traffic with injected, labelled attacks (for demos and tests)',
    )
    .requiredOption('--rows <n>', 'number of sessions (web formats: requests) to generate', wholeNumber(1))
    .requiredOption(
      '--seed <s>',
      'random seed (whole number); the same seed gives the same file',
      wholeNumber(0),
    )
    .requiredOption('--out <path>', 'file to write (.gz: compressed); overwritten if it exists')
    .option('--format <id>', `output format: ${OUTPUT_FORMATS.join(', ')}`, formatId, 'cloudwatch-csv')
    .addOption(
      new Option('--start <iso>', 'first moment of the time range, ISO-8601 (UTC if no zone)')
        .argParser(isoTime)
        .default(DEFAULT_START, new Date(DEFAULT_START).toISOString().replace('.000', '')),
    )
    .option('--days <d>', 'length of the time range in days (1 to 366)', decimal, DEFAULT_DAYS)
    .option(
      '--attack-rate <f>',
      'share of sessions (web formats: requests) that are attacks (0 to 0.9)',
      decimal,
      DEFAULT_ATTACK_RATE,
    )
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText('after', HELP)
    .action(async (options: GenerateCliOptions) => {
      const out = path.resolve(options.out);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const bar = createProgressBar('generate', !options.json);
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      process.once('SIGINT', onSignal);
      try {
        const result = await generateTraffic(
          { ...options, out },
          {
            signal: abort.signal,
            onProgress: (done, rows) => bar.update(done / rows, `${done.toLocaleString('en-US')} rows`),
          },
        );
        bar.stop();
        const attacks = result.rows - result.labels.benign;
        const unit = isWebFormat(result.format) ? 'requests' : 'sessions';
        warn(
          `vigil generate: wrote synthetic data (not real traffic): ${result.rows.toLocaleString('en-US')} ${unit}, ${attacks.toLocaleString('en-US')} of them attacks, seed ${result.seed}.`,
        );
        if (options.json) return printJson(result);
        say(table([['label', unit], ...Object.entries(result.labels)]));
        say(`${result.out} (${result.format}, ${result.bytes.toLocaleString('en-US')} bytes)`);
        if (result.labelsFile) say(`labels: ${result.labelsFile}`);
      } finally {
        bar.stop();
        process.off('SIGINT', onSignal);
      }
    });
}

function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value.replaceAll('_', ''));
    if (!Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return n;
  };
}

function decimal(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number');
  return n;
}

function formatId(value: string): OutputFormat {
  if (!(OUTPUT_FORMATS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${OUTPUT_FORMATS.join(', ')}`);
  return value as OutputFormat;
}

function isoTime(value: string): number {
  const full = /^\d{4}-\d\d-\d\d$/.test(value) ? `${value}T00:00:00` : value;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(full) ? full : `${full}Z`;
  const ms = Date.parse(zoned);
  if (!/^\d{4}-\d\d-\d\d/.test(value) || !Number.isFinite(ms))
    throw new InvalidArgumentError('expected an ISO-8601 date, e.g. 2024-04-25T00:00:00Z');
  return ms;
}
