import { CASE_STATUSES } from '../../../src-shared/cases.js';

/** The `<option>`s of a case status select, in the case's order (open → in progress → closed). */
export function StatusOptions() {
  return CASE_STATUSES.map((s) => (
    <option key={s} value={s}>
      {s.replace('_', ' ')}
    </option>
  ));
}
