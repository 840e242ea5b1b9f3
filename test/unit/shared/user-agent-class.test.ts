// The user-agent groups on real-world strings, and on every agent the generator writes (its
// browsers, crawlers, apps, scripts and scanners), so the Overview panel and the model features
// group what a generated log holds the way an analyst would.
import { describe, expect, it } from 'vitest';
import {
  APP_AGENTS,
  browserFor,
  CRAWLERS,
  SCANNER_AGENTS,
  SCRIPT_AGENTS,
} from '../../../src-main/core/generate/web/agents.js';
import { userAgentClass } from '../../../src-shared/user-agent-class.js';

describe('userAgentClass', () => {
  it.each([
    [null, 'empty'],
    ['', 'empty'],
    ['-', 'empty'],
    ['  ', 'empty'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
      'browser',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0', 'browser'],
    ['Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko', 'browser'],
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'bot'],
    ['Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', 'bot'],
    ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', 'bot'],
    ['curl/8.5.0', 'tool'],
    ['python-requests/2.31.0', 'tool'],
    ['sqlmap/1.8.3#stable (https://sqlmap.org)', 'tool'],
    // A scanner behind a browser prefix is still a tool.
    ['Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0 (Acunetix-Scanner)', 'tool'],
    ['() { :; }; /bin/bash -c "id"', 'tool'],
    // A bare "Mozilla/5.0" names no engine: not a browser.
    ['Mozilla/5.0', 'tool'],
    // Cubot is a phone maker: "CUBOT" ends in "bot", but the phone's browser is no robot.
    [
      'Mozilla/5.0 (Linux; Android 9; CUBOT P30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
      'browser',
    ],
    [
      'Mozilla/5.0 (Linux; Android 12; CUBOT_X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
      'browser',
    ],
    // …while a robot's name may still end in "bot" after any other letters.
    ['Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)', 'bot'],
    ['Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)', 'bot'],
    ['Twitterbot/1.0', 'bot'],
  ] as const)('%s → %s', (agent, expected) => {
    expect(userAgentClass(agent)).toBe(expected);
  });

  it('groups every agent the generator writes as its role', () => {
    for (let key = 0; key < 2000; key++)
      expect(userAgentClass(browserFor(key)), browserFor(key)).toBe('browser');
    for (const crawler of CRAWLERS) expect(userAgentClass(crawler.agent), crawler.agent).toBe('bot');
    for (const agent of [...SCRIPT_AGENTS, ...SCANNER_AGENTS])
      expect(userAgentClass(agent), agent).toBe('tool');
    expect(userAgentClass(APP_AGENTS.monitor)).toBe('bot');
    expect(userAgentClass(APP_AGENTS.android)).toBe('tool');
  });
});
