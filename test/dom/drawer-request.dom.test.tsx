// The drawer's request: the line as logged and decoded, the user agent's class, and each rule
// hit with its matched value marked inside the request — hostile text staying inert.
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionDrawer } from '../../src-renderer/views/sessions/SessionDrawer.js';
import type { SessionRuleHit } from '../../src-shared/rules.js';
import { answers } from './fake-api.js';
import { fakeSession } from './fake-session.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

const request = fakeSession(9, {
  method: 'GET',
  host: 'shop.example.com',
  path: '/search',
  query: "q=1'%20UNION%20SELECT%20password%20FROM%20users--&x=<script>",
  httpVersion: 'HTTP/1.1',
  userAgent: 'sqlmap/1.8#stable (https://sqlmap.org)',
  responseCode: 500,
});
const HITS: SessionRuleHit[] = [
  {
    ruleId: 'vigil-web-sqli',
    title: 'SQL injection in the query',
    level: 'high',
    source: 'pack',
    field: 'query',
    value: 'UNION SELECT',
  },
  {
    ruleId: 'vigil-web-scanner-ua',
    title: 'Scanner user agent',
    level: 'medium',
    source: 'pack',
    field: 'userAgent',
    value: 'sqlmap',
  },
];

beforeEach(() => {
  answers.listImports = () => [{ id: 1, file: '/logs/access.log', format: 'combined' }];
  answers.sessionScores = () => [];
  answers.sessionHistory = () => [];
  answers.sessionRuleHits = () => HITS;
});
afterEach(cleanup);

describe('the drawer shows the request', () => {
  it('as logged and decoded, with the matched values marked', async () => {
    render(<SessionDrawer session={request} onClose={() => {}} />, withData);
    await waitFor(() => expect(screen.getByTestId('drawer-rule-hits')).toBeTruthy());
    const raw = screen.getByTestId('request-raw');
    expect(raw.textContent).toBe(`GET /search?${request.query} HTTP/1.1`);
    const decoded = screen.getByTestId('request-decoded');
    expect(decoded.textContent).toBe(
      "GET /search?q=1' UNION SELECT password FROM users--&x=<script> HTTP/1.1",
    );
    // The value matched in decoded form is marked in the decoded line; the raw line has it escaped.
    expect([...decoded.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['UNION SELECT']);
    expect(raw.querySelectorAll('mark')).toHaveLength(0);
    expect(document.querySelector('script')).toBeNull();
    const ua = screen.getByTestId('request-ua');
    expect(within(ua).getByText('tool')).toBeTruthy();
    // Every occurrence: the name and the project's address.
    expect([...ua.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['sqlmap', 'sqlmap']);
    const hits = within(screen.getByTestId('drawer-rule-hits')).getAllByRole('listitem');
    expect(hits.map((li) => li.textContent)).toEqual([
      'high SQL injection in the query vigil-web-sqli · packmatched query = UNION SELECT',
      'medium Scanner user agent vigil-web-scanner-ua · packmatched userAgent = sqlmap',
    ]);
  });

  it("never shows the last session's rule hits, nor marks them in the next one's request", async () => {
    const view = render(<SessionDrawer session={request} onClose={() => {}} />, withData);
    await waitFor(() => expect(screen.getByTestId('drawer-rule-hits')).toBeTruthy());
    // The same request from another client, whose rule hits are still on their way.
    answers.sessionRuleHits = () => new Promise(() => {});
    view.rerender(<SessionDrawer session={{ ...request, id: 10, srcIp: '10.0.0.10' }} onClose={() => {}} />);
    expect(screen.getByTestId('session-drawer').dataset.sessionId).toBe('10');
    expect(screen.queryByTestId('drawer-rule-hits')).toBeNull();
    expect(screen.getByTestId('request-decoded').querySelectorAll('mark')).toHaveLength(0);
    expect(screen.getByTestId('request-ua').querySelectorAll('mark')).toHaveLength(0);
  });

  it('leaves the request out for a session without one, and says when no rule matched', async () => {
    answers.sessionRuleHits = () => [];
    render(<SessionDrawer session={fakeSession(3)} onClose={() => {}} />, withData);
    await waitFor(() => expect(screen.getByText('No rule matched this session.')).toBeTruthy());
    expect(screen.queryByTestId('drawer-request')).toBeNull();
  });
});
