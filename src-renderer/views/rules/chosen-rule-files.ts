// What the analyst chose in "Add rule files…" or "Add a folder…": the rule files to send (their
// path inside the choice), the files left out and why, and the set's default name. The checks are
// the contract's (src-shared/rule-upload.ts), so the page says what is wrong before sending.
import {
  DEFAULT_RULE_SET_NAME,
  type RuleUploadFile,
  ruleFileSkipReason,
  ruleUploadProblem,
} from '../../../src-shared/rule-upload.js';

export interface ChosenRuleFiles {
  /** The chosen folder's name, or null for files chosen one by one. */
  folder: string | null;
  /** The set's name unless the analyst writes another: the folder's, or "my rules". */
  defaultName: string;
  send: { relativePath: string; file: File }[];
  skipped: { relativePath: string; reason: string }[];
  /** Why these files cannot be sent (none to send, too many, too large), or null. */
  problem: string | null;
}

/** A folder's files come as `folder/sub/a.yml`: the set keeps `sub/a.yml`. */
function pathInChoice(file: File): { folder: string | null; relativePath: string } {
  const parts = (file.webkitRelativePath || '').split('/');
  if (parts.length < 2) return { folder: null, relativePath: file.name };
  return { folder: parts[0] ?? null, relativePath: parts.slice(1).join('/') };
}

export function chooseRuleFiles(files: readonly File[]): ChosenRuleFiles {
  const send: ChosenRuleFiles['send'] = [];
  const skipped: ChosenRuleFiles['skipped'] = [];
  let folder: string | null = null;
  for (const file of files) {
    const where = pathInChoice(file);
    folder ??= where.folder;
    const reason = ruleFileSkipReason(where.relativePath);
    if (reason) skipped.push({ relativePath: where.relativePath, reason });
    else send.push({ relativePath: where.relativePath, file });
  }
  const problem =
    send.length === 0 && files.length > 0
      ? `No .yml or .yaml rule file among the ${files.length} chosen.`
      : ruleUploadProblem(send.map(({ relativePath, file }) => ({ relativePath, bytes: file.size })));
  return { folder, defaultName: folder ?? DEFAULT_RULE_SET_NAME, send, skipped, problem };
}

/** The chosen files' text; a file that is not UTF-8 text is named (a rule file is YAML text). */
export async function readRuleFiles(send: ChosenRuleFiles['send']): Promise<RuleUploadFile[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return Promise.all(
    send.map(async ({ relativePath, file }) => {
      const bytes = await file.arrayBuffer().catch(() => {
        throw new Error(`${relativePath}: cannot be read (was it moved or changed?). Choose it again.`);
      });
      try {
        return { relativePath, text: decoder.decode(bytes) };
      } catch {
        throw new Error(`${relativePath}: not UTF-8 text, so not a rule file.`);
      }
    }),
  );
}
