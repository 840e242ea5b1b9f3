import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { notifyWhenLongJobsEnd } from '../../../src-main/electron/job-notifier.js';
import type { VigilEvent } from '../../../src-shared/api.js';
import { jobEvent as job } from './job-events.js';

function setup(focused: boolean) {
  const events = new EventEmitter<{ event: [VigilEvent] }>();
  const shown: Array<{ title: string; body: string }> = [];
  let clock = 0;
  const stop = notifyWhenLongJobsEnd(events, {
    isFocused: () => focused,
    notify: (title, body) => shown.push({ title, body }),
    now: () => clock,
    longJobMs: 10_000,
  });
  return { events, shown, stop, advance: (ms: number) => (clock += ms) };
}

describe('notifications when long jobs end', () => {
  it('notifies when a long job ends while the window is not focused', () => {
    const { events, shown, advance } = setup(false);
    events.emit('event', job('a', 'running'));
    advance(12_000);
    events.emit('event', job('a', 'done'));
    events.emit('event', job('b', 'running'));
    advance(15_000);
    events.emit(
      'event',
      job('b', 'failed', { kind: 'pull', error: 'throttled', file: null, message: 'pull' }),
    );
    expect(shown).toEqual([
      { title: 'Import finished', body: '/logs/big.csv: 282 sessions stored' },
      { title: 'CloudWatch pull failed', body: 'pull: throttled' },
    ]);
  });

  it('stays quiet for short jobs, focused windows, cancellations and other events', () => {
    const unfocused = setup(false);
    unfocused.events.emit('event', job('short', 'running'));
    unfocused.advance(2_000);
    unfocused.events.emit('event', job('short', 'done'));
    unfocused.events.emit('event', job('c', 'running'));
    unfocused.advance(60_000);
    unfocused.events.emit('event', job('c', 'cancelled'));
    unfocused.events.emit('event', { type: 'data-changed', reason: 'import' });
    expect(unfocused.shown).toEqual([]);

    const focused = setup(true);
    focused.events.emit('event', job('d', 'running'));
    focused.advance(60_000);
    focused.events.emit('event', job('d', 'done'));
    expect(focused.shown).toEqual([]);
  });

  it('stops listening when asked', () => {
    const { events, shown, advance, stop } = setup(false);
    events.emit('event', job('a', 'running'));
    advance(20_000);
    stop();
    events.emit('event', job('a', 'done'));
    expect(shown).toEqual([]);
    expect(events.listenerCount('event')).toBe(0);
  });
});
