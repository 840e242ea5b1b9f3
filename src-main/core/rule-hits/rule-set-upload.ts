// Rules the analyst added from the page (addRuleFiles): written into a folder Vigil owns beside the
// workspace database, then loaded by addRuleFolder as any folder is, so the set lists, reloads,
// runs and is removed like one added with `vigil rules add DIR`. The files are staged first and
// swapped in only once they hold a rule; a failure puts the previous folder back.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AddRuleFilesArgs, RuleUploadFile } from '../../../src-shared/rule-upload.js';
import { ruleSetFolderName, unsafeRulePathReason } from '../../../src-shared/rule-upload.js';
import type { RuleFolderLoad } from '../../../src-shared/rules.js';
import type { Db } from '../db/open.js';
import { ownedName, removeLeftovers } from '../leftovers.js';
import { loadRuleFolder } from '../rules/index.js';
import { addRuleFolder, nothingLoaded } from './rule-set-load.js';

/**
 * The workspace's own rules folder: beside the database and named after it (`vigil.rules/` for
 * `vigil.db`), so two databases in one folder never share, or replace, each other's sets.
 */
export function uploadedRulesRoot(dbPath: string): string {
  return path.join(path.dirname(dbPath), `${path.basename(dbPath, path.extname(dbPath))}.rules`);
}

/** Where an upload is staged and a replaced folder waits: hidden, so no set's load sees it. */
const WORK = '.work';

function writeFiles(dir: string, files: readonly RuleUploadFile[]): void {
  for (const file of files) {
    // The schema refused these already; a path that leaves the folder is never written, whoever calls.
    const unsafe = unsafeRulePathReason(file.relativePath);
    if (unsafe) throw new Error(`${file.relativePath}: the path ${unsafe}.`);
    const target = path.join(dir, ...file.relativePath.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text, { flag: 'wx' });
  }
}

/** Moves `staged` to `target` and loads it; on any failure the folder that was there comes back. */
function swapIn(db: Db, staged: string, target: string, work: string): RuleFolderLoad {
  const previous = fs.existsSync(target) ? path.join(work, ownedName(`previous-${randomUUID()}`)) : null;
  if (previous) fs.renameSync(target, previous);
  try {
    fs.renameSync(staged, target);
    const result = addRuleFolder(db, target);
    if (previous) fs.rmSync(previous, { recursive: true, force: true });
    return result;
  } catch (error) {
    if (fs.existsSync(target) && previous) fs.rmSync(target, { recursive: true, force: true });
    if (previous) fs.renameSync(previous, target);
    throw error;
  }
}

/**
 * Writes the files as the set `name` in the workspace's rules folder (replacing that set's files)
 * and loads it. Refused, with nothing changed, when no file holds a rule that loads.
 */
export function addUploadedRules(db: Db, { name, files }: AddRuleFilesArgs): RuleFolderLoad {
  const root = uploadedRulesRoot(db.name);
  const work = path.join(root, WORK);
  fs.mkdirSync(work, { recursive: true });
  // What a crash left staged: its process has gone.
  removeLeftovers(work);
  const target = path.join(root, ruleSetFolderName(name));
  const staged = path.join(work, ownedName(`upload-${randomUUID()}`));
  try {
    fs.mkdirSync(staged);
    writeFiles(staged, files);
    // The loader `rules add` uses, on the staged copy: a set where nothing loads replaces nothing.
    const load = loadRuleFolder(staged);
    if (load.files === 0) throw new Error('No rule files (.yml, .yaml) were sent; nothing was changed.');
    if (load.rules.length === 0) throw new Error(nothingLoaded(staged, load));
    return swapIn(db, staged, target, work);
  } finally {
    fs.rmSync(staged, { recursive: true, force: true });
  }
}
