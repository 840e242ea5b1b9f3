// Sessions turned into raw (unscaled) features, straight from SQLite rows into typed arrays.
// Categorical columns stay as dictionary codes here; the fitted schema one-hot encodes them.
// Request features are computed only once a request is seen, and rule-hit features once a hit is:
// a flow log's pass allocates and computes none of them.
import { FEATURE_ROW as C, type FeatureRow, ruleLevelsOf } from '../db/feature-rows.js';
import { NUMERIC_COUNT, WINDOW_OFFSET, writeSessionFeatures } from './columns.js';
import {
  hasRequest,
  isLoginAttempt,
  REQUEST_COUNT,
  REQUEST_WINDOW_OFFSET,
  RequestFeatureWriter,
  type RequestValues,
} from './request-columns.js';
import { RequestWindows } from './request-window.js';
import { RULE_HIT_COUNT, RuleHitWindows, writeRuleHitFeatures } from './rule-hit-columns.js';
import { SourceWindows } from './source-window.js';

/** 255 in `label`: the session has no label. */
export const UNLABELLED = 255;

export interface RawData {
  rows: number;
  /** rows × NUMERIC_COUNT, row-major. */
  numeric: Float32Array;
  /** rows × REQUEST_COUNT, row-major; null when no row of the data has an HTTP request. */
  request: Float32Array | null;
  /** rows × RULE_HIT_COUNT, row-major; null when no row has a rule hit, or hits were not read. */
  ruleHits: Float32Array | null;
  country: Int32Array;
  protocol: Int32Array;
  /** Dense source-IP key (0 … sources−1), stable over one pass. */
  sourceKey: Int32Array;
  sessionId: Float64Array;
  startTs: Float64Array;
  /** 0 benign, 1 malicious, UNLABELLED. */
  label: Uint8Array;
  /** Code → value of `country` and `protocol` ('' for a missing value). */
  countries: string[];
  protocols: string[];
  sources: number;
}

export type Labeler = (label: FeatureRow[(typeof C)['label']], detectionType: string | null) => number;

/** Interns strings as dense codes. */
class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }
}

/**
 * Turns a time-ordered stream of sessions into raw features, `batchRows` at a time. The window
 * and dictionaries carry over batches, so batch boundaries do not change any value.
 */
export function* rawBatches(
  rows: Iterable<FeatureRow>,
  options: { windowMs: number; batchRows: number; labeler?: Labeler },
): Generator<RawData> {
  const windows = new SourceWindows(options.windowMs);
  const requestWindows = new RequestWindows(options.windowMs);
  const requestWriter = new RequestFeatureWriter();
  const ruleWindows = new RuleHitWindows(options.windowMs);
  const countries = new Dictionary();
  const protocols = new Dictionary();
  const sources = new Dictionary();
  let batch = allocate(options.batchRows);
  let n = 0;
  const finish = (): RawData => ({
    ...trim(batch, n),
    countries: countries.values,
    protocols: protocols.values,
    sources: sources.values.length,
  });
  for (const row of rows) {
    const at = n * NUMERIC_COUNT;
    const startTs = row[C.startTs];
    writeSessionFeatures(
      {
        startTs,
        endTs: row[C.endTs],
        dstPort: row[C.dstPort],
        bytesIn: row[C.bytesIn],
        bytesOut: row[C.bytesOut],
        packets: row[C.packets],
        responseCode: row[C.responseCode],
      },
      batch.numeric,
      at,
    );
    const w = windows.push(
      row[C.srcIp],
      startTs,
      row[C.dstIp],
      row[C.dstPort],
      Math.max(0, row[C.bytesOut] ?? 0),
    );
    const o = at + WINDOW_OFFSET;
    batch.numeric[o] = Math.log1p(w.sessions);
    batch.numeric[o + 1] = Math.log1p(w.dstIps);
    batch.numeric[o + 2] = Math.log1p(w.dstPorts);
    batch.numeric[o + 3] = Math.log1p(w.bytesOut);
    batch.numeric[o + 4] = w.gapCv;
    const request: RequestValues = {
      method: row[C.method],
      path: row[C.path],
      query: row[C.query],
      userAgent: row[C.userAgent],
      responseCode: row[C.responseCode],
    };
    if (hasRequest(request)) {
      batch.request ??= new Float32Array(options.batchRows * REQUEST_COUNT);
      const q = n * REQUEST_COUNT;
      requestWriter.write(request, batch.request, q);
      const code = request.responseCode ?? 0;
      const rw = requestWindows.push(
        row[C.srcIp],
        startTs,
        request.path ?? '',
        code >= 400 && code < 500,
        isLoginAttempt(request.method, request.path),
      );
      batch.request[q + REQUEST_WINDOW_OFFSET] = rw.clientErrorShare;
      batch.request[q + REQUEST_WINDOW_OFFSET + 1] = Math.log1p(rw.distinctPaths);
      batch.request[q + REQUEST_WINDOW_OFFSET + 2] = Math.log1p(rw.loginAttempts);
    }
    const levels = ruleLevelsOf(row);
    const ruleWindow = ruleWindows.push(row[C.srcIp], startTs, levels !== null);
    // A session without a hit still carries its source's recent hits (any batch, so batch
    // boundaries change no value).
    if (levels !== null || ruleWindow > 0) {
      batch.ruleHits ??= new Float32Array(options.batchRows * RULE_HIT_COUNT);
      writeRuleHitFeatures(levels, ruleWindow, batch.ruleHits, n * RULE_HIT_COUNT);
    }
    batch.country[n] = countries.code(row[C.country] ?? '');
    batch.protocol[n] = protocols.code((row[C.protocol] ?? '').toUpperCase());
    batch.sourceKey[n] = sources.code(row[C.srcIp]);
    batch.sessionId[n] = row[C.id];
    batch.startTs[n] = startTs;
    batch.label[n] = options.labeler ? options.labeler(row[C.label], row[C.detectionType]) : UNLABELLED;
    if (++n === options.batchRows) {
      yield finish();
      batch = allocate(options.batchRows);
      n = 0;
    }
  }
  if (n > 0) yield finish();
}

type Arrays = Pick<
  RawData,
  | 'numeric'
  | 'request'
  | 'ruleHits'
  | 'country'
  | 'protocol'
  | 'sourceKey'
  | 'sessionId'
  | 'startTs'
  | 'label'
>;

function allocate(rows: number): Arrays {
  return {
    numeric: new Float32Array(rows * NUMERIC_COUNT),
    // Allocated by the first request of the batch (zeros for the rows before it).
    request: null,
    // Allocated by the first rule hit of the batch, like `request`.
    ruleHits: null,
    country: new Int32Array(rows),
    protocol: new Int32Array(rows),
    sourceKey: new Int32Array(rows),
    sessionId: new Float64Array(rows),
    startTs: new Float64Array(rows),
    label: new Uint8Array(rows),
  };
}

function trim(a: Arrays, rows: number): Arrays & { rows: number } {
  if (rows === a.label.length) return { ...a, rows };
  return {
    rows,
    numeric: a.numeric.subarray(0, rows * NUMERIC_COUNT),
    request: a.request?.subarray(0, rows * REQUEST_COUNT) ?? null,
    ruleHits: a.ruleHits?.subarray(0, rows * RULE_HIT_COUNT) ?? null,
    country: a.country.subarray(0, rows),
    protocol: a.protocol.subarray(0, rows),
    sourceKey: a.sourceKey.subarray(0, rows),
    sessionId: a.sessionId.subarray(0, rows),
    startTs: a.startTs.subarray(0, rows),
    label: a.label.subarray(0, rows),
  };
}

/** Joins batches of one pass into one data set (training needs every row at once). */
export function concatBatches(batches: RawData[]): RawData {
  const last = batches[batches.length - 1];
  const rows = batches.reduce((sum, b) => sum + b.rows, 0);
  const all = allocate(rows);
  if (batches.some((b) => b.request !== null)) all.request = new Float32Array(rows * REQUEST_COUNT);
  if (batches.some((b) => b.ruleHits !== null)) all.ruleHits = new Float32Array(rows * RULE_HIT_COUNT);
  let at = 0;
  for (const b of batches) {
    all.numeric.set(b.numeric, at * NUMERIC_COUNT);
    if (b.request) all.request?.set(b.request, at * REQUEST_COUNT);
    if (b.ruleHits) all.ruleHits?.set(b.ruleHits, at * RULE_HIT_COUNT);
    all.country.set(b.country, at);
    all.protocol.set(b.protocol, at);
    all.sourceKey.set(b.sourceKey, at);
    all.sessionId.set(b.sessionId, at);
    all.startTs.set(b.startTs, at);
    all.label.set(b.label, at);
    at += b.rows;
  }
  return {
    ...all,
    rows,
    countries: last?.countries ?? [],
    protocols: last?.protocols ?? [],
    sources: last?.sources ?? 0,
  };
}
