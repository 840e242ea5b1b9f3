// The dialog remembers where the analyst last connected (profile and region: names, never
// credentials) so the next pull starts from there.
import type { ConnectionForm } from './pull-form.js';

const KEY = 'vigil.cloudwatch.connection';
const EMPTY: ConnectionForm = { profile: '', region: '' };

export function loadConnection(): ConnectionForm {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<
      Record<keyof ConnectionForm, unknown>
    >;
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    return { profile: text(saved.profile), region: text(saved.region) };
  } catch {
    // Storage refused or holds something else: start empty.
    return EMPTY;
  }
}

export function saveConnection({ profile, region }: ConnectionForm): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ profile, region }));
  } catch {
    // Private mode or a full quota: remembering is a convenience only.
  }
}
