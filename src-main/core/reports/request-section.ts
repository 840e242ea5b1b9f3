// The report's "Requests" section: each listed session that carries an HTTP request, with the line
// as logged and percent-decoded, its status, host and user agent, and the rules it matched (the
// matched value marked). Left out when no session of the case has a request. Every logged text
// shows its control characters and marks that reorder text as escapes (showControls), as the
// request line does: raw, U+202E makes a value read backwards.

import { countOf, formatCount } from '../../../src-shared/count-words.js';
import { decodedRequestLine, rawRequestLine, showControls } from '../../../src-shared/request-line.js';
import { levelText } from '../../../src-shared/rules.js';
import { userAgentClass } from '../../../src-shared/user-agent-class.js';
import type { CaseTotals } from '../db/case-totals.js';
import type { ReportSession } from './case-data.js';
import { type Html, html } from './escape.js';

const hasRequest = (s: ReportSession) => rawRequestLine(s) !== null;

// A user agent or request of thousands of characters (a padded scanner probe) filled pages of the
// printed report: one 60 000-character request made a two-session case 70 PDF pages. Such text is
// cut here, saying how long it was; the CSV / JSON export keeps it whole. A request line keeps more,
// since the payload is the evidence (500 characters are about 20 lines of its printed column).
const USER_AGENT_SHOWN = 300;
// A DNS name is at most 253 characters, so any real host prints whole; a longer Host header is a
// probe (one of 8 000 made its row 26 PDF pages in a 9 % column).
const HOST_SHOWN = 253;
// A matched value is a few words of payload, unless the attacker padded a run the rule allows
// (`'` + 20 000 `+` + `union select`: 33 PDF pages).
const MATCH_SHOWN = 300;
const REQUEST_SHOWN = 500;

/** The first `shown` characters of `text` (never half a surrogate pair), and how long it was. */
function cut(text: string, shown: number, length = text.length): { start: string; note: Html | '' } {
  if (text.length <= shown) return { start: text, note: '' };
  const end = /[\uD800-\uDBFF]/.test(text.charAt(shown - 1)) ? shown - 1 : shown;
  return {
    start: `${text.slice(0, end)}…`,
    note: html` <span class="meta">(${formatCount(length)} characters; the CSV export has it whole)</span>`,
  };
}

/** A rule's matched value, marked, cut as a user agent is (its length is the attacker's padding). */
function markedValue(value: string): Html {
  const { start, note } = cut(showControls(value), MATCH_SHOWN, value.length);
  return html`<mark>${start}</mark>${note}`;
}

function hitsCell(s: ReportSession): Html {
  return html`${s.ruleHits.map(
    (h) =>
      html`<div><span class="level level-${h.level ?? 'none'}">${levelText(h.level)}</span> ${h.title}${
        h.field !== null && h.value !== null
          ? html` <span class="meta">(${h.field} = ${markedValue(h.value)})</span>`
          : ''
      }</div>`,
  )}`;
}

/** A request line in monospace, cut past REQUEST_SHOWN characters. */
function requestLineCell(line: string): Html {
  const { start, note } = cut(line, REQUEST_SHOWN);
  return html`<code>${start}</code>${note}`;
}

/** A logged text (host, user agent), hidden characters shown, cut past `shown` characters of the logged value. */
function textCell(text: string | null, shown: number): Html {
  if (text === null) return html``;
  // The length said is the logged one, not that of the escapes shown.
  const { start, note } = cut(showControls(text), shown, text.length);
  return html`${start}${note}`;
}

function userAgentCell(userAgent: string | null): Html {
  if (userAgent === null) return html``;
  return html`${textCell(userAgent, USER_AGENT_SHOWN)} <span class="meta">(${userAgentClass(userAgent)})</span>`;
}

/** An address breaks only after a colon (IPv6), never inside a number: a cut reads as another IP. */
export const addressCell = (ip: string): Html =>
  html`${ip.split(':').map((part, i) => (i === 0 ? html`${part}` : html`:<wbr>${part}`))}`;

function requestRow(s: ReportSession): Html {
  const raw = rawRequestLine(s) ?? '';
  const decoded = decodedRequestLine(s) ?? raw;
  return html`<tr><td class="num whole">${s.id}</td><td class="whole">${addressCell(s.srcIp)}</td><td>${textCell(s.host, HOST_SHOWN)}</td>
<td>${requestLineCell(raw)}${decoded !== raw ? html`<div class="meta">decoded: ${requestLineCell(decoded)}</div>` : ''}</td>
<td class="num whole">${s.responseCode ?? ''}</td><td>${userAgentCell(s.userAgent)}</td>
<td>${hitsCell(s)}</td></tr>`;
}

/** What the heading says the rows are out of: every request and rule hit of the case. */
function requestsHeading(listed: readonly ReportSession[], totals: CaseTotals): string {
  const hits = listed.reduce((n, s) => n + s.ruleHits.length, 0);
  if (listed.length === totals.requests && hits === totals.ruleHits)
    return `${formatCount(listed.length)}; ${countOf(hits, 'rule hit')}`;
  return `${formatCount(listed.length)} of ${formatCount(totals.requests)}, with ${formatCount(hits)} of the case's ${countOf(totals.ruleHits, 'rule hit')}`;
}

export function requestSection(sessions: readonly ReportSession[], totals: CaseTotals): Html | '' {
  const requests = sessions.filter(hasRequest);
  if (requests.length === 0) return '';
  return html`<h2>Requests (${requestsHeading(requests, totals)})</h2>
<table class="requests"><colgroup><col style="width: 7%"><col style="width: 14%"><col style="width: 9%"><col style="width: 28%"><col style="width: 7%"><col style="width: 15%"><col style="width: 20%"></colgroup>
<tr><th>id</th><th>source</th><th>host</th><th>request</th><th>status</th><th>user agent</th><th>rule hits</th></tr>
${requests.map(requestRow)}</table>`;
}
