import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl, rendererFiles } from '../../../src-main/electron/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/csp.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

function renderer() {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Vigil</title>');
  fs.writeFileSync(path.join(dir, 'renderer', 'assets', 'app.js'), 'export {};');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  return rendererFiles(path.join(dir, 'renderer'));
}

describe('the vigil://app scheme', () => {
  it('serves the renderer build with the strict CSP and nosniff on every file', async () => {
    const serve = renderer();
    const page = await serve(new Request('vigil://app/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'self'; script-src 'self';/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Vigil</title>');
    const script = await serve(new Request('vigil://app/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside the renderer folder, and nothing for another host', async () => {
    const serve = renderer();
    for (const url of [
      'vigil://app/../secret.txt',
      'vigil://app/%2e%2e/secret.txt',
      'vigil://app/assets/..%2f..%2fsecret.txt',
      'vigil://other/index.html',
      'vigil://app/missing.js',
    ]) {
      const reply = await serve(new Request(url));
      expect(reply.status, url).toBe(404);
      expect(await reply.text()).not.toContain('outside');
    }
  });

  it('recognises only pages of our own app', () => {
    expect(isAppUrl('vigil://app/index.html#/sessions')).toBe(true);
    for (const url of ['vigil://evil/index.html', 'file:///index.html', 'https://app/', 'not a url'])
      expect(isAppUrl(url), url).toBe(false);
  });
});
