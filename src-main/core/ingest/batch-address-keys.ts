// The address sort keys (db/address-sort-key.ts) of the batch being written, by string code: a batch
// codes each distinct string once (batch-codec.ts), so each code's key is found once per batch,
// through a memo by text that outlives the batch, and every other row of the batch reads an array.
// Source and destination share the batch's dictionary, so one array serves both columns.
import { memoAddressSortKey, NO_ADDRESS_KEY } from '../db/address-sort-key.js';

export class BatchAddressKeys {
  /** The key of a row without the address. */
  readonly none = NO_ADDRESS_KEY;
  private byCode: (Buffer | undefined)[] = [];
  private dict: readonly string[] = [];
  private readonly keyOf = memoAddressSortKey();

  /** Starts a batch: none of its codes has a key yet. */
  start(dict: readonly string[]): void {
    this.dict = dict;
    if (this.byCode.length < dict.length) this.byCode = new Array(dict.length * 2);
    this.byCode.fill(undefined, 0, dict.length);
  }

  /** The key of string code `code` of this batch. */
  of(code: number): Buffer {
    let key = this.byCode[code];
    if (key === undefined) {
      key = this.keyOf(this.dict[code]);
      this.byCode[code] = key;
    }
    return key;
  }
}
