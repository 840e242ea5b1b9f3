// AWS WAF logs as JSON lines (one request per session, as an Application Load Balancer's web ACL
// logs it). WAF sees HTTP only: a port-scan session becomes a scanner's probe of a well-known
// path, a brute-force session a POST to the login page. Labels go to the PATH.labels.csv sidecar.
import { hex } from '../population.js';
import { Rng } from '../rng.js';
import { BEACONING, BRUTE_FORCE, EXFILTRATION, PORT_SCAN, RARE_COUNTRY, type Session } from '../session.js';
import { ACCOUNT_ID, type FormatWriter, type LineSink, mixKey, type WriterContext } from './format-writer.js';
import {
  BROWSER_AGENTS,
  HOSTILE,
  HOSTS,
  PAGES,
  PROBES,
  RULES,
  TOOL_AGENTS,
  type WafRule,
} from './waf-vocabulary.js';

const BEACON_PATHS = ['/api/v2/status', '/static/js/jquery-3.6.0.min.js', '/updates/check', '/favicon.ico'];

interface Request {
  /** JSON-encoded strings. */
  uri: string;
  args: string;
  agent: string;
  host: string;
  method: string;
  version: string;
  /** JSON-encoded, or null for a request without a Referer header (tools and scanners send none). */
  referer: string | null;
  rule: WafRule;
}

export function wafJsonWriter(context: WriterContext): FormatWriter {
  const rng = new Rng(context.seed, 'waf-json');
  const acl = `arn:aws:wafv2:us-east-1:${ACCOUNT_ID}:regional/webacl/prod-web-acl/${hex(rng.next(), 8)}-${hex(rng.next() & 0xffff, 4)}-4${hex(rng.next() & 0xfff, 3)}-a${hex(rng.next() & 0xfff, 3)}-${hex(rng.next(), 8)}${hex(rng.next() & 0xffff, 4)}`;
  const before = `,"formatVersion":1,"webaclId":"${acl}","terminatingRuleId":"`;
  const source = `"httpSourceName":"ALB","httpSourceId":"${ACCOUNT_ID}-app/prod-web-alb/${hex(rng.next(), 8)}${hex(rng.next(), 8)}"`;

  const hostile = (host: string, version: string): Request => {
    const { uri, args, agent, rule } = rng.pick(HOSTILE);
    return { uri, args, agent, host, method: 'GET', version, referer: null, rule };
  };

  const request = (s: Session): Request => {
    const key = s.sourceKey;
    const host = `"${HOSTS[s.server] ?? HOSTS[0]}"`;
    const browser = BROWSER_AGENTS[mixKey(key, 1) % BROWSER_AGENTS.length]!;
    const tool = TOOL_AGENTS[mixKey(key, 2) % TOOL_AGENTS.length]!;
    switch (s.kind) {
      case PORT_SCAN: {
        const target = `"${context.servers[s.server]!.ip}:${s.dstPort}"`;
        if (rng.chance(0.35)) return hostile(target, 'HTTP/1.1');
        const rule = rng.chance(0.5) ? RULES.badInputs : RULES.allow;
        const method = rng.chance(0.7) ? 'GET' : 'HEAD';
        return {
          uri: rng.pick(PROBES),
          args: '""',
          agent: tool,
          host: target,
          method,
          version: 'HTTP/1.1',
          referer: null,
          rule,
        };
      }
      case BRUTE_FORCE: {
        const uri = mixKey(key, 3) % 2 === 0 ? '"/login"' : '"/api/auth/token"';
        const rule = rng.chance(0.35) ? RULES.loginRate : RULES.allow;
        const fromBrowser = mixKey(key, 4) % 3 === 0;
        return {
          uri,
          args: '""',
          agent: fromBrowser ? browser : tool,
          host: `"${HOSTS[2]}"`,
          method: 'POST',
          version: 'HTTP/1.1',
          referer: fromBrowser ? `"https://${HOSTS[2]}/login"` : null,
          rule,
        };
      }
      case EXFILTRATION:
        return {
          uri: '"/api/v1/reports/export"',
          args: `"format=csv&part=${1 + rng.int(400)}"`,
          agent: browser,
          host,
          method: 'GET',
          version: 'HTTP/2.0',
          referer: `"https://${HOSTS[s.server] ?? HOSTS[0]}/account"`,
          rule: RULES.allow,
        };
      case BEACONING:
        return {
          uri: `"${BEACON_PATHS[mixKey(key, 5) % BEACON_PATHS.length]}"`,
          args: `"id=${hex(mixKey(key, 6), 8)}"`,
          agent: browser,
          host,
          method: 'GET',
          version: 'HTTP/1.1',
          referer: null,
          rule: RULES.allow,
        };
      default: {
        const version = s.udp ? 'HTTP/3.0' : mixKey(key, 7) % 10 < 6 ? 'HTTP/2.0' : 'HTTP/1.1';
        if (rng.chance(0.001)) return hostile(host, version);
        const [uri, args] = rng.pick(PAGES);
        const n = String(1 + rng.int(5000));
        const r = rng.float();
        const method = r < 0.85 ? 'GET' : r < 0.97 ? 'POST' : 'HEAD';
        const roll = rng.float();
        const rule =
          s.kind === RARE_COUNTRY
            ? roll < 0.2
              ? RULES.geo
              : RULES.allow
            : roll < 0.015
              ? RULES.commonSize
              : roll < 0.018
                ? RULES.rateLimit
                : RULES.allow;
        return {
          uri: `"${uri.replace('#', n)}"`,
          args: `"${args.replace('#', n)}"`,
          agent: browser,
          host,
          method,
          version,
          referer: browsingReferer(s.sourceKey, HOSTS[s.server] ?? HOSTS[0]),
          rule,
        };
      }
    }
  };

  return {
    header: null,
    sidecarLabels: true,
    write(s: Session, sink: LineSink): void {
      const q = request(s);
      const r = q.rule;
      const requestId = `1-${hex(Math.floor(s.start / 1000), 8)}-${hex(rng.next(), 8)}${hex(rng.next(), 8)}${hex(rng.next(), 8)}`;
      sink.record(
        `{"timestamp":${s.start}${before}${r.id}","terminatingRuleType":"${r.type}","action":"${r.action}","terminatingRuleMatchDetails":[],${source},"ruleGroupList":${r.groupList},"rateBasedRuleList":[],"nonTerminatingMatchingRules":[],"requestHeadersInserted":null,"responseCodeSent":null,"httpRequest":{"clientIp":"${s.srcIp}","country":"${s.country}","headers":[{"name":"Host","value":${q.host}},{"name":"User-Agent","value":${q.agent}},${q.referer === null ? '' : `{"name":"Referer","value":${q.referer}},`}{"name":"Accept","value":"*/*"}],"uri":${q.uri},"args":${q.args},"httpVersion":"${q.version}","httpMethod":"${q.method}","requestId":"${requestId}"}}`,
        s.kind,
      );
    },
  };
}

/**
 * Where a browsing client came from: per client (no draw from the stream, so the rest of the
 * output is what it was before referrers were written): nowhere (typed or bookmarked), a search
 * engine, or a page of the same site.
 */
function browsingReferer(sourceKey: number, host: string | undefined): string | null {
  switch (mixKey(sourceKey, 8) % 4) {
    case 0:
      return null;
    case 1:
      return '"https://www.google.com/"';
    case 2:
      return `"https://${host}/"`;
    default:
      return `"https://${host}/search?q=winter+jacket"`;
  }
}
