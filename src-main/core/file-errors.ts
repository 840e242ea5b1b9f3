// Why a file cannot be read, in words rather than errno codes (`ENOENT: no such file or directory,
// open …` told a new user little). The import pipeline records these words as a refused import's
// reason; the CLI says them of the files its commands read.
import fs from 'node:fs';

/** Null when `file` is a readable file; otherwise the reason, in plain words. */
export function whyUnreadable(file: string): string | null {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    return inPlainWords((error as Error).message);
  }
  if (!stat) return 'no such file (check the name and the folder)';
  if (stat.isDirectory()) return 'this is a folder; name the log files in it (e.g. folder/*.csv)';
  if (!stat.isFile()) return 'not a regular file (a device, socket or pipe cannot be imported)';
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    return 'permission denied: your user cannot read this file';
  }
  return null;
}

const PLAIN: Record<string, string> = {
  ENOENT: 'no such file (it may have been moved or deleted)',
  EISDIR: 'this is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  EMFILE: 'too many files are open',
  ENOTDIR: 'a name in the path is a file, not a folder',
};

/** A Node file-system message (`ECODE: text, syscall 'path'`) in words; other messages as they are. */
export function inPlainWords(message: string): string {
  const code = /^(E[A-Z]+): /.exec(message)?.[1];
  return code && PLAIN[code] ? PLAIN[code] : message;
}
