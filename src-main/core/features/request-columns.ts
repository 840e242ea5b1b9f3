// The features of an HTTP request, for data that has requests (access logs, ALB, CloudFront,
// Zeek http, WAF): the shape of the path and query (attacks are long, deep, full of quotes,
// brackets and percent-encodings; a random query has high entropy), who claims to ask (the
// user-agent class) and how the server answered (the status class). The per-source window part
// (request-window.ts) follows. Flow logs never get these columns: the schema adds them only when
// the data has requests (schema.ts), so a flow model keeps its columns exactly.
import { type UserAgentClass, userAgentClass } from '../../../src-shared/user-agent-class.js';
import { LETTERS_AND_DIGITS, plainSet, shannonEntropy, textShape } from './text-shape.js';

/** Per-request features, then the per-source window's request features, in matrix order. */
export const REQUEST_FEATURES = [
  'path_depth',
  'log_path_length',
  'path_special_share',
  'path_percent_share',
  'log_query_length',
  'query_special_share',
  'query_percent_share',
  'query_entropy',
  'ua_browser',
  'ua_bot',
  'ua_tool',
  'ua_empty',
  'status_2xx',
  'status_3xx',
  'status_4xx',
  'status_5xx',
  'src_window_4xx_share',
  'src_window_distinct_paths',
  'src_window_login_attempts',
] as const;

export const REQUEST_COUNT = REQUEST_FEATURES.length;
/** Index of the first per-source window feature among the request features. */
export const REQUEST_WINDOW_OFFSET = REQUEST_FEATURES.indexOf('src_window_4xx_share');

export interface RequestValues {
  method: string | null;
  path: string | null;
  query: string | null;
  userAgent: string | null;
  responseCode: number | null;
}

/** True for a session that carries an HTTP request (a flow or an alert does not). */
export function hasRequest(r: RequestValues): boolean {
  return r.path !== null || r.method !== null || r.userAgent !== null;
}

// In a path, what a plain URL path is made of; anything else (quotes, brackets, `;`, `|`, `$`,
// spaces, backslashes, non-ASCII) is special; a `%hh` escape counts as a percent-encoding instead.
const PATH_PLAIN = plainSet(`${LETTERS_AND_DIGITS}/._~-`);
// In a query, also its own structure: `=` and `&` between parameters, `+` for a space.
const QUERY_PLAIN = plainSet(`${LETTERS_AND_DIGITS}._~-=&+`);
const UA_SLOT: Record<UserAgentClass, number> = { browser: 8, bot: 9, tool: 10, empty: 11 };

interface PathValues {
  depth: number;
  logLength: number;
  special: number;
  percent: number;
}

/**
 * Writes the per-request features at `out[at … at + REQUEST_WINDOW_OFFSET)`. The caches hold what
 * depends on one interned text only (paths and user agents repeat millions of times).
 */
export class RequestFeatureWriter {
  private readonly paths = new Map<string, PathValues>();
  private readonly agents = new Map<string | null, UserAgentClass>();

  write(r: RequestValues, out: Float32Array, at: number): void {
    const path = this.pathValues(r.path ?? '');
    out[at] = path.depth;
    out[at + 1] = path.logLength;
    out[at + 2] = path.special;
    out[at + 3] = path.percent;
    const query = r.query ?? '';
    const shape = textShape(query, QUERY_PLAIN);
    out[at + 4] = Math.log1p(query.length);
    out[at + 5] = shape.specialShare;
    out[at + 6] = shape.percentShare;
    out[at + 7] = shannonEntropy(query);
    out[at + UA_SLOT[this.agentClass(r.userAgent)]] = 1;
    const status = r.responseCode ?? 0;
    // 2xx … 5xx one-hot; no status (or 1xx) leaves all four at 0.
    if (status >= 200 && status < 600) out[at + 12 + Math.floor(status / 100) - 2] = 1;
  }

  private pathValues(path: string): PathValues {
    let values = this.paths.get(path);
    if (values === undefined) {
      const shape = textShape(path, PATH_PLAIN);
      values = {
        depth: path.split('/').filter((segment) => segment !== '').length,
        logLength: Math.log1p(path.length),
        special: shape.specialShare,
        percent: shape.percentShare,
      };
      // A log of random paths (a fuzzer's) would grow the cache without bound: start over instead.
      if (this.paths.size >= CACHE_LIMIT) this.paths.clear();
      this.paths.set(path, values);
    }
    return values;
  }

  private agentClass(agent: string | null): UserAgentClass {
    let kind = this.agents.get(agent);
    if (kind === undefined) {
      kind = userAgentClass(agent);
      if (this.agents.size >= CACHE_LIMIT) this.agents.clear();
      this.agents.set(agent, kind);
    }
    return kind;
  }
}

const CACHE_LIMIT = 200_000;

// A login form or API, under the names sites and frameworks give it.
const LOGIN_PATH =
  /(?:^|\/)(?:log-?in|log-?on|sign-?in|signon|auth(?:enticate)?|session|sessions|token|wp-login\.php|xmlrpc\.php)(?:\/|\.[a-z]+|$)/i;

/** A try at a login: a request that sends something (not GET or HEAD) to a login path. */
export function isLoginAttempt(method: string | null, path: string | null): boolean {
  if (path === null || method === 'GET' || method === 'HEAD') return false;
  return LOGIN_PATH.test(path);
}
