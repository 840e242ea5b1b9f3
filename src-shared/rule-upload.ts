// Rules the analyst adds from the page: the chosen files travel as text (relative path + text),
// never as a path on the machine, and the main side writes them into a folder Vigil owns beside
// the workspace database. The checks live here so the page can say what is wrong before sending,
// and the transports refuse the same things whatever a page sends.
import { z } from 'zod';

const MiB = 1024 * 1024;

/** A rule file larger than this is refused (the largest real rule files are tens of KB). */
export const RULE_FILE_MAX_BYTES = MiB;

export const RULE_UPLOAD_LIMITS = {
  files: 2000,
  fileBytes: RULE_FILE_MAX_BYTES,
  totalBytes: 20 * MiB,
  pathChars: 1024,
  nameChars: 100,
} as const;

/**
 * The largest JSON request the HTTP transport reads for an upload: JSON writes a line break or a
 * tab as two characters, and YAML holds no other control character, so twice the text plus room
 * for the paths is enough for any upload within the limits.
 */
export const RULE_UPLOAD_BODY_BYTES = 2 * RULE_UPLOAD_LIMITS.totalBytes + MiB;

/** The set's name when the analyst gives none and chose no folder. */
export const DEFAULT_RULE_SET_NAME = 'my rules';

const RULE_FILE = /\.ya?ml$/i;

/**
 * Why a chosen file is left out rather than sent, or null: only .yml/.yaml files are rules, and the
 * folder loader leaves hidden files and folders out (a cloned repository's `.github/`).
 */
export function ruleFileSkipReason(relativePath: string): string | null {
  if (!RULE_FILE.test(relativePath)) return 'not a .yml or .yaml file';
  if (relativePath.split('/').some((part) => part.startsWith('.')))
    return 'hidden (its name or a folder of it starts with a dot)';
  return null;
}

/** Why `relativePath` cannot name a file inside the set's folder, or null. */
export function unsafeRulePathReason(relativePath: string): string | null {
  if (relativePath.includes('\0')) return 'holds a NUL character';
  if (relativePath.includes('\\')) return 'holds a backslash (folders are written with /)';
  if (relativePath.startsWith('/') || /^[A-Za-z]:/.test(relativePath)) return 'is absolute';
  const parts = relativePath.split('/');
  if (parts.some((part) => part === '')) return 'has an empty part (// or a / at an end)';
  if (parts.some((part) => part === '.' || part === '..')) return 'has a . or .. part';
  return null;
}

/** The size of `text` written as UTF-8 (a lone surrogate as the 3-byte replacement character). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** What the checks need of a chosen file: its path within the choice and its size in bytes. */
export interface RuleFileSize {
  relativePath: string;
  bytes: number;
}

/**
 * The first reason the files cannot be sent as one set, or null: too many, too large, a path that
 * leaves the folder, a file that is not a rule file, or two files of one name (in any case, as a
 * case-insensitive disk would store them) or a file where another needs a folder.
 */
export function ruleUploadProblem(files: readonly RuleFileSize[]): string | null {
  const { files: maxFiles, fileBytes, totalBytes } = RULE_UPLOAD_LIMITS;
  if (files.length === 0) return 'Choose at least one .yml or .yaml rule file.';
  if (files.length > maxFiles) return `${files.length} rule files: at most ${maxFiles} can be added at once.`;
  const names = new Set<string>();
  const folders = new Set<string>();
  let total = 0;
  for (const { relativePath, bytes } of files) {
    const unsafe = unsafeRulePathReason(relativePath);
    if (unsafe) return `${relativePath}: the path ${unsafe}.`;
    const skip = ruleFileSkipReason(relativePath);
    if (skip) return `${relativePath}: ${skip}.`;
    if (bytes > fileBytes)
      return `${relativePath}: larger than ${fileBytes / MiB} MiB (a rule file is a few KB).`;
    total += bytes;
    const key = relativePath.toLowerCase();
    if (names.has(key)) return `${relativePath}: two files of this name.`;
    names.add(key);
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  if (total > totalBytes)
    return `The files hold ${(total / MiB).toFixed(1)} MiB: at most ${totalBytes / MiB} MiB.`;
  for (const name of names)
    if (folders.has(name)) return `${name} is both a file and a folder of other files.`;
  return null;
}

/**
 * The folder name a set is stored under: the name in lower case, runs of anything but letters,
 * digits, `.`, `_` and `-` written as one `-`, no dot or dash at either end (never hidden, never
 * `..`). Names that differ only in case or punctuation are one set, on every disk.
 */
export function ruleSetFolderName(name: string): string {
  const safe = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+/, '')
    .slice(0, 64)
    .replace(/[-.]+$/, '');
  return safe || ruleSetFolderName(DEFAULT_RULE_SET_NAME);
}

export const RuleUploadFile = z.strictObject({
  /** Where the file goes inside the set's folder, as chosen (`web/sqli.yml`); checked below. */
  relativePath: z.string().min(1).max(RULE_UPLOAD_LIMITS.pathChars),
  text: z.string().max(RULE_UPLOAD_LIMITS.fileBytes),
});
export type RuleUploadFile = z.infer<typeof RuleUploadFile>;

export const AddRuleFilesArgs = z
  .strictObject({
    /** The set's name; its folder is `ruleSetFolderName(name)`. Adding the same name again replaces it. */
    name: z.string().trim().min(1).max(RULE_UPLOAD_LIMITS.nameChars),
    files: z.array(RuleUploadFile).max(RULE_UPLOAD_LIMITS.files),
  })
  .superRefine((args, ctx) => {
    const problem = ruleUploadProblem(
      args.files.map((file) => ({ relativePath: file.relativePath, bytes: utf8Bytes(file.text) })),
    );
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['files'] });
  });
export type AddRuleFilesArgs = z.infer<typeof AddRuleFilesArgs>;
