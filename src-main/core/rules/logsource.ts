// Which Sigma logsources describe data Vigil has: web server, proxy and firewall logs (what its
// access-log, ALB/CloudFront, WAF, Zeek and Suricata importers read). A rule for any other source
// (process creation, CloudTrail API calls, DNS, …) would test fields Vigil never fills, so it is
// not loaded, with the reason.

import type { Logsource } from './types.js';

const CATEGORIES = new Set(['webserver', 'proxy', 'firewall']);
/** Zeek logs Vigil imports: http.log and conn.log. */
const ZEEK_SERVICES = new Set(['http', 'conn']);
/** AWS sources that are web requests: load balancer, CloudFront and WAF logs (not CloudTrail). */
const AWS_SERVICES = new Set(['alb', 'elb', 'cloudfront', 'waf']);

/** Null when Vigil's data fits the logsource, else why not. */
export function logsourceMismatch(source: Logsource): string | null {
  const { category, product, service } = source;
  if (category !== null) {
    if (CATEGORIES.has(category)) return null;
    return `logsource category "${category}" is not data Vigil has (it reads web server, proxy and firewall logs: categories webserver, proxy, firewall)`;
  }
  if (product === 'zeek') {
    if (service !== null && ZEEK_SERVICES.has(service)) return null;
    return `logsource product zeek${service ? ` service "${service}"` : ''} is not data Vigil has (it reads Zeek http and conn logs)`;
  }
  if (product === 'aws') {
    if (service !== null && AWS_SERVICES.has(service)) return null;
    return `logsource product aws${service ? ` service "${service}"` : ''} is not data Vigil has (it reads AWS load balancer, CloudFront and WAF request logs, services ${[...AWS_SERVICES].join(', ')})`;
  }
  return `logsource ${describe(source)} is not data Vigil has (it reads web server, proxy and firewall logs: categories webserver, proxy, firewall; product zeek or aws)`;
}

/**
 * Which sessions a loaded rule's logsource describes: `request` for web server, proxy, load
 * balancer, CloudFront, WAF and Zeek http logs (sessions with an HTTP request), `flow` for firewall
 * and Zeek conn logs (sessions without one). A rule only runs on the sessions of its kind, so a
 * firewall rule never flags a web request for a port it does not have, and a rule made of
 * negations does not match every session of the other kind.
 */
export type RuleScope = 'request' | 'flow';

export function scopeOf({ category, service }: Logsource): RuleScope {
  if (category !== null) return category === 'firewall' ? 'flow' : 'request';
  return service === 'conn' ? 'flow' : 'request';
}

function describe({ category, product, service }: Logsource): string {
  const parts = [
    category && `category "${category}"`,
    product && `product "${product}"`,
    service && `service "${service}"`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'with no category, product or service';
}
