import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isRetryable,
  withRetry,
} from '../../../src-main/core/connectors/cloudwatch-logs/retry.js';

const awsError = (name: string, status?: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('backoff with full jitter', () => {
  it('waits uniformly below a ceiling that doubles per retry and stops doubling at the cap', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((r) => backoffDelay(r, { ...options, random: () => 0.999999 }))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(6, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelay(2, { ...options, random: () => 0.5 })).toBe(100);
  });
});

describe('which failures are retried', () => {
  it('throttling, limits, 5xx, 429 and dropped connections: yes', () => {
    for (const name of ['ThrottlingException', 'LimitExceededException', 'ServiceUnavailableException'])
      expect(isRetryable(awsError(name, 400))).toBe(true);
    expect(isRetryable(awsError('InternalError', 500))).toBe(true);
    expect(isRetryable(awsError('Whatever', 429))).toBe(true);
    expect(isRetryable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable(new Error('socket hang up'))).toBe(true);
  });

  it('permission, credential, not-found, refused connection and cancel: no', () => {
    for (const name of ['AccessDeniedException', 'UnrecognizedClientException', 'ResourceNotFoundException'])
      expect(isRetryable(awsError(name, 400))).toBe(false);
    expect(isRetryable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isRetryable(Object.assign(new Error('x'), { name: 'AbortError' }))).toBe(false);
  });
});

describe('withRetry', () => {
  it('retries a passing failure until it succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw awsError('ThrottlingException', 400);
        return 'ok';
      },
      { sleep: async (ms) => void waits.push(ms), random: () => 0.5, baseDelayMs: 10 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(waits).toEqual([5, 10]);
  });

  it('gives up after maxAttempts and says how many it made', async () => {
    let calls = 0;
    const failure = withRetry(
      async () => {
        calls++;
        throw awsError('ThrottlingException', 400);
      },
      { maxAttempts: 3, sleep: async () => {} },
    );
    await expect(failure).rejects.toMatchObject({ name: 'ThrottlingException', attempts: 3 });
    expect(calls).toBe(3);
  });

  it('does not retry other failures, and stops when cancelled', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw awsError('AccessDeniedException', 400);
      }),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(calls).toBe(1);
    const abort = new AbortController();
    const cancelled = withRetry(
      async () => {
        throw awsError('ThrottlingException', 400);
      },
      { sleep: async () => abort.abort() },
      abort.signal,
    );
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
  });
});
