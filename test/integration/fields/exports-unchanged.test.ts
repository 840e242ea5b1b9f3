// The CSV and JSON session exports, byte for byte, over sessions with a value in every field. The
// golden files were written by the exporter as it was before the columns came from the field
// table (src-shared/fields); an export that changes a byte, a column or a column's place fails here.
// Since then they changed twice, on purpose: JSON values are no longer prefixed against spreadsheet
// formulas (only CSV cells are), and both formats gained the verdict's kind and time.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { workspace } from '../triage/harness.js';
import { importEveryField } from './every-field.js';

// Verdicts and case items carry the time they were made: fixed, so the files are reproducible.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2024, 4, 1, 9, 30, 0));
});
afterEach(() => vi.useRealTimers());

describe('session exports over every field', () => {
  for (const format of ['csv', 'json'] as const) {
    it(`writes the same ${format.toUpperCase()} bytes as before, for a filter and for a case`, async () => {
      const ws = workspace();
      const { caseId } = await importEveryField(ws);
      const all = path.join(ws.dir, `all.${format}`);
      await exportToFile(ws.db, { filter: {}, format, path: all });
      await expect(fs.readFileSync(all, 'utf8')).toMatchFileSnapshot(`./golden/sessions.${format}.golden`);
      const ofCase = path.join(ws.dir, `case.${format}`);
      await exportToFile(ws.db, { caseId, format, path: ofCase });
      await expect(fs.readFileSync(ofCase, 'utf8')).toMatchFileSnapshot(`./golden/case.${format}.golden`);
    });
  }
});
