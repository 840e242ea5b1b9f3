// The page's event stream (serve mode): questions wait for it to open, but never for long or after
// it failed, and a reconnect tells every subscriber that anything may have changed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventStream } from '../../../src-renderer/api/http-events.js';
import type { VigilEvent } from '../../../src-shared/api.js';

/** Stands in for the browser's EventSource: the test opens, fails and sends by hand. */
class FakeEventSource {
  static made: FakeEventSource[] = [];
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }
}

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await Promise.resolve();
  await Promise.resolve();
  return done;
};

beforeEach(() => {
  FakeEventSource.made = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the event stream', () => {
  it('opens once, with the first question or subscriber, and questions wait until it is open', async () => {
    const stream = createEventStream('/api/events');
    expect(FakeEventSource.made).toHaveLength(0);
    const first = stream.opened();
    stream.onEvent(() => {});
    expect(stream.opened()).toBe(first);
    expect(FakeEventSource.made).toHaveLength(1);
    expect(await settled(first)).toBe(false);
    FakeEventSource.made[0]!.onopen?.();
    expect(await settled(first)).toBe(true);
  });

  it('lets questions go after 3 s without an answer, or at once when the stream fails', async () => {
    const slow = createEventStream();
    const waiting = slow.opened();
    vi.advanceTimersByTime(2_999);
    expect(await settled(waiting)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await settled(waiting)).toBe(true);

    const failing = createEventStream();
    const failed = failing.opened();
    FakeEventSource.made[1]!.onerror?.();
    expect(await settled(failed)).toBe(true);
  });

  it('hands each event of the contract to every subscriber, and says data changed after a reconnect', () => {
    const stream = createEventStream();
    const seen: VigilEvent[] = [];
    const stop = stream.onEvent((event) => seen.push(event));
    const source = FakeEventSource.made[0]!;
    source.onopen?.();
    source.onmessage?.({ data: JSON.stringify({ type: 'data-changed', reason: 'verdicts' }) });
    source.onmessage?.({ data: 'not json' });
    source.onmessage?.({ data: JSON.stringify({ type: 'no-such-event' }) });
    source.onerror?.();
    source.onopen?.();
    expect(seen).toEqual([
      { type: 'data-changed', reason: 'verdicts' },
      { type: 'data-changed', reason: 'reconnected' },
    ]);
    stop();
    source.onmessage?.({ data: JSON.stringify({ type: 'data-changed', reason: 'import' }) });
    expect(seen).toHaveLength(2);
  });
});
