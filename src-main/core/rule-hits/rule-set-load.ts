// Loading a rule set into the database: the pack Vigil ships (registered on first use, reloaded
// when an update changed it) and the folders an analyst adds. The rules are stored as loaded, with
// file names relative to the set's folder, so the content hash (and with it "are the hits
// current?") does not change when the app or the folder moves.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RuleFolderLoad, RuleRefusalInfo } from '../../../src-shared/rules.js';
import type { Db } from '../db/open.js';
import {
  enableEngineSet,
  markApplied,
  type RuleSetKind,
  type RuleSetRow,
  ruleSetById,
  ruleSetBySource,
  ruleSetInfo,
  ruleSets,
  saveRuleSet,
} from '../db/rule-sets.js';
import { hasSessions } from '../db/sessions.js';
import { loadRuleFolder, packDir } from '../rules/index.js';
import { ruleDefinition } from '../rules/rule-definition.js';
import type { LoadResult, RuleRefusal, SigmaRule } from '../rules/types.js';

/** The source name of the shipped pack's set. */
export const PACK_SOURCE = 'pack';

function relativeTo<T extends { file: string }>(dir: string, item: T): T {
  return { ...item, file: path.relative(dir, item.file) || path.basename(item.file) };
}

function saveLoad(db: Db, source: string, kind: RuleSetKind, dir: string, load: LoadResult): number {
  const rules: SigmaRule[] = load.rules.map((rule) => relativeTo(dir, rule));
  const refused: RuleRefusalInfo[] = load.refused.map((refusal) => relativeTo(dir, refusal));
  const rulesJson = JSON.stringify(rules);
  const contentHash = createHash('sha256').update(rulesJson).digest('hex');
  const fresh = ruleSetBySource(db, source) === null;
  const id = saveRuleSet(db, {
    source,
    kind,
    contentHash,
    rulesJson,
    rules: rules.map((rule) => ({
      ruleId: rule.id,
      title: rule.title,
      level: rule.level,
      file: rule.file,
      line: rule.line,
    })),
    refused,
    files: load.files,
  });
  // A new set over an empty database has no session to run on: its hits are current.
  if (fresh && !hasSessions(db)) markApplied(db, id, contentHash);
  return id;
}

// The pack is read once per process while its files stay as they are: every import checks it, and
// reading and checking 13 YAML files each time cost more than a small import.
let packCache: { key: string; load: LoadResult } | null = null;

function packLoad(dir: string): LoadResult {
  const key = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const stat = fs.statSync(file);
      return `${file}\u0000${stat.size}\u0000${stat.mtimeMs}`;
    })
    .sort()
    .join('\n');
  if (packCache?.key !== key) packCache = { key, load: loadRuleFolder(dir) };
  return packCache.load;
}

/**
 * Registers the shipped pack, or reloads it when its rules changed (an update). A pack the
 * analyst turned off stays off. A pack that refuses one of its own rules is a bug: it throws.
 */
export function syncRulePack(db: Db): void {
  const existing = ruleSetBySource(db, PACK_SOURCE);
  if (existing && !existing.enabled) return;
  savePack(db);
}

/** Stores the pack as shipped (which also turns it on); returns its set id and load. */
function savePack(db: Db): { id: number; load: LoadResult } {
  const dir = packDir();
  const load = packLoad(dir);
  if (load.refused.length > 0)
    throw new Error(
      `The shipped rule pack refuses its own rule: ${load.refused.map((r) => `${r.file}:${r.line}: ${r.reason}`).join('; ')}`,
    );
  return { id: saveLoad(db, PACK_SOURCE, 'pack', dir, load), load };
}

/** Whether `folder` is the pack's own folder (by real path: a link to it is it too). */
function isPackFolder(folder: string): boolean {
  try {
    return fs.realpathSync(folder) === fs.realpathSync(packDir());
  } catch {
    return false;
  }
}

/** A path by its real path when it exists (sets stored before folders were realpath'd may not be). */
function realOrSame(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** Whether `inner` lies strictly inside `outer` (a sibling named `outer-2` does not). */
function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Refuses a folder inside, or around, the folder of an enabled set (the pack's too): both sets
 * would hold the same rule files, so each matching session would get two hits from one rule and
 * every hit total would count it twice. The same folder is not an overlap: it reloads its set.
 * A removed (turned off) set has no hits and does not run, so it stands in no one's way.
 */
function refuseOverlap(db: Db, folder: string): void {
  const folderOf = (set: RuleSetRow) =>
    set.kind === 'pack' ? realOrSame(packDir()) : set.kind === 'folder' ? realOrSame(set.source) : null;
  for (const set of ruleSets(db)) {
    const other = set.enabled ? folderOf(set) : null;
    if (other === null || other === folder) continue;
    const relation = isInside(folder, other) ? 'is inside' : isInside(other, folder) ? 'holds' : null;
    if (relation)
      throw new Error(
        `${folder} ${relation} rule set ${set.id} (${set.source}), added already: its rules would run twice. ` +
          `Remove that set first (vigil rules remove ${set.id}) or add a folder apart from it.`,
      );
  }
}

/**
 * Refuses each rule another enabled set holds already, the same id with the same definition (a
 * shipped rule copied into the analyst's folder, a file copied into two folders): both would run, so
 * each matching session would get two hits from one rule and every hit total would count it twice,
 * as with nested folders. A rule that shares only the id (changed, or another rule) is a rule of its
 * own: ids are only unique within a set, and its hits are told apart by set and title.
 */
function refuseHeldRules(db: Db, source: string, load: LoadResult): LoadResult {
  const key = (rule: SigmaRule) => `${rule.id.toLowerCase()}\u0000${ruleDefinition(rule)}`;
  const held = new Map<string, { set: RuleSetRow; title: string }>();
  for (const set of ruleSets(db)) {
    if (!set.enabled || set.kind === 'engine' || set.source === source || set.rulesJson === null) continue;
    for (const rule of JSON.parse(set.rulesJson) as SigmaRule[])
      if (!held.has(key(rule))) held.set(key(rule), { set, title: rule.title });
  }
  const rules: SigmaRule[] = [];
  const refused: RuleRefusal[] = [...load.refused];
  for (const rule of load.rules) {
    const holder = held.get(key(rule));
    if (!holder) rules.push(rule);
    else
      refused.push({
        file: rule.file,
        line: rule.line,
        kind: 'invalid',
        ruleId: rule.id,
        title: rule.title,
        reason:
          `the same rule as "${holder.title}" (id ${rule.id}) of set ${holder.set.id} (${holder.set.source}), loaded already: ` +
          `it would run twice. Change it or give it an id of its own to keep both, or remove that set (vigil rules remove ${holder.set.id}).`,
      });
  }
  return { ...load, rules, refused };
}

/** Why a folder in which no rule loads is refused: its first refusals, each with file and line. */
export function nothingLoaded(dir: string, load: LoadResult): string {
  const shown = load.refused
    .slice(0, 10)
    .map((r) => `${path.relative(dir, r.file) || r.file}:${r.line}: ${r.reason}`);
  const more = load.refused.length - shown.length;
  return (
    `No rule loaded from the ${load.files} ${load.files === 1 ? 'file' : 'files'}; nothing was changed. ` +
    `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`
  );
}

/**
 * Loads every rule file under `dir` as the set of that folder (replacing an earlier load of it).
 * `pack` (where no such folder is) or the pack's own folder turns the shipped pack on again, after
 * `vigil rules remove pack`, rather than adding its rules a second time; an engine's name
 * (`suricata`) turns its set on again for the imports to come.
 */
export function addRuleFolder(db: Db, dir: string): RuleFolderLoad {
  if ((dir === PACK_SOURCE && !fs.existsSync(dir)) || isPackFolder(dir)) {
    const { id, load } = savePack(db);
    const set = ruleSetById(db, id);
    if (!set) throw new Error(`Rule set ${id} vanished while it was saved`);
    return { set: ruleSetInfo(db, set), loaded: load.rules.length, refused: [] };
  }
  const engine = fs.existsSync(dir) ? null : ruleSetBySource(db, dir);
  if (engine?.kind === 'engine') {
    enableEngineSet(db, engine.id);
    return { set: ruleSetInfo(db, { ...engine, enabled: true }), loaded: 0, refused: [] };
  }
  let folder = path.resolve(dir);
  let load: LoadResult;
  try {
    // The folder's real path names the set, so a link to a folder already added replaces that set
    // instead of adding its rules (and hits) a second time.
    folder = fs.realpathSync(folder);
    refuseOverlap(db, folder);
    load = loadRuleFolder(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`No folder ${folder}`);
    if (code === 'ENOTDIR') throw new Error(`${folder} is a file: give the folder that holds the rules`);
    throw error;
  }
  if (load.files === 0) throw new Error(`No rule files (.yml, .yaml) under ${folder}`);
  load = refuseHeldRules(db, folder, load);
  // As an upload: a set with no rule would stand in the list for nothing, and the reload of a folder
  // whose every rule broke would drop the rules (and hits) it had.
  if (load.rules.length === 0) throw new Error(nothingLoaded(folder, load));
  const id = saveLoad(db, folder, 'folder', folder, load);
  const set = ruleSetById(db, id);
  if (!set) throw new Error(`Rule set ${id} vanished while it was saved`);
  return {
    set: ruleSetInfo(db, set),
    loaded: load.rules.length,
    refused: load.refused.map((refusal) => ({
      ...refusal,
      file: path.relative(folder, refusal.file) || refusal.file,
    })),
  };
}
