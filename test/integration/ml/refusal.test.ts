// Labels that cannot teach anything are refused before a run exists, with a reason that says why.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns } from '../../../src-main/core/db/model-runs.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { TrainingRefused } from '../../../src-main/core/ml/evaluate/index.js';
import { trainRun } from '../../../src-main/core/ml/train/train-run.js';
import { createTempDirs } from '../../helpers/temp.js';
import { generatedDb, sampleDb } from './harness.js';

const tempDir = createTempDirs();

describe('training refusals', () => {
  it('names column:detection_types as the detection-type field with its one value, not as an empty column', async () => {
    const db = openDatabase(await sampleDb(tempDir()));
    try {
      // The public notebooks on this data labelled by the CSV's detection_types column.
      for (const column of ['detection_types', 'detection_type']) {
        const attempt = trainRun(db, { kind: 'rf', labels: { type: 'column', column }, params: {} });
        await expect(attempt).rejects.toThrow(TrainingRefused);
        await expect(attempt).rejects.toThrow(
          new RegExp(
            `"${column}" is the detection-type field.*every session has the one value waf_rule \\(282 sessions\\).*one class, nothing to learn`,
          ),
        );
      }
      expect(listRuns(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('refuses the embedded CloudWatch sample: one detection type, no labels — and says so plainly', async () => {
    const db = openDatabase(await sampleDb(tempDir()));
    try {
      for (const kind of ['rf', 'dense', 'conv1d'] as const) {
        const attempt = trainRun(db, { kind, params: {} });
        await expect(attempt).rejects.toThrow(TrainingRefused);
        await expect(attempt).rejects.toThrow(
          /every session in this data has detection type waf_rule \(282 sessions\).*nothing to learn.*--labels column:NAME/,
        );
        // An access log's labels are usually its rule hits: the refusal names that way too.
        await expect(attempt).rejects.toThrow(/--labels rule-hits/);
      }
      // A map that calls waf_rule malicious gives one class too.
      await expect(
        trainRun(db, {
          kind: 'rf',
          labels: { type: 'detection-map', map: { waf_rule: 'malicious' } },
          params: {},
        }),
      ).rejects.toThrow(/every mapped session is malicious.*nothing to learn/);
      expect(listRuns(db)).toEqual([]);
      // The Isolation Forest needs no labels: it trains, unevaluated.
      const run = await trainRun(db, { kind: 'iforest', params: { trees: 20 } });
      expect(run).toMatchObject({ status: 'done', split: null, metrics: null });
    } finally {
      db.close();
    }
  });

  it('refuses fewer than 10 examples of the minority class, with the count', async () => {
    const db = openDatabase(await generatedDb(tempDir(), { rows: 1500, attackRate: 0.004, days: 1 }));
    try {
      await expect(trainRun(db, { kind: 'rf', params: {} })).rejects.toThrow(
        /only 6 malicious sessions among 1500 labelled ones; at least 10/,
      );
    } finally {
      db.close();
    }
  });

  it('refuses analyst verdicts while there are none, and an unknown column', async () => {
    const db = openDatabase(await generatedDb(tempDir(), { rows: 1000, days: 1 }));
    try {
      await expect(trainRun(db, { kind: 'rf', labels: { type: 'verdicts' }, params: {} })).rejects.toThrow(
        /No analyst verdicts yet/,
      );
      await expect(
        trainRun(db, { kind: 'rf', labels: { type: 'column', column: 'nope' }, params: {} }),
      ).rejects.toThrow(/No session has a value in column "nope"/);
      expect(listRuns(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('reads a detection-map file through the CLI parser and rejects a malformed one', async () => {
    const { parseLabelSpec } = await import('../../../src-main/core/ml/evaluate/index.js');
    const dir = tempDir();
    const file = path.join(dir, 'map.json');
    fs.writeFileSync(file, JSON.stringify({ waf_rule: 'malicious', ok: 'benign' }));
    const read = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8'));
    expect(parseLabelSpec(`detection-map:${file}`, read)).toMatchObject({
      type: 'detection-map',
      map: { waf_rule: 'malicious', ok: 'benign' },
    });
    // A kind of threat also says malicious (threat-type models read the same maps).
    fs.writeFileSync(file, JSON.stringify({ waf_rule: 'sql_injection', ok: 'benign' }));
    expect(parseLabelSpec(`detection-map:${file}`, read)).toMatchObject({
      map: { waf_rule: 'sql_injection' },
    });
    fs.writeFileSync(file, JSON.stringify({ waf_rule: 'very bad!' }));
    expect(() => parseLabelSpec(`detection-map:${file}`, read)).toThrow(/maps to "very bad!"/);
    expect(() => parseLabelSpec('colum:label', read)).toThrow(/Unknown --labels/);
  });
});
