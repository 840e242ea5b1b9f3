import { useEffect, useRef } from 'react';
import type { FlagQueuePage, QueueItem } from '../../../src-shared/triage.js';
import { formatCount, formatTimestamp } from '../../format.js';
import { TagChips } from './TagChips.js';

interface QueueTableProps {
  page: FlagQueuePage;
  cursor: number;
  selected: ReadonlySet<number>;
  colours: ReadonlyMap<string, string>;
  onPick(index: number): void;
}

function groupHeader(page: FlagQueuePage, item: QueueItem, index: number) {
  if (!page.groups.length || page.items[index - 1]?.session.srcIp === item.session.srcIp) return null;
  const group = page.groups.find((g) => g.srcIp === item.session.srcIp);
  return (
    <tr className="queue-group" key={`g-${item.session.srcIp}`}>
      <td colSpan={8}>
        {item.session.srcIp} · {formatCount(group?.sessions)} flagged · top score {group?.maxScore.toFixed(3)}
      </td>
    </tr>
  );
}

export function QueueTable({ page, cursor, selected, colours, onPick }: QueueTableProps) {
  const body = useRef<HTMLTableSectionElement>(null);
  // Keep the focused row in view as j/k walk past the edge of the scroll box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `cursor` is the trigger: the row it marks moved.
  useEffect(() => {
    body.current?.querySelector('tr.current')?.scrollIntoView?.({ block: 'nearest' });
  }, [cursor]);
  return (
    <div className="table-wrap tall">
      <table data-testid="triage-queue">
        <thead>
          <tr>
            <th aria-label="selected" />
            <th>score</th>
            <th>start (UTC)</th>
            <th>source</th>
            <th>destination</th>
            <th>detection</th>
            <th>verdict</th>
            <th>tags / IOC</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {page.items.flatMap((item, index) => [
            groupHeader(page, item, index),
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
              <td className="num">{item.score.toFixed(3)}</td>
              <td>{formatTimestamp(item.session.startTs)}</td>
              <td>{item.session.srcIp}</td>
              <td>
                {item.session.dstIp ?? ''}
                {item.session.dstPort !== null ? `:${item.session.dstPort}` : ''}
              </td>
              <td>{item.session.detectionType ?? ''}</td>
              <td className={`verdict verdict-${item.verdict?.verdict ?? 'none'}`}>
                {item.verdict ? `${item.verdict.verdict} · ${item.verdict.analyst}` : ''}
                {item.verdict?.note ? ' ✎' : ''}
              </td>
              <td>
                <TagChips item={item} colours={colours} />
              </td>
            </tr>,
          ])}
        </tbody>
      </table>
    </div>
  );
}
