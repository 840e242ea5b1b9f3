// An audited value in words, as the drawer's history and `vigil verdict --history` say it: a
// verdict state is { verdict, note, … }, a tag change a name or a list. Text only (the renderer
// shows it as text, the CLI prints it terminal-safe).
export function auditValueInWords(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'object' && 'verdict' in value) {
    const { verdict, note } = value as { verdict: string; note?: string | null };
    return note ? `${verdict} (“${note}”)` : verdict;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
