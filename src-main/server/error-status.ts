// The HTTP status of a failed call: the caller's mistake is a 4xx with the explanation, so the page
// (and anyone reading the server's answers) can tell "fix what you chose" from "Vigil failed".
import { type RefusalKind, RefusedError } from '../../src-shared/refusal.js';
import { CloudWatchError } from '../core/connectors/cloudwatch-logs/errors.js';
import { GrantRefused } from '../core/file-grants.js';
import { StaleEditError } from '../core/triage/case-stale-edit.js';

/**
 * A refusal's status by its kind. A workspace-only term is 422 (Unprocessable Content): the
 * arguments are well formed, but the source cannot answer that filter, asked again or not.
 */
const REFUSAL_STATUS: Record<RefusalKind, number> = { 'workspace-only-term': 422 };

/**
 * A question its caller cancelled (a remote view's, left behind by a new filter or view): nothing
 * failed, so not a 5xx. 499 is nginx's "client closed request", the caller's own doing.
 */
export const CANCELLED_STATUS = 499;

export function errorStatus(error: unknown): number {
  if (error instanceof RefusedError) return REFUSAL_STATUS[error.refusal.kind];
  if (error instanceof CloudWatchError) return error.byCaller ? 400 : 502;
  if (error instanceof GrantRefused) return 403;
  if (error instanceof StaleEditError) return 409;
  if (error instanceof Error && error.name === 'AbortError') return CANCELLED_STATUS;
  return 500;
}
