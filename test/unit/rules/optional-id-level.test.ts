// Rules without an `id` or a `level`: both are optional in the Sigma specification (only title,
// logsource and detection are required), so an analyst's hand-written rule without them loads.
// A missing id is derived from the rule's file (relative to its folder) and title; a missing
// level stays unset. The rules that really are invalid are still refused with file and reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRuleFolder, loadRuleText } from '../../../src-main/core/rules/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A rule document with only what the specification requires, and `extra` lines before it. */
const bare = (title: string, uri = '/admin', extra: string[] = []) =>
  [
    ...extra,
    `title: ${title}`,
    'logsource: { category: webserver }',
    'detection:',
    '  selection:',
    `    cs-uri-stem: ${uri}`,
    '  condition: selection',
  ].join('\n');

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-optional-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a rule without id or level', () => {
  it('loads, with a derived UUID marked as derived and no level', () => {
    const load = loadRuleText(bare('Admin page'), 'admin.yml');
    expect(load.refused).toEqual([]);
    const [rule] = load.rules;
    expect(rule?.id).toMatch(UUID);
    expect(rule?.derivedId).toBe(true);
    expect(rule?.level).toBeNull();
  });

  it('keeps a written id and level as written, not derived', () => {
    const load = loadRuleText(
      bare('Admin page', '/admin', ['id: 6F1C2B3A-4D5E-4F60-8A7B-9C0D1E2F3A4B', 'level: Medium']),
      'admin.yml',
    );
    expect(load.rules[0]).toMatchObject({ id: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', level: 'medium' });
    // Left out, so a stored rule with a written id is what it was before ids could be derived.
    expect(load.rules[0]).not.toHaveProperty('derivedId');
  });

  it('derives the same id from the same file and title, whatever the detection or the folder', () => {
    const a = loadRuleFolder(folder({ 'web/admin.yml': bare('Admin page', '/admin') }));
    const edited = loadRuleFolder(folder({ 'web/admin.yml': bare('Admin page', '/administrator') }));
    expect(a.rules[0]?.id).toBe(edited.rules[0]?.id);
    // The file's name within its folder counts, not where the folder is on this machine.
    expect(loadRuleText(bare('Admin page'), 'admin.yml', 'web/admin.yml').rules[0]?.id).toBe(a.rules[0]?.id);
  });

  it('derives another id for another title or another file', () => {
    const load = loadRuleFolder(
      folder({
        'a.yml': bare('Admin page', '/admin'),
        'b.yml': bare('Admin page', '/manager'),
        'c.yml': bare('Manager page', '/manager2'),
      }),
    );
    expect(load.refused).toEqual([]);
    expect(new Set(load.rules.map((r) => r.id)).size).toBe(3);
  });

  it('tells apart rules of one file that share a title, in their order', () => {
    const text = [bare('Probe', '/a'), bare('Probe', '/b'), bare('Probe', '/c')].join('\n---\n');
    const load = loadRuleText(text, 'probes.yml');
    expect(load.refused).toEqual([]);
    const ids = load.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(3);
    expect(loadRuleText(text, 'probes.yml').rules.map((r) => r.id)).toEqual(ids);
  });

  it('refuses the same id-less rule copied into a second file, as a second rule with one id is', () => {
    // The copy's lines moved (a comment above its detection): still the same rule.
    const copy = bare('Admin page').replace('detection:', '# copied from a.yml\ndetection:');
    const load = loadRuleFolder(folder({ 'a.yml': bare('Admin page'), 'copy/a.yml': copy }));
    expect(load.rules.map((r) => r.file)).toEqual([expect.stringMatching(/a\.yml$/)]);
    expect(load.refused).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/copy[/\\]a\.yml$/),
        kind: 'invalid',
        title: 'Admin page',
        reason: 'the same rule as "Admin page" (a.yml:1), loaded already: its hits would count twice',
      }),
    ]);
  });

  it('loads an id that is a plain identifier (the specification recommends a UUID), kept as written', () => {
    // Rule sets in use name rules `Vigil-SQLi-001` or `1017`: refusing them dropped real detections.
    const load = loadRuleText(
      [
        bare('One', '/a', ['id: Web-Probe-1']),
        bare('Two', '/b', ['id: "1017"']),
        bare('Three', '/c', ['id: web-probe-1']),
      ].join('\n---\n'),
      'ids.yml',
    );
    expect(load.rules.map((r) => [r.title, r.id, r.derivedId ?? false])).toEqual([
      ['One', 'Web-Probe-1', false],
      ['Two', '1017', false],
    ]);
    // Ids read alike in any case (a UUID is the same in capitals): the third is the first's.
    expect(load.refused.map((r) => [r.title, r.reason])).toEqual([
      ['Three', expect.stringMatching(/id web-probe-1 is already used by "One"/)],
    ]);
  });

  it('still refuses an id that is neither, and a level that is not a Sigma level', () => {
    const load = loadRuleText(
      [
        bare('One', '/a', ['id: rule 1']),
        bare('Two', '/b', ['level: severe']),
        bare('Three', '/c', ['id: "1:2024:3"']),
        bare('Four', '/d', ['id: 1017']),
      ].join('\n---\n'),
      'bad.yml',
    );
    expect(load.rules).toEqual([]);
    expect(load.refused.map((r) => [r.line, r.reason])).toEqual([
      [
        1,
        expect.stringMatching(
          /id "rule 1" is neither a UUID nor an identifier of letters, digits, "\.", "_" and "-"/,
        ),
      ],
      [9, expect.stringMatching(/level "severe" is not one of informational, low, medium, high, critical/)],
      [17, expect.stringMatching(/id "1:2024:3" is neither a UUID nor an identifier/)],
      // YAML reads 1017 as a number, which may not be the text its author wrote (01017, 1.017e3).
      [25, 'id is a number in YAML (1017): write it in quotes (id: "1017") so that it is kept as written'],
    ]);
  });

  it('refuses a rule without title, logsource or detection, or with a bad condition, with file and reason', () => {
    const text = [
      ['logsource: { category: webserver }', 'detection:', '  s: { cs-method: POST }', '  condition: s'],
      ['title: No logsource', 'detection:', '  s: { cs-method: POST }', '  condition: s'],
      ['title: No detection', 'logsource: { category: webserver }'],
      [
        'title: Bad condition',
        'logsource: { category: webserver }',
        'detection:',
        '  s: { cs-method: POST }',
        '  condition: s and (',
      ],
    ]
      .map((lines) => lines.join('\n'))
      .join('\n---\n');
    const load = loadRuleText(text, 'broken.yml');
    expect(load.rules).toEqual([]);
    expect(load.refused.map((r) => [r.file, r.title, r.kind, r.reason])).toEqual([
      ['broken.yml', null, 'invalid', 'the rule has no title'],
      ['broken.yml', 'No logsource', 'invalid', 'the rule has no logsource'],
      ['broken.yml', 'No detection', 'invalid', 'the rule has no detection'],
      ['broken.yml', 'Bad condition', 'invalid', expect.stringMatching(/condition/)],
    ]);
  });
});
