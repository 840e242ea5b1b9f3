// The layering rules of DESIGN.md as a check over the import graph: the core never imports the
// Electron shell, the server, the CLI or the renderer; the renderer never imports main-side code;
// src-shared imports only itself and zod. A rule broken anywhere fails here, file by file.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/temp.js';

const SOURCE = /\.(ts|tsx|mts)$/;

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

/**
 * Each import of `file`: a project path (for a relative one) or the package name. Static and
 * dynamic imports, re-exports and `import type` alike (a type import is still a dependency on the
 * other layer's code), as TypeScript's own pre-scan finds them: a comment or a string that reads
 * like `from 'other'` is not an import (a regex took one for one).
 */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: spec }) => {
    if (!spec.startsWith('.'))
      return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);
    return path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
  });
}

interface Rule {
  files: string;
  /** What the files may not import: project folders, or package names. */
  never: (target: string) => boolean;
  why: string;
}

const under = (folder: string) => (target: string) => target === folder || target.startsWith(`${folder}/`);

const RULES: Rule[] = [
  {
    files: 'src-main/core',
    never: (t) =>
      ['src-main/electron', 'src-main/server', 'src-main/cli', 'src-renderer'].some((f) => under(f)(t)) ||
      t === 'electron',
    why: 'the core is plain Node, run headless by the CLI, serve mode and the tests',
  },
  {
    files: 'src-renderer',
    never: (t) => under('src-main')(t) || t.startsWith('node:') || t === 'electron',
    why: 'the renderer reaches the core only through the contract (src-shared)',
  },
  {
    files: 'src-shared',
    never: (t) => !(under('src-shared')(t) || t === 'zod'),
    why: 'the contract is read by both sides: only itself and zod',
  },
  {
    files: 'src-main/server',
    never: (t) =>
      ['src-main/electron', 'src-main/cli', 'src-renderer'].some((f) => under(f)(t)) || t === 'electron',
    why: 'serve mode is a face of the core, beside the others',
  },
  {
    files: 'src-main/cli',
    never: (t) => ['src-main/electron', 'src-renderer'].some((f) => under(f)(t)) || t === 'electron',
    why: 'the CLI is a face of the core, beside the others',
  },
];

describe('layering', () => {
  for (const rule of RULES) {
    it(`${rule.files} never imports across its layer (${rule.why})`, () => {
      const broken = filesUnder(rule.files).flatMap((file) =>
        importsOf(file)
          .filter((target) => rule.never(target))
          .map((target) => `${file} -> ${target}`),
      );
      expect(broken).toEqual([]);
    });
  }

  it('sees the imports it judges (a rule over no edges could not fail)', () => {
    expect(importsOf('src-main/core/service.ts')).toContain('src-shared/api.js');
    expect(importsOf('src-shared/api.ts')).toContain('zod');
  });
});

/** better-sqlite3's calls that run SQL or change the connection; `exec` is also RegExp's, so it counts with SQL text only. */
const SQLITE_CALLS = new Set(['prepare', 'pragma', 'aggregate', 'function', 'table']);
const SQL_TEXT =
  /^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|WITH|VACUUM|ANALYZE)\b/i;

/** Each call in `file` that hands SQLite a statement or a setting, as `file:line name`. */
function sqliteCallsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      const first = node.arguments[0];
      const sqlText =
        first &&
        (ts.isStringLiteral(first) ||
          ts.isNoSubstitutionTemplateLiteral(first) ||
          ts.isTemplateExpression(first))
          ? first.getText(source).slice(1)
          : '';
      if (SQLITE_CALLS.has(name) || (name === 'exec' && SQL_TEXT.test(sqlText))) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push(`${file}:${line} ${name}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('SQLite statements live in core/db (DESIGN: the only place SQL lives)', () => {
  it('no file of src-main outside core/db prepares a statement or sets a pragma', () => {
    const outside = filesUnder('src-main').filter((file) => !under('src-main/core/db')(file));
    expect(outside.flatMap(sqliteCallsOf)).toEqual([]);
  });

  it('finds the calls it judges (a check over no call could not fail)', () => {
    expect(sqliteCallsOf('src-main/core/db/open.ts').some((call) => call.endsWith(' pragma'))).toBe(true);
    expect(sqliteCallsOf('src-main/core/db/tags.ts').some((call) => call.endsWith(' prepare'))).toBe(true);
  });
});
