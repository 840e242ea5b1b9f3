// What the generator loop needs from a traffic model: the label names, benign traffic for a time
// slice, the attack campaigns planned up front, and the writer of the chosen format. The network
// model (sessions: CloudWatch CSV, VPC flow, WAF) and the web model (requests: access logs) each
// build one; generate.ts interleaves them in time order the same way for both.
import type { Campaign } from './campaign.js';
import type { FormatWriter } from './writers/format-writer.js';

/** A session or request: when it starts and which label (index into the model's labels) it has. */
export interface Labelled {
  start: number;
  kind: number;
}

export interface TrafficModel<T extends Labelled> {
  /** Label names, benign first; `kind` indexes this list. */
  readonly labels: readonly string[];
  /**
   * Benign items starting in [from, to). `count` of them are generated now; a model whose items
   * come in visits may hold back the ones that start after `to` and hand them out with a later
   * slice, so only the total over the whole range is exact.
   */
  fillBenign(from: number, to: number, count: number, out: T[]): void;
  readonly campaigns: readonly Campaign<T>[];
  readonly writer: FormatWriter<T>;
}

export interface ModelOptions {
  rows: number;
  attackRows: number;
  seed: number;
  /** Epoch ms: the generated range is [start, end). */
  start: number;
  end: number;
}
