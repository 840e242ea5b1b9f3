// Every stored field of one session, in the table's order (the field table, src-shared/fields),
// plus the source's extra columns (attrs), as text; a field that is a filter term offers its
// pivots beside its value.
import type { Session } from '../../../src-shared/domain.js';
import { VIEW_FIELDS } from '../../../src-shared/fields/index.js';
import { fieldTerm } from './cell-pivots.js';
import { fieldText } from './columns.js';
import { FieldPivots } from './FieldPivots.js';

const FIELDS = VIEW_FIELDS.map((field) => ({ id: field.name, label: field.label, text: fieldText(field) }));

export function SessionFields({ session }: { session: Session }) {
  const extra = Object.entries(session.attrs ?? {});
  return (
    <dl className="fields" data-testid="drawer-fields">
      {FIELDS.map((field) => (
        <div key={field.id}>
          <dt>{field.label}</dt>
          <dd data-field={field.id}>
            <span className="field-value long-value">{field.text(session)}</span>
            <FieldPivots term={fieldTerm(field.id, session)} label={field.label.toLowerCase()} />
          </dd>
        </div>
      ))}
      {extra.map(([key, value]) => (
        <div key={`attr-${key}`}>
          <dt>{key}</dt>
          <dd>
            <span className="field-value long-value">{value}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
