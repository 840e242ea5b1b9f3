import type { LogGroupInfo } from '../../../src-shared/cloudwatch.js';
import { formatBytes, formatTimestamp } from '../../format.js';

interface LogGroupPickerProps {
  groups: LogGroupInfo[];
  selected: string;
  onSelect: (name: string) => void;
}

function retention(days: number | null): string {
  return days === null ? 'never expires' : `${days} day${days === 1 ? '' : 's'}`;
}

function pulled(group: LogGroupInfo): string {
  const last =
    group.lastPulledEventTs === null ? 'never' : `up to ${formatTimestamp(group.lastPulledEventTs)}`;
  return group.resumable ? `${last} · interrupted, resumes` : last;
}

/** The listed log groups, one radio each (arrow keys move between them). Names are shown as text. */
export function LogGroupPicker({ groups, selected, onSelect }: LogGroupPickerProps) {
  if (groups.length === 0) return <p className="empty">No log groups here (with that prefix).</p>;
  return (
    <div className="table-wrap picker">
      <table data-testid="cw-groups">
        <caption className="visually-hidden">Log groups</caption>
        <thead>
          <tr>
            <th scope="col">Log group</th>
            <th scope="col" className="num">
              Stored
            </th>
            <th scope="col">Retention</th>
            <th scope="col">Pulled by Vigil (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.name} aria-selected={group.name === selected} data-testid="cw-group">
              <td>
                <label className="radio-cell">
                  <input
                    type="radio"
                    name="log-group-choice"
                    value={group.name}
                    checked={group.name === selected}
                    onChange={() => onSelect(group.name)}
                  />
                  <span className="group-name">{group.name}</span>
                </label>
              </td>
              <td className="num">{group.storedBytes === null ? '–' : formatBytes(group.storedBytes)}</td>
              <td>{retention(group.retentionInDays)}</td>
              <td>{pulled(group)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
