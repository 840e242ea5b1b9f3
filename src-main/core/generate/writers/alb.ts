// AWS Application Load Balancer access logs: the documented fields in their order, space-separated,
// the quoted ones in double quotes (type time elb client:port target:port request_processing_time
// target_processing_time response_processing_time elb_status_code target_status_code received_bytes
// sent_bytes "request" "user_agent" ssl_cipher ssl_protocol target_group_arn "trace_id"
// "domain_name" "chosen_cert_arn" matched_rule_priority request_creation_time "actions_executed"
// "redirect_url" "error_reason" "target:port_list" "target_status_code_list" "classification"
// "classification_reason" conn_trace_id "transformed_host" "transformed_uri"
// "request_transform_status"). The load balancer has a web ACL, an HTTPS listener with rules
// (sign-in for /admin, the API and static target groups, a redirect for the old shop, a fixed
// response for security.txt) and a plain-HTTP listener that redirects to HTTPS. AWS does not
// document how quotes inside a user agent are escaped: they are written as Apache does (\").
// Labels go to PATH.labels.csv.
import { hex } from '../population.js';
import { Rng } from '../rng.js';
import { IsoMicros } from '../time-text.js';
import type { WebRequest } from '../web/request.js';
import { API_HOST, WWW } from '../web/site.js';
import {
  ACCOUNT_ID,
  type FormatWriter,
  type LineSink,
  mixKey,
  type WebWriterContext,
} from './format-writer.js';
import { escapeLogText } from './log-escape.js';

interface TargetGroup {
  arn: string;
  targets: readonly string[];
}

interface Route {
  priority: string;
  actions: string;
  group: TargetGroup | null;
  redirect: string;
  error: string;
}

const TWO_32 = 2 ** 32;
// Two hex digits per byte value: building ids from a table is several times faster than
// toString(16) + padStart, which dominated this writer's time.
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** An unsigned 32-bit value as 8 hex digits. */
function hex8(value: number): string {
  return `${BYTE_HEX[value >>> 24]}${BYTE_HEX[(value >>> 16) & 255]}${BYTE_HEX[(value >>> 8) & 255]}${BYTE_HEX[value & 255]}`;
}
// The load balancer node's own address: logged as the host of a request line it could not read.
const NODE = '10.0.0.215';

export function albWriter(context: WebWriterContext): FormatWriter<WebRequest> {
  const rng = new Rng(context.seed, 'alb');
  const id = () => `${hex(rng.next(), 8)}${hex(rng.next(), 8)}`;
  const elb = `app/prod-web-alb/${id()}`;
  const group = (name: string, port: number, count: number): TargetGroup => ({
    arn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT_ID}:targetgroup/${name}/${id()}`,
    targets: Array.from({ length: count }, (_, i) => `10.0.${1 + (i % 3)}.${10 + rng.int(240)}:${port}`),
  });
  const web = group('prod-web', 8080, 4);
  const api = group('prod-api', 8081, 3);
  const assets = group('prod-static', 8080, 2);
  const admin = group('prod-admin', 8443, 1);
  const cert = `arn:aws:acm:us-east-1:${ACCOUNT_ID}:certificate/${hex(rng.next(), 8)}-${hex(rng.next() & 0xffff, 4)}-4${hex(rng.next() & 0xfff, 3)}-a${hex(rng.next() & 0xfff, 3)}-${id().slice(0, 12)}`;
  const created = new IsoMicros();
  const answered = new IsoMicros();

  const route = (r: WebRequest): Route => {
    const none = { redirect: '-', error: '-' };
    if (!r.tls) {
      const host = r.host === '' ? NODE : r.host;
      return {
        priority: '0',
        actions: 'waf,redirect',
        group: null,
        redirect: `https://${host}:443${r.target}`,
        error: '-',
      };
    }
    // WAF runs before the listener rules: a blocked request matched none of them.
    if (r.blocked) return { priority: '-', actions: 'waf', group: null, ...none };
    const path = r.target;
    if (path.startsWith('/oauth2/'))
      return {
        priority: '1',
        actions: 'waf,authenticate',
        group: null,
        redirect: '-',
        error: 'AuthMissingCodeParam',
      };
    if (path.startsWith('/admin'))
      return r.status === 302
        ? { priority: '1', actions: 'waf,authenticate', group: null, ...none }
        : { priority: '1', actions: 'waf,authenticate,forward', group: admin, ...none };
    if (r.host === API_HOST || path.startsWith('/api/'))
      return { priority: '10', actions: 'waf,forward', group: api, ...none };
    if (path.startsWith('/static/') || path.startsWith('/images/'))
      return { priority: '15', actions: 'waf,forward', group: assets, ...none };
    if (path.startsWith('/old-shop/'))
      return {
        priority: '20',
        actions: 'waf,redirect',
        group: null,
        redirect: `https://${WWW}:443/products`,
        error: '-',
      };
    if (path === '/.well-known/security.txt')
      return { priority: '30', actions: 'waf,fixed-response', group: null, ...none };
    return { priority: '0', actions: 'waf,forward', group: web, ...none };
  };

  return {
    header: null,
    sidecarLabels: true,
    write(r: WebRequest, sink: LineSink): void {
      const low = r.connection % TWO_32;
      const high = Math.floor(r.connection / TWO_32);
      const connectionTrace = `TID_${hex8(mixKey(low, 0x1b873593 + high))}${hex8(mixKey(high, low ^ 0x5bd1e995))}${hex8(mixKey(low, 0x27d4eb2f))}${hex8(mixKey(low ^ high, 0x165667b1))}`;
      const client = `${r.ip}:${r.port}`;
      const agent = r.agent === '' ? '-' : escapeLogText(r.agent);
      // Microseconds of arrival; the answer comes after it, never before.
      const arrivedUs = r.start * 1000 + rng.int(1000);
      const requestTime = created.format(Math.floor(arrivedUs / 1000), arrivedUs % 1000);
      const answerAt = (ms: number) => {
        const us = arrivedUs + Math.round(ms * 1000);
        return answered.format(Math.floor(us / 1000), us % 1000);
      };
      if (r.raw !== null) {
        // A request line the load balancer could not read: no route, no target, no trace.
        sink.record(
          `http ${answerAt(r.timeMs)} ${elb} ${client} - -1 -1 -1 ${r.status} - ${r.requestBytes} ${r.bytes} "- http://${NODE}:80- -" "${agent}" - - - "-" "-" "-" - ${requestTime} "-" "-" "-" "-" "-" "-" "-" ${connectionTrace} "-" "-" "-"`,
          r.kind,
        );
        return;
      }
      const how = route(r);
      const group = how.group;
      const target = group ? (group.targets[mixKey(low, 0x3c) % group.targets.length] ?? '-') : '-';
      const tls = r.tls;
      const type = !tls ? 'http' : r.version === 'HTTP/2.0' ? 'h2' : 'https';
      const tls13 = mixKey(low, 0x13) % 10 < 7;
      const cipher = !tls ? '-' : tls13 ? 'TLS_AES_128_GCM_SHA256' : 'ECDHE-RSA-AES128-GCM-SHA256';
      const protocol = !tls ? '-' : tls13 ? 'TLSv1.3' : 'TLSv1.2';
      const host = r.host === '' ? NODE : r.host;
      const url = r.target.startsWith('http://')
        ? absolute(r.target)
        : `${tls ? 'https' : 'http'}://${host}:${tls ? 443 : 80}${r.target}`;
      const request = escapeLogText(`${r.method} ${url} ${r.version}`);
      const named = host === WWW || host === API_HOST;
      const domain = tls && named ? host : '-';
      const chosen = !tls ? '-' : rng.chance(0.15) ? 'session-reused' : cert;
      const dispatched = group !== null;
      const lbMs = 0.2 + rng.float() * 0.8;
      const times = dispatched ? `0.000 ${(r.timeMs / 1000).toFixed(3)} 0.000` : '-1 -1 -1';
      const status = String(r.status);
      const answeredAt = answerAt(lbMs + (dispatched ? r.timeMs : 0));
      const sent = r.bytes + (r.status === 304 ? 180 : 240) + rng.int(180);
      const trace = `Root=1-${hex8(Math.floor(r.start / 1000))}-${hex8(rng.next())}${hex8(rng.next())}${hex8(rng.next())}`;
      const [classification, reason] = classify(r);
      sink.record(
        `${type} ${answeredAt} ${elb} ${client} ${target} ${times} ${status} ${dispatched ? status : '-'} ${r.requestBytes} ${sent} "${request}" "${agent}" ${cipher} ${protocol} ${group ? group.arn : '-'} "${trace}" "${domain}" "${chosen}" ${how.priority} ${requestTime} "${how.actions}" "${escapeLogText(how.redirect)}" "${how.error}" "${target}" "${dispatched ? status : '-'}" "${classification}" "${reason}" ${connectionTrace} "-" "-" "-"`,
        r.kind,
      );
    },
  };
}

/** `http://host/path` as ALB writes a request line: with the port. */
function absolute(url: string): string {
  const slash = url.indexOf('/', 7);
  const authority = slash === -1 ? url.slice(7) : url.slice(7, slash);
  const rest = slash === -1 ? '/' : url.slice(slash);
  return `http://${authority.includes(':') ? authority : `${authority}:80`}${rest}`;
}

/**
 * Desync-mitigation classification: a space in the URI is "Acceptable" (SpaceInUri); a GET with
 * `Content-Length: 0`, which some clients send, is "Acceptable" (GetHeadZeroContentLength).
 */
function classify(r: WebRequest): readonly [string, string] {
  if (r.target.includes(' ')) return ['Acceptable', 'SpaceInUri'];
  if (r.method === 'GET' && mixKey(r.sourceKey, 0x91) % 40 === 0)
    return ['Acceptable', 'GetHeadZeroContentLength'];
  return ['-', '-'];
}
