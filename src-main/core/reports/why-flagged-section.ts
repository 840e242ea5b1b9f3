// The report's "Why flagged" section: each listed session the model run flagged, with the features
// behind its flag in words (as the drawer and Triage name them), each with the session's value
// beside the typical one where the score kept it, strongest first. Left out when
// the run flagged none of the case's listed sessions.
import { whyEntryInWords } from '../../../src-shared/feature-values.js';
import type { ReportSession } from './case-data.js';
import { type Html, html } from './escape.js';

// The drawer shows the top few too: beyond them the contributions are small and read as noise.
const SHOWN = 5;

export function whyFlaggedSection(sessions: readonly ReportSession[]): Html | '' {
  const flagged = sessions.filter((s) => s.why && s.why.length > 0);
  if (flagged.length === 0) return '';
  return html`<h2>Why flagged (${flagged.length})</h2>
<table><tr><th>id</th><th>source</th><th>score</th><th>features behind the flag (contribution)</th></tr>
${flagged.map(
  (s) =>
    html`<tr><td class="num">${s.id}</td><td>${s.srcIp}</td><td class="num">${s.score?.toFixed(3) ?? ''}</td><td>${(
      s.why ?? []
    )
      .slice(0, SHOWN)
      .map((c) => `${whyEntryInWords(c)} (${c.contribution >= 0 ? '+' : ''}${c.contribution.toFixed(3)})`)
      .join('; ')}</td></tr>`,
)}</table>`;
}
