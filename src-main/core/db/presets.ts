import { MappingPreset } from '../../../src-shared/domain.js';
import type { Db } from './open.js';

export function savePreset(db: Db, preset: MappingPreset): void {
  db.prepare(
    `INSERT INTO mapping_presets (name, body, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
  ).run(preset.name, JSON.stringify(preset), Date.now());
}

export function listPresets(db: Db): MappingPreset[] {
  const rows = db.prepare('SELECT body FROM mapping_presets ORDER BY name').all() as { body: string }[];
  return rows.map((row) => MappingPreset.parse(JSON.parse(row.body)));
}

export function getPreset(db: Db, name: string): MappingPreset | undefined {
  const row = db.prepare('SELECT body FROM mapping_presets WHERE name = ?').get(name) as
    | { body: string }
    | undefined;
  return row ? MappingPreset.parse(JSON.parse(row.body)) : undefined;
}
