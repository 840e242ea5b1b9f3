// The HTTP status of a failed call says whose doing it was: a question the page cancelled itself
// is 499 (nothing failed), the server's own failure stays 500.
import { describe, expect, it } from 'vitest';
import { SourceTickets } from '../../../src-main/core/services/source-tickets.js';
import { CANCELLED_STATUS, errorStatus } from '../../../src-main/server/error-status.js';

describe('errorStatus', () => {
  it('answers 499 for a source question cancelled by its ticket', async () => {
    const tickets = new SourceTickets();
    const asked = tickets.run(
      't1',
      (signal) =>
        new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(new Error('socket hang up'))),
        ),
    );
    await tickets.cancel('t1');
    const thrown = await asked.catch((error: unknown) => error);
    expect(CANCELLED_STATUS).toBe(499);
    expect(errorStatus(thrown)).toBe(499);
  });

  it('keeps 500 for a failure nobody asked for', () => {
    expect(errorStatus(new Error('disk I/O error'))).toBe(500);
    expect(errorStatus('not even an Error')).toBe(500);
  });
});
