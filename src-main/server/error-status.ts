// The HTTP status of a failed call: the caller's mistake is a 4xx with the explanation, so the page
// (and anyone reading the server's answers) can tell "fix what you chose" from "Vigil failed".
import { CloudWatchError } from '../core/connectors/cloudwatch-logs/errors.js';
import { GrantRefused } from '../core/file-grants.js';
import { StaleEditError } from '../core/triage/case-stale-edit.js';

export function errorStatus(error: unknown): number {
  if (error instanceof CloudWatchError) return error.byCaller ? 400 : 502;
  if (error instanceof GrantRefused) return 403;
  if (error instanceof StaleEditError) return 409;
  return 500;
}
