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
    expect(await tickets.cancel('ticket-aaa')).toBe(true);
    await expect(asked).rejects.toMatchObject({ name: 'AbortError', message: 'Cancelled' });
    expect(await tickets.cancel('ticket-aaa')).toBe(false);
  });

  it('answers a cancel only once the question has ended (its queries stopped on the engine)', async () => {
    const tickets = new SourceTickets();
    let stopped = false;
    // A question whose connection takes a while to stop its query after the abort (KILL … SYNC).
    const slowToStop = (signal?: AbortSignal) =>
      new Promise<string>((_, reject) =>
        signal?.addEventListener('abort', () =>
          setTimeout(() => {
            stopped = true;
            reject(new Error('aborted'));
          }, 50),
        ),
      );
    const asked = tickets.run('ticket-ccc', slowToStop).catch((error: Error) => error.name);
    expect(await tickets.cancel('ticket-ccc')).toBe(true);
    expect(stopped).toBe(true);
    expect(await asked).toBe('AbortError');
  });

  it('never starts a question whose cancel arrived first', async () => {
    const tickets = new SourceTickets();
    expect(await tickets.cancel('ticket-bbb')).toBe(false);
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
