// The zod schema of the session's fields, from the field table: each field's type, nullable or not.
import { z } from 'zod';
import type { FieldDef, FieldType, FieldValue } from './field-def.js';
import { SESSION_FIELDS, type SessionField } from './session-fields.js';

const SCHEMAS: Record<FieldType, () => z.ZodType<number | string>> = {
  integer: () => z.number().int(),
  number: () => z.number(),
  text: () => z.string(),
  time: () => z.number(),
};

export type FieldShape<F extends FieldDef> = { [R in F as R['name']]: z.ZodType<FieldValue<R>> };

export function fieldShape<F extends FieldDef>(fields: readonly F[]): FieldShape<F> {
  return Object.fromEntries(
    fields.map((field) => {
      const schema = SCHEMAS[field.type]();
      return [field.name, field.nullable ? schema.nullable() : schema];
    }),
  ) as FieldShape<F>;
}

/** Every field of a stored session, in table order (domain.ts adds the attrs). */
export const sessionFieldShape = (): FieldShape<SessionField> => fieldShape(SESSION_FIELDS);
