// Every stored field of one session, plus the source's extra columns (attrs), as text.
import type { Session } from '../../../src-shared/domain.js';
import { COLUMNS } from './columns.js';

export function SessionFields({ session }: { session: Session }) {
  const extra = Object.entries(session.attrs ?? {});
  return (
    <dl className="fields" data-testid="drawer-fields">
      {COLUMNS.map((column) => (
        <div key={column.id}>
          <dt>{column.label}</dt>
          <dd data-field={column.id}>{column.text(session)}</dd>
        </div>
      ))}
      <div>
        <dt>Bytes ratio</dt>
        <dd>{session.bytesRatio === null ? '–' : session.bytesRatio.toFixed(3)}</dd>
      </div>
      <div>
        <dt>Hour of day</dt>
        <dd>{session.hourOfDay ?? '–'}</dd>
      </div>
      {extra.map(([key, value]) => (
        <div key={`attr-${key}`}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
