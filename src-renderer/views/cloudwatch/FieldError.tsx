/** A field's problem, right under it; the input points at it with aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <small id={id} className="field-error" data-testid={id}>
      {message}
    </small>
  );
}

/** The attributes that tie an input to its problem (and to its help text, if it has one). */
export function invalidProps(id: string, message: string | undefined, help?: string) {
  const describedBy = [help, message ? id : undefined].filter(Boolean).join(' ');
  return {
    'aria-invalid': message ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
}
