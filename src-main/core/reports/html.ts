// The case report as one self-contained HTML file: no script, no external resource, and a CSP
// that forbids both, so opening it can neither run code nor reach the network.
import { formatCount } from '../../../src-shared/count-words.js';
import { trainedOnInWords } from '../../../src-shared/trained-on.js';
import { isTagColour } from '../../../src-shared/triage.js';
import type { ChainVerification } from '../db/audit-chain.js';
import { auditSection } from './audit-section.js';
import type { CaseReport, ReportSession } from './case-data.js';
import { countriesChart, timelineChart, verdictChart } from './charts.js';
import { type Html, html, trusted } from './escape.js';
import { kindsSection } from './kinds-section.js';
import { REPORT_CSS } from './report-style.js';
import { addressCell, requestSection } from './request-section.js';
import { summaryHtml } from './summary-markdown.js';
import { timelineSection } from './timeline-section.js';
import { whyFlaggedSection } from './why-flagged-section.js';

export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const iso = (ts: number | null | undefined) =>
  ts === null || ts === undefined ? '' : new Date(ts).toISOString();
const num = (value: number | null | undefined, digits = 3) =>
  value === null || value === undefined
    ? ''
    : Number.isInteger(value)
      ? String(value)
      : value.toFixed(digits);

/** A tag's colour for a style attribute: a #rrggbb colour, or grey for anything else. */
const tagColour = (colour: string) => (isTagColour(colour) ? colour : '#888888');

interface SessionColumn {
  head: string;
  /** The cell's text ('' for none). */
  value(s: ReportSession): string | number;
  align?: 'num' | 'nowrap';
  /** Left out (and named) when every listed session leaves it empty. */
  optional?: true;
}

const text = (value: string | number | null | undefined) => value ?? '';
const SESSION_COLUMNS: SessionColumn[] = [
  { head: 'id', value: (s) => s.id, align: 'num' },
  { head: 'start (UTC)', value: (s) => iso(s.startTs), align: 'nowrap' },
  { head: 'source', value: (s) => s.srcIp },
  { head: 'destination', value: (s) => text(s.dstIp), optional: true },
  { head: 'port', value: (s) => text(s.dstPort), align: 'num', optional: true },
  { head: 'proto', value: (s) => text(s.protocol), optional: true },
  { head: 'country', value: (s) => text(s.country), optional: true },
  { head: 'detection', value: (s) => text(s.detectionType), optional: true },
  { head: 'rule', value: (s) => text(s.ruleName), optional: true },
  { head: 'bytes in', value: (s) => text(s.bytesIn), align: 'num', optional: true },
  { head: 'bytes out', value: (s) => text(s.bytesOut), align: 'num', optional: true },
  // The model section says why scores are missing, so the column stays.
  { head: 'score', value: (s) => num(s.score), align: 'num' },
  { head: 'flagged', value: (s) => (s.flagged ? 'yes' : '') },
  {
    head: 'kind',
    value: (s) => `${text(s.kind)}${s.kind && s.kindBy === 'model' ? ' (predicted)' : ''}`,
    optional: true,
  },
  { head: 'verdict', value: (s) => text(s.verdict) },
  { head: 'by', value: (s) => text(s.verdictBy), optional: true },
  { head: 'verdict note', value: (s) => text(s.verdictNote), optional: true },
  { head: 'tags', value: (s) => text(s.tags), optional: true },
];

/**
 * The sessions table. An access log has no destination, port or bytes in, a network log no
 * request: columns that every listed session leaves empty would only push the table past the
 * page, so they are left out and named above it.
 */
function sessionsTable(rows: readonly ReportSession[]): Html {
  const shown = SESSION_COLUMNS.filter(
    (column) => !column.optional || rows.some((s) => column.value(s) !== ''),
  );
  const left = SESSION_COLUMNS.filter((column) => !shown.includes(column)).map((column) => column.head);
  const cell = (column: SessionColumn, s: ReportSession) =>
    column.align
      ? html`<td class="${column.align}">${column.value(s)}</td>`
      : html`<td>${column.value(s)}</td>`;
  return html`${left.length ? html`<p class="meta" data-left-out>Left out, empty for every session listed: ${left.join(', ')}.</p>` : ''}
<table class="sessions"><tr>${shown.map((column) => html`<th>${column.head}</th>`)}</tr>
${rows.map((s) => html`<tr>${shown.map((column) => cell(column, s))}</tr>\n`)}</table>`;
}

function modelSection(report: CaseReport): Html {
  const model = report.data.model;
  if (!model) return html`<p>No model run was active when the report was made: no scores are shown.</p>`;
  const m = model.metrics;
  const metricRow = (name: string, a: number | undefined, b: number | undefined) =>
    html`<tr><td>${name}</td><td class="num">${num(a)}</td><td class="num">${num(b)}</td></tr>`;
  return html`<p>Run ${model.id} (${model.kind}), trained ${iso(model.createdAt)}; split: ${model.split ?? 'none'};
threshold: ${num(model.threshold)}.</p>
${
  m
    ? html`<table><tr><th>metric (held-out)</th><th>model</th><th>baseline (majority)</th></tr>
${metricRow('ROC-AUC', m.model.rocAuc, m.baseline.rocAuc)}${metricRow('PR-AUC', m.model.prAuc, m.baseline.prAuc)}
${metricRow('precision', m.model.precision, m.baseline.precision)}${metricRow('recall', m.model.recall, m.baseline.recall)}
${metricRow('F1', m.model.f1, m.baseline.f1)}</table>
<p class="meta">${trainedOnInWords(m, model, true)}; tested on ${formatCount(m.testRows)}; labels: ${m.labelCounts.malicious} malicious, ${m.labelCounts.benign} benign.</p>`
    : html`<p class="meta">This run has no evaluation metrics (unsupervised or without labels).</p>`
}`;
}

// Sessions (and requests) listed row by row. The charts, indicators and timeline sum up every
// session of the case; a row per session beyond this made an 862-session case ~68 000 px tall and
// buried the audit trail, and the CSV / JSON export carries them all.
export const REPORT_TABLE_ROWS = 200;

const sessionsHeading = (listed: number, total: number) =>
  listed < total
    ? `${formatCount(listed)} of ${formatCount(total)}: malicious verdicts, rule hits and flags first, in time order; the CSV export has all`
    : formatCount(total);

const byTime = (a: ReportSession, b: ReportSession) => a.startTs - b.startTs || a.id - b.id;

/** The report page; `audit` is the audit chain as verified when the report is made. */
export function renderCaseHtml(report: CaseReport, audit: ChainVerification): string {
  const { detail, sessions, sessionTotal, indicators, totals } = report.data;
  const c = detail.case;
  // The strongest evidence is listed (sessions come in that order), then read in time order.
  const tableRows = sessions.slice(0, REPORT_TABLE_ROWS).sort(byTime);
  const charts = [
    timelineChart(totals.timeline),
    countriesChart(totals.countries),
    verdictChart(totals.verdicts),
  ].filter((svg): svg is string => svg !== null);
  const body = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="vigil-data-sha256" content="${report.sha256}">
<meta name="vigil-audit-chain" content="${audit.ok ? 'verified' : 'broken'}">
<meta name="vigil-audit-head" content="${audit.head?.hash ?? ''}">
<title>Case ${c.id}: ${c.title}</title><style>${trusted(REPORT_CSS)}</style></head>
<body>
<h1>Case ${c.id}: ${c.title}</h1>
<p class="meta"><span class="sev sev-${c.severity}">${c.severity}</span> · status ${c.status.replace('_', ' ')} ·
opened by ${c.createdBy} ${iso(c.createdAt)} · updated ${iso(c.updatedAt)}</p>
${c.tags.length ? html`<p class="meta tags">tags: ${c.tags.map((t) => html`<span class="tag" style="border-color: ${tagColour(t.colour)}">${t.name}</span> `)}</p>` : ''}
<h2>Summary</h2><div class="summary markdown">${c.summary ? summaryHtml(c.summary) : '(no summary)'}</div>
<h2>Indicators (${indicators.length})</h2>
<table><tr><th>IP</th><th>why</th><th>sessions</th><th>first seen</th><th>last seen</th><th>IOC lists</th></tr>
${indicators.map(
  (i) =>
    html`<tr><td><code class="address">${addressCell(i.ip)}</code></td><td>${i.reasons.join(', ')}</td><td class="num">${i.sessions}</td><td class="nowrap">${iso(i.firstSeen)}</td><td class="nowrap">${iso(i.lastSeen)}</td><td>${i.iocLists.map((l) => `${l.list} (${l.kind})`).join(', ')}</td></tr>`,
)}</table>
<h2>Timeline</h2>
${timelineSection(report)}
<div class="charts">${charts.map((svg) => trusted(svg))}</div>
<h2>Notes (${detail.notes.length})</h2>
${detail.notes.map((n) => html`<p><strong>${n.analyst}</strong> <span class="meta">${iso(n.at)}</span></p><div class="summary">${n.body}</div>`)}
<h2>Model</h2>${modelSection(report)}
<h2>Kinds of threat</h2>${kindsSection(report.data.kinds)}
<h2>Sessions (${sessionsHeading(tableRows.length, sessionTotal)})</h2>
<p class="meta" data-flagged-by>Flagged: by the detection set ${report.data.flaggedBy}, as in every view of Vigil.</p>
${sessionsTable(tableRows)}
${requestSection(tableRows, totals)}
${whyFlaggedSection(tableRows)}
<h2>Audit trail</h2>${auditSection(audit)}
<footer>Vigil ${report.appVersion} · generated ${iso(report.generatedAt)} · charts, indicators and timeline over all ${formatCount(sessionTotal)} sessions; tables list at most ${REPORT_TABLE_ROWS}<br>
SHA-256 of the data included: <span class="hash">${report.sha256}</span></footer>
</body></html>
`;
  return body.text;
}
