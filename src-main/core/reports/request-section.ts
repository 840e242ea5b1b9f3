// The report's "Requests" section: each listed session that carries an HTTP request, with the line
// as logged and percent-decoded, its status, host and user agent, and the rules it matched (the
// matched value marked). Left out when no session of the case has a request.
import { decodedRequestLine, rawRequestLine } from '../../../src-shared/request-line.js';
import { userAgentClass } from '../../../src-shared/user-agent-class.js';
import type { ReportSession } from './case-data.js';
import { type Html, html } from './escape.js';

const hasRequest = (s: ReportSession) => rawRequestLine(s) !== null;

function hitsCell(s: ReportSession): Html {
  return html`${s.ruleHits.map(
    (h) =>
      html`<div><span class="level level-${h.level}">${h.level}</span> ${h.title}${
        h.field !== null && h.value !== null
          ? html` <span class="meta">(${h.field} = <mark>${h.value}</mark>)</span>`
          : ''
      }</div>`,
  )}`;
}

function requestRow(s: ReportSession): Html {
  const raw = rawRequestLine(s) ?? '';
  const decoded = decodedRequestLine(s) ?? raw;
  return html`<tr><td class="num">${s.id}</td><td>${s.srcIp}</td><td>${s.host ?? ''}</td>
<td><code>${raw}</code>${decoded !== raw ? html`<div class="meta">decoded: <code>${decoded}</code></div>` : ''}</td>
<td class="num">${s.responseCode ?? ''}</td><td>${s.userAgent ?? ''} <span class="meta">(${userAgentClass(s.userAgent)})</span></td>
<td>${hitsCell(s)}</td></tr>`;
}

export function requestSection(sessions: readonly ReportSession[]): Html | '' {
  const requests = sessions.filter(hasRequest);
  if (requests.length === 0) return '';
  const hits = requests.reduce((n, s) => n + s.ruleHits.length, 0);
  return html`<h2>Requests (${requests.length}; ${hits} rule hits)</h2>
<table class="requests"><colgroup><col style="width: 5%"><col style="width: 13%"><col style="width: 9%"><col style="width: 31%"><col style="width: 5%"><col style="width: 17%"><col style="width: 20%"></colgroup>
<tr><th>id</th><th>source</th><th>host</th><th>request</th><th>status</th><th>user agent</th><th>rule hits</th></tr>
${requests.map(requestRow)}</table>`;
}
