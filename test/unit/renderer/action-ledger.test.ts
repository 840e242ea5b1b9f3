// Triage actions go out one after another, are counted while in flight, and a queue read is only
// trusted if it saw every action sent.
import { describe, expect, it } from 'vitest';
import { ActionLedger } from '../../../src-renderer/views/triage/action-ledger.js';
import { deferred } from '../../helpers/deferred.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the action ledger', () => {
  it('sends each action after the one before has been answered, even a refused one', async () => {
    const ledger = new ActionLedger();
    const order: string[] = [];
    const first = deferred<string>();
    const a = ledger.send(() => {
      order.push('a sent');
      return first.promise;
    });
    const b = ledger.send(async () => {
      order.push('b sent');
      return 'b';
    });
    await tick();
    expect([order, ledger.pending()]).toEqual([['a sent'], 2]);
    first.reject(new Error('refused'));
    await expect(a).rejects.toThrow('refused');
    expect(await b).toBe('b');
    expect([order, ledger.pending()]).toEqual([['a sent', 'b sent'], 0]);
  });

  it('tells its subscribers when the count of actions in flight moves', async () => {
    const ledger = new ActionLedger();
    const seen: number[] = [];
    const stop = ledger.subscribe(() => seen.push(ledger.pending()));
    await ledger.send(async () => 1);
    stop();
    await ledger.send(async () => 2);
    expect(seen).toEqual([1, 0]);
  });

  it('trusts a read that saw no action, and reads again after one sent or in flight meanwhile', async () => {
    const ledger = new ActionLedger();
    let reads = 0;
    const read = async () => ++reads;
    expect(await ledger.readAfterActions(read)).toBe(1);

    // Sent while the read ran: read again at once (the action was already answered).
    const slow = deferred<number>();
    let asked = 0;
    const answer = ledger.readAfterActions(() => (asked++ === 0 ? slow.promise : read()));
    await ledger.send(async () => 'verdict');
    slow.resolve(-1);
    expect([await answer, asked]).toEqual([2, 2]);

    // Begun while an action was in flight: its answer waits, then the rows are read again.
    const action = deferred<string>();
    void ledger.send(() => action.promise);
    const during = ledger.readAfterActions(read);
    await tick();
    expect(reads).toBe(3);
    action.resolve('done');
    expect(await during).toBe(4);
  });

  it('stops reading again once the read was abandoned', async () => {
    const ledger = new ActionLedger();
    const controller = new AbortController();
    const action = deferred<string>();
    void ledger.send(() => action.promise);
    let reads = 0;
    const answer = ledger.readAfterActions(async () => ++reads, controller.signal);
    await tick();
    controller.abort();
    action.resolve('done');
    await answer;
    expect(reads).toBe(1);
  });
});
