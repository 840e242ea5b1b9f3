// The import records, each import's quarantined rows, and the saved presets (column mappings, log formats).
import type { VigilService } from '../../../src-shared/api.js';
import { getImport, listImports } from '../db/imports.js';
import type { Db } from '../db/open.js';
import { listPresets, savePreset } from '../db/presets.js';
import { quarantinePage } from '../db/quarantine.js';
import { checkLogFormat } from '../ingest/formats/log-format.js';

type ImportOps = 'listImports' | 'getImport' | 'quarantinePage' | 'listPresets' | 'savePreset';

export function importsService(db: Db): Pick<VigilService, ImportOps> {
  return {
    async listImports() {
      return listImports(db);
    },
    async getImport({ id }) {
      const record = getImport(db, id);
      if (!record) throw new Error(`No import with id ${id}`);
      return record;
    },
    async quarantinePage({ importId, offset, limit }) {
      if (!getImport(db, importId)) throw new Error(`No import with id ${importId}`);
      return quarantinePage(db, importId, offset, limit);
    },
    async listPresets() {
      return listPresets(db);
    },
    async savePreset(preset) {
      // A log format that cannot be compiled is refused now, not at the first import that uses it.
      if (preset.format === 'log-format') checkLogFormat(preset.logFormat);
      savePreset(db, preset);
      return { name: preset.name };
    },
  };
}
