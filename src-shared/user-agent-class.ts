// The kind of client behind a User-Agent header, in the four groups an analyst reads at a glance:
// a browser, a bot (crawlers, link previews, monitors and feed readers that say they are robots),
// a tool (HTTP libraries, command-line clients, scanners and fuzzers), or empty (no header, or
// the `-` a log writes for none). One owner: the Overview's user-agent panel and the models'
// `ua_*` features both ask here, so a string is grouped the same way on every screen.
//
// A user agent is what the client claims; this groups the claim, it does not verify it.

export const USER_AGENT_CLASSES = ['browser', 'bot', 'tool', 'empty'] as const;
export type UserAgentClass = (typeof USER_AGENT_CLASSES)[number];

// Robots name themselves: "bot", "crawler", "spider", or a known fetcher. Checked before the
// browser test because most crawlers also wear a "Mozilla/5.0 (compatible; …)" prefix. A "bot"
// after "cu" is the phone maker Cubot ("Android 9; CUBOT P30"), not a robot; written without a
// lookbehind, which RE2 (ClickHouse, uaclass:) cannot read.
const BOT =
  /(?:^|[^u]|[^c]u)bot\b|bot\/|crawler|spider|slurp|externalhit|facebookcatalog|feedfetcher|feedly|uptimerobot|pingdom|monitor|mediapartners|adsbot|bingpreview|headlesschrome|lighthouse/i;

// Scanners and fuzzers announce themselves, some behind a browser prefix (Nuclei, Acunetix).
const SCANNER =
  /sqlmap|nikto|nuclei|nmap|masscan|zgrab|wpscan|gobuster|dirbuster|ffuf|fuzz faster|wfuzz|acunetix|nessus|openvas|burp|zmeu|jorgee|l9explore|censysinspect|expanse|netsparker|qualys|hydra|w3af|whatweb|arachni|\(\) \{/i;

// A browser sends "Mozilla/5.0 (platform) Engine/version …" with one of the three engines left.
const BROWSER =
  /^Mozilla\/5\.0 \([^)]*\) (AppleWebKit|Gecko|Trident|like Gecko)|^Mozilla\/5\.0 \(Windows[^)]*Trident/;

/**
 * The tests in the order they are asked, the first match deciding; a non-empty value none matches
 * is `UNMATCHED`. Exported so an engine that cannot run this code (ClickHouse: the `uaclass:`
 * term, connectors/clickhouse/filter-sql.ts) asks the same patterns, written in the syntax both
 * JavaScript and RE2 read.
 */
export const USER_AGENT_TESTS: readonly { pattern: RegExp; userAgentClass: UserAgentClass }[] = [
  { pattern: SCANNER, userAgentClass: 'tool' },
  { pattern: BOT, userAgentClass: 'bot' },
  { pattern: BROWSER, userAgentClass: 'browser' },
];
// Everything else is software that is neither a browser nor a declared robot: curl,
// python-requests, okhttp, Go-http-client, an app's own client, or a string made up by hand.
export const UNMATCHED: UserAgentClass = 'tool';

/** Groups one User-Agent value (null, '' and '-' are `empty`). */
export function userAgentClass(agent: string | null | undefined): UserAgentClass {
  if (agent == null) return 'empty';
  const text = agent.trim();
  if (text === '' || text === '-') return 'empty';
  for (const test of USER_AGENT_TESTS) if (test.pattern.test(text)) return test.userAgentClass;
  return UNMATCHED;
}
