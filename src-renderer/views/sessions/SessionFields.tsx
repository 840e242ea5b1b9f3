// Every stored field of one session, in the table's order (the field table, src-shared/fields),
// plus the source's extra columns (attrs), as text.
import type { Session } from '../../../src-shared/domain.js';
import { VIEW_FIELDS } from '../../../src-shared/fields/index.js';
import { fieldText } from './columns.js';

const FIELDS = VIEW_FIELDS.map((field) => ({ id: field.name, label: field.label, text: fieldText(field) }));

export function SessionFields({ session }: { session: Session }) {
  const extra = Object.entries(session.attrs ?? {});
  return (
    <dl className="fields" data-testid="drawer-fields">
      {FIELDS.map((field) => (
        <div key={field.id}>
          <dt>{field.label}</dt>
          <dd data-field={field.id}>{field.text(session)}</dd>
        </div>
      ))}
      {extra.map(([key, value]) => (
        <div key={`attr-${key}`}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
