// What the parser thread loads. Each package it imports is loaded and kept in that thread's own
// heap, and an import's peak RSS counts every thread (issue 17 §5: under 300 MB). zod alone cost
// the parser about 10 MB, through the fields' index, which also exports their schemas. The GeoIP
// reader (maxmind) is required on the first lookup (enrich/geoip.ts), so no package is imported.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The packages the parse worker's bundle imports at run time (as `npm run build` bundles it). */
async function packagesOfParseWorker(): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src-main/core/ingest/parse.worker.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    outdir: 'unused',
    logLevel: 'silent',
  });
  const packages = new Set<string>();
  for (const input of Object.values(result.metafile.inputs))
    for (const imported of input.imports)
      if (imported.external && !imported.path.startsWith('node:')) packages.add(imported.path);
  return [...packages].sort();
}

describe('the parse worker bundle', () => {
  it('imports no package: not the schema library, and the GeoIP reader only when it looks up', async () => {
    expect(await packagesOfParseWorker()).toEqual([]);
  });
});
