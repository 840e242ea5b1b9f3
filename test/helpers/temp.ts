import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary folder per call, removed after the test. */
export function createTempDirs(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-test-'));
    made.push(dir);
    return dir;
  };
}

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SAMPLE = path.join(ROOT, 'resources', 'samples', 'CloudWatch_Traffic_Web_Attack.csv');
export const CLI = path.join(ROOT, 'bin', 'vigil.js');
