// The Node versions Vigil says it runs on (package.json `engines`, README) must be ones every installed
// package accepts: `npm install` warned that @electron/rebuild and node-abi needed Node ≥ 22.12 while
// Vigil said 20+. Checked against the lock file's recorded `engines` of every package on disk (an
// optional package for another platform is not installed, and npm does not check it).
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/temp.js';

interface LockEntry {
  engines?: { node?: string } | string[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const ours = manifest.engines.node;

describe('the Node versions Vigil supports', () => {
  it('are accepted by every installed package', () => {
    const refusing: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      const theirs = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!where || !theirs || !fs.existsSync(path.join(ROOT, where))) continue;
      if (!semver.subset(ours, theirs)) refusing.push(`${where} needs ${theirs}`);
    }
    expect(refusing).toEqual([]);
  });

  it('include the Node running the tests, and the README names the same floor', () => {
    expect(semver.satisfies(process.version, ours)).toBe(true);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const floor = semver.minVersion(ours)?.version;
    expect(floor).toBeDefined();
    expect(readme).toContain(`Node.js ${floor}`);
  });
});
