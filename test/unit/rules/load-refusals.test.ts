// The Sigma loader on rules it must refuse: each refusal names the file, the line of the part at
// fault and the reason, and the other rules of the same file still load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleFolder, loadRuleText } from '../../../src-main/core/rules/index.js';

const rule = (n: number, logsource: string, detection: string[], extra: string[] = []) =>
  [
    `title: rule ${n}`,
    `id: 00000000-0000-4000-8000-00000000000${n}`,
    'level: low',
    ...extra,
    `logsource: ${logsource}`,
    'detection:',
    ...detection.map((line) => `  ${line}`),
  ].join('\n');

const COLLECTION = [
  rule(1, '{ category: webserver }', ['s:', '  cs-uri-query|contains|all: [a, b]', 'condition: s']),
  rule(2, '{ category: webserver }', ['s:', '  cs-uri-query|utf16le|base64: abc', 'condition: s']),
  rule(3, '{ category: webserver }', ['s:', '  TargetFilename: abc', 'condition: s']),
  rule(4, '{ category: process_creation, product: windows }', [
    's:',
    '  Image|endswith: cmd.exe',
    'condition: s',
  ]),
  rule(5, '{ category: proxy }', ['s:', '  c-uri: /x', 'condition: s and missing']),
  rule(6, '{ category: firewall }', [
    's1:',
    '  dst_port: 445',
    's2:',
    '  dst_ip|cidr: 10.0.0.0/8',
    'condition: 1 of s*',
  ]),
  rule(7, '{ category: webserver }', ['s:', '  cs-uri-stem: /login', 'condition: s | count() by c-ip > 10']),
].join('\n---\n');

describe('loading Sigma rules', () => {
  it('loads what it evaluates and refuses the rest with file, line and reason', () => {
    const load = loadRuleText(COLLECTION, 'mixed.yml');
    expect(load.rules.map((r) => r.title)).toEqual(['rule 1', 'rule 6']);
    const refused = load.refused.map(({ file, line, kind, title, reason }) => ({
      file,
      line,
      kind,
      title,
      reason,
    }));
    expect(refused).toEqual([
      {
        file: 'mixed.yml',
        line: 16,
        kind: 'unsupported',
        title: 'rule 2',
        reason: expect.stringMatching(/utf16le: UTF-16/),
      },
      {
        file: 'mixed.yml',
        line: 25,
        kind: 'unsupported',
        title: 'rule 3',
        reason: expect.stringMatching(/field "TargetFilename" has no equivalent/),
      },
      {
        file: 'mixed.yml',
        line: 31,
        kind: 'not-applicable',
        title: 'rule 4',
        reason: expect.stringMatching(/category "process_creation" is not data Vigil has/),
      },
      {
        file: 'mixed.yml',
        line: 44,
        kind: 'invalid',
        title: 'rule 5',
        reason: expect.stringMatching(/refers to "missing"/),
      },
      {
        file: 'mixed.yml',
        line: expect.any(Number),
        kind: 'unsupported',
        title: 'rule 7',
        reason: expect.stringMatching(/count/),
      },
    ]);
  });

  it('points a refusal at the line in the action: global or repeated document that holds the fault', () => {
    const text = [
      'action: global', // 1
      'title: shared',
      'level: low',
      'logsource: { category: webserver }',
      'detection:', // 5
      '  s:',
      '    cs-uri-stem|expand: /%admin%', // 7: the fault, inherited by the rule below
      '  condition: s and t',
      '---',
      'id: 00000000-0000-4000-8000-000000000001', // 10
      'detection:',
      '  t:',
      '    cs-method: POST',
      '---',
      'action: reset', // 15
      '---',
      'title: first',
      'id: 00000000-0000-4000-8000-000000000002',
      'level: low',
      'logsource: { category: webserver }', // 20
      'detection:',
      '  s:',
      '    cs-uri-stem|fieldref: cs-host', // 23: the fault, repeated below
      '    cs-method: GET',
      '  condition: s', // 25
      '---',
      'action: repeat',
      'id: 00000000-0000-4000-8000-000000000003',
      'title: second',
      'detection:', // 30
      '  s:',
      '    cs-method: PUT',
    ].join('\n');
    const load = loadRuleText(text, 'collection.yml');
    expect(load.refused.map((r) => [r.title, r.line])).toEqual([
      ['shared', 7],
      ['first', 23],
      ['second', 23],
    ]);
  });

  it('refuses a rule whose id is not an identifier, and a file that is not YAML, and reads a folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-rules-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'a.yml'),
        rule(1, '{ category: webserver }', ['s:', '  cs-method: POST', 'condition: s']),
      );
      fs.writeFileSync(path.join(dir, 'b.yaml'), 'title: x\nid: not a uuid\nlevel: low\n');
      fs.writeFileSync(path.join(dir, 'c.yml'), 'title: [unclosed\n');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a rule file');
      const load = loadRuleFolder(dir);
      expect(load.files).toBe(3);
      expect(load.rules.map((r) => r.title)).toEqual(['rule 1']);
      expect(load.refused.map((r) => [path.basename(r.file), r.line, r.kind])).toEqual([
        ['b.yaml', 2, 'invalid'],
        ['c.yml', 2, 'invalid'],
      ]);
      expect(load.refused[0]?.reason).toMatch(/neither a UUID nor an identifier/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the first rule of a duplicated id by its file within the folder, as the refusal's own file is shown", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-rules-'));
    try {
      fs.mkdirSync(path.join(dir, 'web'));
      const body = ['s:', '  cs-method: POST', 'condition: s'];
      fs.writeFileSync(path.join(dir, 'web', 'a.yml'), rule(1, '{ category: webserver }', body));
      fs.writeFileSync(path.join(dir, 'web', 'b.yml'), rule(1, '{ category: webserver }', body));
      const load = loadRuleFolder(dir);
      expect(load.refused.map((r) => r.reason)).toEqual([
        `id 00000000-0000-4000-8000-000000000001 is already used by "rule 1" (${path.join('web', 'a.yml')}:1)`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
