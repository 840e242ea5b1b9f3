import fs from 'node:fs';
import path from 'node:path';

interface PackageJson {
  name?: string;
  version?: string;
  license?: string;
  dependencies?: Record<string, string>;
}

function readPackage(file: string): PackageJson | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PackageJson;
  } catch {
    return null;
  }
}

/**
 * Help › Licences: Vigil's own licence and that of every package it ships, read from the installed
 * packages (inside the app archive once packaged), so the list cannot go stale.
 */
export function licenceLines(appRoot: string): string[] {
  const own = readPackage(path.join(appRoot, 'package.json'));
  const lines = [`Vigil ${own?.version ?? ''} — ${own?.license ?? 'unknown licence'}`];
  for (const name of Object.keys(own?.dependencies ?? {}).sort()) {
    const dependency = readPackage(path.join(appRoot, 'node_modules', name, 'package.json'));
    if (dependency)
      lines.push(`${name} ${dependency.version ?? ''} — ${dependency.license ?? 'see package'}`);
  }
  return lines;
}
