import { useEffect, useRef } from 'react';
import type { Session } from '../../../src-shared/domain.js';
import type { FlagQueuePage, QueueItem, Verdict } from '../../../src-shared/triage.js';
import { isWebRequest } from '../../../src-shared/web-requests.js';
import { breakableAddress } from '../../components/BreakableAddress.js';
import { formatCount, formatTimestamp } from '../../format.js';
import { TagChips } from './TagChips.js';
import { VERDICT_CHOICES } from './verdict-choices.js';

interface QueueTableProps {
  page: FlagQueuePage;
  cursor: number;
  selected: ReadonlySet<number>;
  colours: ReadonlyMap<string, string>;
  onPick(index: number): void;
  /** Source IPs whose rows are folded away. */
  collapsed: ReadonlySet<string>;
  onToggleGroup(srcIp: string): void;
  /** One verdict on the group's sessions: the queue's sessions from its source IP. */
  onGroupVerdict(verdict: Verdict, srcIp: string, sessions: number): void;
}

/**
 * "500 GET /search?q=…": what a web request got and asked, to judge it without opening it. The
 * status comes first so that a long query, cut short in the cell, never hides it.
 */
function requestSummary(s: Session): string {
  if (s.method === null && s.path === null) return '';
  const target = `${s.path ?? ''}${s.query ? `?${s.query}` : ''}`;
  return [s.responseCode, s.method, target].filter((part) => part !== null && part !== '').join(' ');
}

/** Only an IPv6 address needs room set aside to break in (triage.css); an IPv4 one never breaks. */
const addressClass = (ip: string) => (ip.includes(':') ? 'queue-address v6' : 'queue-address');

/**
 * "malicious (sql_injection) · ana ✎": the verdict, then its kind and who gave it (and a note mark).
 * Two pieces that never break inside, so a narrow queue may put the second under the verdict.
 */
function VerdictText({ verdict }: { verdict: NonNullable<QueueItem['verdict']> }) {
  return (
    <>
      <span className="verdict-word">{verdict.verdict}</span>{' '}
      <span className="verdict-by">
        {verdict.kind ? `(${verdict.kind}) ` : ''}· {verdict.analyst}
        {verdict.note ? ' ✎' : ''}
      </span>
    </>
  );
}

type GroupProps = Pick<QueueTableProps, 'page' | 'collapsed' | 'onToggleGroup' | 'onGroupVerdict'>;

/** A source IP's heading above its rows: fold it, or judge the group's sessions at once. */
function groupHeader(props: GroupProps, item: QueueItem, index: number, columns: number) {
  const { page, collapsed } = props;
  const ip = item.session.srcIp;
  if (!page.groups.length || page.items[index - 1]?.session.srcIp === ip) return null;
  const group = page.groups.find((g) => g.srcIp === ip);
  const folded = collapsed.has(ip);
  return (
    <tr className="queue-group" key={`g-${ip}`} data-testid="triage-group" data-ip={ip}>
      <td colSpan={columns}>
        <button
          type="button"
          className="link group-toggle"
          aria-expanded={!folded}
          data-testid="triage-group-toggle"
          onClick={() => props.onToggleGroup(ip)}
        >
          {folded ? '▸' : '▾'} {ip}
        </button>{' '}
        · {formatCount(group?.sessions)} {group?.sessions === 1 ? 'session' : 'sessions'} ·{' '}
        {group?.maxScore == null ? 'rule hits only' : `top score ${group.maxScore.toFixed(3)}`}
        <span className="group-verdicts">
          {VERDICT_CHOICES.map(({ verdict, label }) => (
            <button
              key={verdict}
              type="button"
              className="small"
              data-testid={`group-${verdict}`}
              title={`${label}: the ${formatCount(group?.sessions)} flagged sessions from ${ip} in this queue`}
              onClick={() => props.onGroupVerdict(verdict, ip, group?.sessions ?? 0)}
            >
              {label}
            </button>
          ))}
        </span>
      </td>
    </tr>
  );
}

/** The columns some session of the page has a value for, a request, a destination, a detection type. */
interface ShownColumns {
  request: boolean;
  destination: boolean;
  detection: boolean;
}

/**
 * An access log's queue gets a request column and no destination or detection type (it records
 * neither); a network log's the other way round: a column no row of the page fills is left out.
 */
function shownColumns(page: FlagQueuePage): ShownColumns {
  const has = (test: (s: Session) => boolean) => page.items.some((item) => test(item.session));
  return {
    request: has(isWebRequest),
    destination: has((s) => Boolean(s.dstIp)),
    detection: has((s) => Boolean(s.detectionType)),
  };
}

/** The selection mark, score, start, source, verdict and tags, and the optional columns shown. */
const columnCount = (shown: ShownColumns) => 6 + Object.values(shown).filter(Boolean).length;

export function QueueTable(props: QueueTableProps) {
  const { page, cursor, selected, colours, onPick, collapsed } = props;
  const shown = shownColumns(page);
  const body = useRef<HTMLTableSectionElement>(null);
  // Keep the focused row in view as j/k walk past the edge of the scroll box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `cursor` is the trigger: the row it marks moved.
  useEffect(() => {
    body.current?.querySelector('tr.current')?.scrollIntoView?.({ block: 'nearest' });
  }, [cursor]);
  return (
    <div className="table-wrap tall queue-frame">
      <table data-testid="triage-queue">
        <thead>
          <tr>
            <th aria-label="selected" />
            <th>score</th>
            <th>start (UTC)</th>
            <th>source</th>
            {shown.destination && <th>destination</th>}
            {shown.request && <th>request</th>}
            {shown.detection && <th>detection</th>}
            <th>verdict</th>
            <th>tags / IOC</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {page.items.flatMap((item, index) => [
            groupHeader(props, item, index, columnCount(shown)),
            page.groups.length > 0 && collapsed.has(item.session.srcIp) ? null : (
              <tr
                key={item.session.id}
                className={`queue-row${index === cursor ? ' current' : ''}${selected.has(item.session.id) ? ' picked' : ''}`}
                aria-selected={index === cursor}
                data-testid="triage-row"
                data-session={item.session.id}
                data-verdict={item.verdict?.verdict ?? ''}
                onClick={() => onPick(index)}
              >
                <td>{selected.has(item.session.id) ? '☑' : ''}</td>
                <td className="num" title={item.score === null ? 'flagged by rule hits only' : undefined}>
                  {item.score === null ? 'rule' : item.score.toFixed(3)}
                </td>
                <td>{formatTimestamp(item.session.startTs)}</td>
                <td className={addressClass(item.session.srcIp)}>{breakableAddress(item.session.srcIp)}</td>
                {shown.destination && (
                  <td className={addressClass(item.session.dstIp ?? '')}>
                    {breakableAddress(item.session.dstIp ?? '')}
                    {item.session.dstPort !== null ? `:${item.session.dstPort}` : ''}
                  </td>
                )}
                {shown.request && (
                  <td
                    className="ellipsis queue-request"
                    data-testid="triage-request"
                    title={requestSummary(item.session)}
                  >
                    {requestSummary(item.session)}
                  </td>
                )}
                {shown.detection && <td>{item.session.detectionType ?? ''}</td>}
                <td className={`verdict verdict-${item.verdict?.verdict ?? 'none'}`}>
                  {item.verdict && <VerdictText verdict={item.verdict} />}
                </td>
                <td>
                  <TagChips item={item} colours={colours} />
                </td>
              </tr>
            ),
          ])}
        </tbody>
      </table>
    </div>
  );
}
