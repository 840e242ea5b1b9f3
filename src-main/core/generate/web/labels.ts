// The labels of generated web requests: benign, or the kind of attack the request belongs to. A
// request is labelled by the campaign that sent it (a scanner's probe of a CVE path is `scanner`,
// sqlmap's first clean baseline request is `sqli`), as datasets of real attacks are labelled.

export const WEB_LABELS = [
  'benign',
  'sqli',
  'xss',
  'traversal',
  'cmdi',
  'scanner',
  'webshell',
  'credential_stuffing',
  'enumeration',
] as const;
export type WebLabel = (typeof WEB_LABELS)[number];

/** Indexes into WEB_LABELS. */
export const WEB_BENIGN = 0;
export const SQLI = 1;
export const XSS = 2;
export const TRAVERSAL = 3;
export const CMDI = 4;
export const SCANNER = 5;
export const WEBSHELL = 6;
export const CREDENTIAL_STUFFING = 7;
export const ENUMERATION = 8;
