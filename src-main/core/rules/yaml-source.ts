// A YAML file as the loader reads it, through the `yaml` package: its documents as plain values,
// each with a way to find the line of any path inside it (for refusals that point at the line).

import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  visit,
} from 'yaml';
import type { YamlPath } from './rule-error.js';

export interface YamlDocument {
  /** The document as plain data, or undefined when it did not parse (see `error`). */
  value: unknown;
  /** The first parse error, with its line. */
  error: { line: number; message: string } | null;
  /** 1-based line where the document starts. */
  line: number;
  /** The line of the node at `path`, or of its nearest ancestor that exists. */
  lineOf(path: YamlPath): number;
  /** Whether the document itself holds the node at `path` (not only an ancestor). */
  holds(path: YamlPath): boolean;
}

export function readYamlDocuments(text: string): YamlDocument[] {
  const counter = new LineCounter();
  // Duplicate keys are errors (uniqueKeys, the default), aliases are bounded (maxAliasCount), and
  // the core schema keeps `yes`/`no`/`on` as the strings a rule author meant.
  const documents = parseAllDocuments(text, { lineCounter: counter, prettyErrors: false });
  const lineAt = (offset: number) => counter.linePos(offset).line;
  return Array.from(documents, (doc: Document.Parsed) => {
    const start = lineAt(doc.contents?.range[0] ?? doc.range[0]);
    const resolve = (path: YamlPath) => {
      let node: unknown = doc.contents;
      let line = start;
      for (const key of path) {
        const found = child(node, key);
        if (!found) return { line, whole: false };
        line = lineAt(found.at);
        node = found.node;
      }
      return { line, whole: true };
    };
    const lineOf = (path: YamlPath) => resolve(path).line;
    const holds = (path: YamlPath) => resolve(path).whole;
    const first = doc.errors[0];
    if (first) {
      const line = first.linePos?.[0].line ?? lineAt(first.pos[0]);
      return {
        value: undefined,
        error: { line, message: first.message.split('\n')[0] ?? '' },
        line: start,
        lineOf,
        holds,
      };
    }
    keepNumberSpellings(doc);
    try {
      return { value: doc.toJS({ maxAliasCount: 100 }), error: null, line: start, lineOf, holds };
    } catch (error) {
      // An alias that names no anchor (often an unquoted `*admin*`, which YAML reads as an alias)
      // or too many aliases: the document parsed, but has no value to give.
      const line = lineAt(firstAliasAt(doc) ?? doc.range[0]);
      const message = (error as Error).message.split('\n')[0] ?? '';
      const hint = /unresolved alias/i.test(message) ? ' (a value starting with * must be quoted)' : '';
      return { value: undefined, error: { line, message: message + hint }, line: start, lineOf, holds };
    }
  });
}

/**
 * An unquoted number that JavaScript would write otherwise (`007`, `5.0`, `0x41`, `1e3`) is kept
 * as the text written: a rule compares it with text fields as written (`contains: 5.0` must not
 * become `5`), and field-test.ts still reads it as a number where one is wanted (`gte: 5e2`).
 */
function keepNumberSpellings(doc: Document.Parsed): void {
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'number' && node.type === 'PLAIN' && node.source !== undefined)
        if (node.source !== String(node.value)) node.value = node.source;
    },
  });
}

function firstAliasAt(doc: Document.Parsed): number | null {
  let at: number | null = null;
  visit(doc, {
    Alias(_, node) {
      at = node.range?.[0] ?? null;
      return visit.BREAK;
    },
  });
  return at;
}

function child(node: unknown, key: string | number): { node: unknown; at: number } | null {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const name = isScalar(keyNode) ? String(keyNode.value) : null;
      if (name === String(key) && keyNode?.range) return { node: pair.value, at: keyNode.range[0] };
    }
    return null;
  }
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key] as Node | undefined;
    return item?.range ? { node: item, at: item.range[0] } : null;
  }
  return null;
}
