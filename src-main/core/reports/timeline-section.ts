// The report's timeline: what happened to the case, oldest first, from the audit log
// (db/case-history.ts). One action is one entry: a bulk verdict on 862 sessions (or 862 sessions added
// at once) is merged into one entry with the count — a row per session made a report 137 000 px
// tall and buried everything after it.
import { countOf } from '../../../src-shared/count-words.js';
import type { HistoryEvent } from '../db/case-history.js';
import type { CaseReport } from './case-data.js';
import { type Html, html } from './escape.js';

/** Events that one action produced, merged: same action, what and note. */
export interface TimelineEntry {
  at: number;
  who: string;
  what: string;
  detail: string;
}

// Source IPs named in a merged entry before "…": enough to recognise the attacker, not a list.
const NAMED_IPS = 3;

function describe(group: HistoryEvent[]): string {
  const first = group[0];
  if (!first) return '';
  const note = first.note ? ` — ${first.note}` : '';
  const sessions = group.flatMap((e) => ('sessionId' in e.subject ? [e.subject] : []));
  const texts = group.flatMap((e) => ('text' in e.subject ? [e.subject.text] : []));
  if (sessions.length === 0) return texts.join(', ') + note;
  if (sessions.length === 1 && sessions[0]) {
    const s = sessions[0];
    return `session ${s.sessionId}${s.srcIp ? ` (${s.srcIp})` : ''}${beyondCase(first, 1)}${note}`;
  }
  const ids = sessions.map((s) => s.sessionId).sort((a, b) => a - b);
  const ips = [...new Set(sessions.flatMap((s) => (s.srcIp ? [s.srcIp] : [])))];
  const from = ips.length
    ? ` from ${countOf(ips.length, 'source IP')}: ${ips.slice(0, NAMED_IPS).join(', ')}${ips.length > NAMED_IPS ? ', …' : ''}`
    : '';
  const low = ids[0] as number;
  const high = ids[ids.length - 1] as number;
  // "1 … 862" reads as every id between: said only when it is, else the bounds they lie between.
  const span = high - low + 1 === ids.length ? `${low} … ${high}` : `between ${low} and ${high}`;
  return `${countOf(sessions.length, 'session')} (ids ${span})${from}${beyondCase(first, sessions.length)}${note}`;
}

/** A verdict's action that judged sessions outside the case too says how many it judged in all. */
function beyondCase(event: HistoryEvent, inCase: number): string {
  const all = event.actionSessions;
  return all !== undefined && all > inCase ? `; the action judged ${countOf(all, 'session')} in all` : '';
}

/** The case's history, one entry per action (and kind of change), oldest first. */
export function timelineEntries(report: CaseReport): TimelineEntry[] {
  const groups = new Map<string, HistoryEvent[]>();
  for (const e of report.data.history) {
    // Text subjects (IPs added by one action) stay one entry too: "IP added: a, b".
    const key = JSON.stringify([e.action, e.what, e.note]);
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()]
    .map((group) => ({
      at: group[0]?.at ?? 0,
      who: group[0]?.who ?? '',
      what: group[0]?.what ?? '',
      detail: describe(group),
    }))
    .sort((a, b) => a.at - b.at);
}

export function timelineSection(report: CaseReport): Html {
  return html`<table class="timeline"><tr><th>when (UTC)</th><th>who</th><th>what</th><th>detail</th></tr>
${timelineEntries(report).map(
  (e) =>
    html`<tr><td class="nowrap">${new Date(e.at).toISOString()}</td><td>${e.who}</td><td class="nowrap">${e.what}</td><td>${e.detail}</td></tr>`,
)}</table>`;
}
