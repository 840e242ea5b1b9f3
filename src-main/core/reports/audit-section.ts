// What the case report says about the audit trail: whether the hash chain over every recorded
// action verified when the report was made, and its head, which a reader can later compare with
// `vigil audit verify --expect HASH` to see that no action up to it was altered or removed.
import type { ChainVerification } from '../db/audit-chain.js';
import { type Html, html } from './escape.js';

export function auditSection(audit: ChainVerification): Html {
  if (!audit.ok && audit.firstBreak)
    return html`<p class="audit-broken"><strong>Audit chain broken</strong> at action ${audit.firstBreak.actionId}:
${audit.firstBreak.reason}. The ${audit.verified} action(s) before it verified${
      audit.head
        ? html` (head: action ${audit.head.actionId}, <span class="hash">${audit.head.hash}</span>)`
        : ''
    }; the history after that point cannot be trusted.</p>`;
  if (!audit.head) return html`<p>Audit chain verified: no action has been recorded yet.</p>`;
  return html`<p><strong>Audit chain verified</strong>: all ${audit.verified} recorded action(s) match their hashes.
Head: action ${audit.head.actionId}, SHA-256 <span class="hash">${audit.head.hash}</span>.</p>
<p class="meta">Keep this head: <code class="hash">vigil audit verify --expect ${audit.head.hash}</code> later shows whether every action up to it is still as recorded.</p>`;
}
