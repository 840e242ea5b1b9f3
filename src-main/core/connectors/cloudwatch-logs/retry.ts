// Retries AWS calls that failed for a passing reason (throttling, server errors, dropped
// connections) with exponential backoff and full jitter, so many clients backing off at once
// spread out instead of retrying in step.

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryOptions {
  /** Attempts in all, the first included (default 6). */
  maxAttempts?: number;
  /** The backoff ceiling before the first retry; it doubles on each retry (default 250 ms). */
  baseDelayMs?: number;
  /** The largest ceiling (default 20 s). */
  maxDelayMs?: number;
  /** How to wait; tests pass one that records delays without waiting. */
  sleep?: Sleep;
  /** Uniform in [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalServerError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

// Connections dropped or timed out on the way; a refused connection or unknown host is not passing.
const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN']);

export function isRetryable(error: unknown): boolean {
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  if (!e || e.name === 'AbortError') return false;
  if (e.name && RETRYABLE_NAMES.has(e.name)) return true;
  if (e.code && RETRYABLE_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  return /socket hang up/i.test(e.message ?? '');
}

export function abortError(): Error {
  return Object.assign(new Error('cancelled'), { name: 'AbortError' });
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Full jitter: a uniform wait between 0 and min(max, base × 2^(retry − 1)). */
export function backoffDelay(retry: number, options: RetryOptions): number {
  const base = options.baseDelayMs ?? 250;
  const ceiling = Math.min(options.maxDelayMs ?? 20_000, base * 2 ** (retry - 1));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

/** Runs `call`, retrying passing failures; the last error carries `attempts` for the message. */
export async function withRetry<T>(
  call: () => Promise<T>,
  options: RetryOptions = {},
  signal?: AbortSignal,
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 6);
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortError();
    try {
      return await call();
    } catch (error) {
      if (signal?.aborted) throw abortError();
      if (!isRetryable(error)) throw error;
      if (attempt >= maxAttempts) {
        if (error && typeof error === 'object') Object.assign(error, { attempts: attempt });
        throw error;
      }
      const delayMs = backoffDelay(attempt, options);
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}
