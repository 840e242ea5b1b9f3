import { type CallContext, explainAwsError } from './errors.js';
import { type RetryOptions, withRetry } from './retry.js';

/** Everything one AWS call needs besides its input: what it is (for messages), retries, cancel. */
export interface CallOptions {
  retry?: RetryOptions;
  signal?: AbortSignal;
}

/** One AWS call with retries, its failure explained for the analyst. */
export async function callAws<T>(
  ctx: CallContext,
  call: (signal?: AbortSignal) => Promise<T>,
  options: CallOptions,
): Promise<T> {
  try {
    return await withRetry(() => call(options.signal), options.retry, options.signal);
  } catch (error) {
    throw explainAwsError(error, ctx);
  }
}
