/**
 * The renderer's Content-Security-Policy, the same in the Electron window and in serve mode. Log
 * data is hostile: scripts only from our own files (no inline, no eval), nothing loaded from or
 * sent to another origin, no framing, no plugins, no form posts.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";
