// The drawer's HTTP request: the line as logged and percent-decoded, host, user agent (with its
// class, which only a request has), referrer and status, each with the values rule hits matched marked inside it.
import type { Session } from '../../../src-shared/domain.js';
import { decodedRequestLine, percentDecode, rawRequestLine } from '../../../src-shared/request-line.js';
import type { SessionRuleHit } from '../../../src-shared/rules.js';
import { userAgentClass } from '../../../src-shared/user-agent-class.js';
import { isWebRequest } from '../../../src-shared/web-requests.js';
import { UserAgentClassChip } from '../overview/WebPanels.js';
import { Marked } from './Marked.js';

/** The matched values to mark: as stored, and decoded (a rule may have matched either form). */
function matchedValues(hits: readonly SessionRuleHit[]): string[] {
  const values = hits.flatMap((h) => (h.value ? [h.value, percentDecode(h.value, true)] : []));
  return [...new Set(values)];
}

export function RequestSection({ session, hits }: { session: Session; hits: readonly SessionRuleHit[] }) {
  const raw = rawRequestLine(session);
  if (raw === null) return null;
  const decoded = decodedRequestLine(session) ?? raw;
  const values = matchedValues(hits);
  const rows: [string, string | null][] = [
    ['Host', session.host],
    ['Referrer', session.referrer],
  ];
  return (
    <section data-testid="drawer-request">
      <h3>Request</h3>
      <dl className="request-lines">
        <div>
          <dt>As logged</dt>
          <dd>
            <code className="raw long-value" data-testid="request-raw">
              <Marked text={raw} values={values} />
            </code>
          </dd>
        </div>
        {decoded !== raw && (
          <div>
            <dt>Decoded</dt>
            <dd>
              <code className="raw long-value" data-testid="request-decoded">
                <Marked text={decoded} values={values} />
              </code>
            </dd>
          </div>
        )}
        <div>
          <dt>Status</dt>
          <dd>{session.responseCode ?? '–'}</dd>
        </div>
        {rows.map(([label, value]) =>
          value === null ? null : (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                <span className="long-value">
                  <Marked text={value} values={values} />
                </span>
              </dd>
            </div>
          ),
        )}
        <div>
          <dt>User agent</dt>
          <dd className="request-ua" data-testid="request-ua">
            {isWebRequest(session) && (
              <UserAgentClassChip userAgentClass={userAgentClass(session.userAgent)} />
            )}
            <span className="long-value">
              {session.userAgent ? <Marked text={session.userAgent} values={values} /> : '–'}
            </span>
          </dd>
        </div>
      </dl>
    </section>
  );
}
