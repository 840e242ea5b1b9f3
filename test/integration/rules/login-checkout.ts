// A small access log of sign-ins and checkouts, and rules on its paths: "Login requested" and
// "Checkout requested" each match two of its four requests. Shared by the tests that reload a set.
export const LOGIN_CHECKOUT_LINES = [
  '203.0.113.20 - - [12/Feb/2024:10:00:00 +0000] "GET /login HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '203.0.113.21 - - [12/Feb/2024:10:00:01 +0000] "GET /checkout?step=2 HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
  '203.0.113.22 - - [12/Feb/2024:10:00:02 +0000] "GET /checkout?step=3 HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
  '203.0.113.23 - - [12/Feb/2024:10:00:03 +0000] "GET /login?next=/cart HTTP/1.1" 302 0 "-" "Mozilla/5.0"',
];

/** A high-level webserver rule on one path (`cs-uri-stem`), with the condition given. */
export const pathRule = (title: string, id: string, stem: string, condition = 'selection') =>
  [
    `title: ${title}`,
    `id: ${id}`,
    'level: high',
    'logsource: { category: webserver }',
    'detection:',
    '  selection:',
    `    cs-uri-stem: ${stem}`,
    `  condition: ${condition}`,
  ].join('\n');

export const LOGIN_RULE = pathRule('Login requested', '0b4d2c8e-7a1f-4e3b-9c5d-6f8a1b2c3d4e', '/login');
export const CHECKOUT_RULE = pathRule(
  'Checkout requested',
  '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  '/checkout',
);
