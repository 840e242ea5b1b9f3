// `npm start` where the Electron runtime is missing (as on this machine): one line saying why,
// then serve mode with its URL, and never a stack trace, even when it cannot start.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempDirs, ROOT } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const START = path.join(ROOT, 'scripts', 'start.mjs');

function start(args: string[]) {
  const child = spawn(process.execPath, [START, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // No display and no Electron binary: the same situation as a headless CI machine.
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', ELECTRON_OVERRIDE_DIST_PATH: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, out: () => stdout, err: () => stderr };
}

const STACK_LINE = /\n\s+at |\.(mjs|js|ts):\d+/;

describe('npm start without the Electron runtime', () => {
  it('explains in one line and serves Vigil at a printed loopback URL', async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'main', 'cli.js')), 'run npm run build first').toBe(true);
    const run = start(['--db', path.join(tempDir(), 'x.db'), '--no-sample']);
    try {
      await expect.poll(run.out, { timeout: 30_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const lines = run.out().trim().split('\n');
      expect(lines[0]).toMatch(/^[^\n]+; opening Vigil in serve mode instead\.$/);
      expect(lines[1]).toMatch(/^Vigil is serving at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
      expect(run.err()).not.toMatch(STACK_LINE);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
  });

  it('fails with one line and no stack trace when serve mode cannot start', async () => {
    const run = start(['--port', 'not-a-port']);
    expect(await run.exited).toBe(1);
    expect(run.err().trim()).toBe(
      'vigil: --port must be a whole number from 0 to 65535 (0 picks a free port), not "not-a-port"',
    );
    expect(`${run.out()}${run.err()}`).not.toMatch(STACK_LINE);
  });
});

/** Whether something accepts connections on this loopback port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('npm start, as npm runs it', () => {
  it('says the sample was loaded, and stops its server when npm is sent SIGTERM', async () => {
    const db = path.join(tempDir(), 'first-start.db');
    const child = spawn('npm', ['start', '--silent', '--', '--db', db], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the test can clean up whatever npm leaves behind if it fails.
      detached: true,
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', ELECTRON_OVERRIDE_DIST_PATH: '' },
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await expect
        .poll(() => out, { timeout: 60_000 })
        .toMatch(/Loaded the embedded sample into the empty database: 282 sessions/);
      const port = Number(/127\.0\.0\.1:(\d+)\//.exec(out)?.[1]);
      expect(await listening(port)).toBe(true);
      // What a service manager or a terminal closing does: SIGTERM to npm alone.
      child.kill('SIGTERM');
      await exited;
      await expect.poll(() => listening(port), { timeout: 10_000 }).toBe(false);
    } finally {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // The whole group is gone already, as it should be.
      }
    }
  });
});
