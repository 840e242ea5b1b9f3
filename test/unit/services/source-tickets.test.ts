// Tickets of source questions: a cancel stops the question running under it, and a cancel that
// overtakes its question (the page gave it up as it was sent) stops it before it reaches the engine.
import { describe, expect, it } from 'vitest';
import { SourceTickets } from '../../../src-main/core/services/source-tickets.js';

const never = (signal?: AbortSignal) =>
  new Promise<string>((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));

describe('SourceTickets', () => {
  it('aborts the question running under a ticket, as a cancellation', async () => {
    const tickets = new SourceTickets();
    const asked = tickets.run('ticket-aaa', never);
    expect(tickets.cancel('ticket-aaa')).toBe(true);
    await expect(asked).rejects.toMatchObject({ name: 'AbortError', message: 'Cancelled' });
    expect(tickets.cancel('ticket-aaa')).toBe(false);
  });

  it('never starts a question whose cancel arrived first', async () => {
    const tickets = new SourceTickets();
    expect(tickets.cancel('ticket-bbb')).toBe(false);
    let started = false;
    const asked = tickets.run('ticket-bbb', async () => {
      started = true;
      return 'answered';
    });
    await expect(asked).rejects.toMatchObject({ name: 'AbortError' });
    expect(started).toBe(false);
    // Only once: the same ticket asked again runs.
    await expect(tickets.run('ticket-bbb', async () => 'answered')).resolves.toBe('answered');
  });

  it('runs a question without a ticket as it is', async () => {
    await expect(new SourceTickets().run(undefined, async () => 42)).resolves.toBe(42);
  });
});
