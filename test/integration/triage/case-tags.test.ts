// Tags on cases (migration 007): the session tags and colours, tagged and untagged through the
// core, the service and the CLI, audited, filterable, and gone with their case or their tag.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerCase } from '../../../src-main/cli/commands/case.js';
import { entityHistory } from '../../../src-main/core/db/audit.js';
import { listTags } from '../../../src-main/core/db/tags.js';
import { createCore } from '../../../src-main/core/service.js';
import {
  caseDetail,
  createCase,
  deleteCase,
  findCases,
  tagCase,
} from '../../../src-main/core/triage/case-actions.js';
import { tagSessions } from '../../../src-main/core/triage/tag-actions.js';
import { type ArgsOf, type OperationName, operations, type ResultOf } from '../../../src-shared/api.js';
import { runCli } from '../../helpers/run-cli.js';
import { cloudwatchLine, importLines, workspace } from './harness.js';

const newCase = (ws: ReturnType<typeof workspace>, title: string) =>
  createCase(ws.db, 'ana', { title, severity: 'high', summary: '', sessionIds: [], ips: [] });

const tagNames = (ws: ReturnType<typeof workspace>, id: number) =>
  caseDetail(ws.db, id).case.tags.map((t) => t.name);

const linkCount = (ws: ReturnType<typeof workspace>) =>
  ws.db.prepare('SELECT count(*) FROM case_tags').pluck().get() as number;

afterEach(() => vi.restoreAllMocks());

describe('case tags', () => {
  it('reads the case list filter by index and keeps one link per case and tag', () => {
    const ws = workspace();
    const plan = (
      ws.db.prepare('EXPLAIN QUERY PLAN SELECT case_id FROM case_tags WHERE tag_id = 1').all() as {
        detail: string;
      }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/INDEX case_tags_tag/);
    const id = newCase(ws, 'one');
    ws.db.prepare(`INSERT INTO tags (name, colour) VALUES ('x', '#000000')`).run();
    ws.db.prepare('INSERT INTO case_tags (case_id, tag_id) VALUES (?, 1)').run(id);
    expect(() => ws.db.prepare('INSERT INTO case_tags (case_id, tag_id) VALUES (?, 1)').run(id)).toThrow(
      /UNIQUE|PRIMARY KEY/,
    );
    expect(() => ws.db.prepare('INSERT INTO case_tags (case_id, tag_id) VALUES (999, 1)').run()).toThrow(
      /FOREIGN KEY/,
    );
    expect(() => ws.db.prepare('INSERT INTO case_tags (case_id, tag_id) VALUES (?, 999)').run(id)).toThrow(
      /FOREIGN KEY/,
    );
  });

  it('tags with the session tags (new names create a tag), untags, and audits each change', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [cloudwatchLine({ srcIp: '203.0.113.9' })]);
    tagSessions(ws.db, 'ana', { tag: 'evidence', sessionIds: ids, on: true });
    const evidence = listTags(ws.db).find((t) => t.name === 'evidence')!;
    const id = newCase(ws, 'Night Owl');

    // Names match the existing tag whatever their case; a new one gets a palette colour.
    expect(tagCase(ws.db, 'bob', { caseId: id, tags: ['EVIDENCE', 'suspicious'], on: true })).toEqual({
      added: ['evidence', 'suspicious'],
      removed: [],
    });
    const tags = caseDetail(ws.db, id).case.tags;
    expect(tags.map((t) => t.name)).toEqual(['evidence', 'suspicious']);
    expect(tags[0]!.colour).toBe(evidence.colour);
    expect(tags[1]!.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(listTags(ws.db).map((t) => t.name)).toEqual(['evidence', 'suspicious']);

    // Tagging again changes nothing and writes no audit entry.
    const before = entityHistory(ws.db, 'case', id).length;
    expect(tagCase(ws.db, 'bob', { caseId: id, tags: ['suspicious'], on: true }).added).toEqual([]);
    expect(entityHistory(ws.db, 'case', id)).toHaveLength(before);

    expect(tagCase(ws.db, 'cat', { caseId: id, tags: ['evidence', 'never-made'], on: false })).toEqual({
      added: [],
      removed: ['evidence'],
    });
    expect(tagNames(ws, id)).toEqual(['suspicious']);
    // Untagging the case leaves the tag on its sessions.
    expect(listTags(ws.db).find((t) => t.name === 'evidence')?.sessions).toBe(1);

    const history = entityHistory(ws.db, 'case', id).filter((h) => h.field === 'tags');
    expect(history.map((h) => [h.analyst, h.kind, h.before, h.after])).toEqual([
      ['bob', 'case-tags', [], ['evidence', 'suspicious']],
      ['cat', 'case-tags', ['evidence', 'suspicious'], ['suspicious']],
    ]);
    expect(() => tagCase(ws.db, 'bob', { caseId: 999, tags: ['x'], on: true })).toThrow(
      /No case with id 999/,
    );
    // A refused change leaves no tag behind.
    expect(listTags(ws.db).map((t) => t.name)).not.toContain('x');
  });

  it('lists cases by tag (and status), and the links go with a deleted case or tag', () => {
    const ws = workspace();
    const a = newCase(ws, 'a');
    const b = newCase(ws, 'b');
    const c = newCase(ws, 'c');
    tagCase(ws.db, 'ana', { caseId: a, tags: ['phishing', 'evidence'], on: true });
    tagCase(ws.db, 'ana', { caseId: b, tags: ['phishing'], on: true });
    const ids = (filter: Parameters<typeof findCases>[1]) =>
      findCases(ws.db, filter)
        .map((x) => x.id)
        .sort();
    expect(ids({ tag: 'phishing' })).toEqual([a, b]);
    expect(ids({ tag: 'Evidence' })).toEqual([a]);
    expect(ids({ tag: 'unknown' })).toEqual([]);
    expect(ids({})).toEqual([a, b, c]);
    ws.db.prepare(`UPDATE cases SET status = 'closed' WHERE id = ?`).run(b);
    expect(ids({ tag: 'phishing', status: 'closed' })).toEqual([b]);
    expect(
      findCases(ws.db, { tag: 'phishing' })
        .find((x) => x.id === a)
        ?.tags.map((t) => t.name),
    ).toEqual(['evidence', 'phishing']);

    expect(linkCount(ws)).toBe(3);
    deleteCase(ws.db, 'ana', a);
    expect(linkCount(ws)).toBe(1);
    // The deleted case's tags are in its audit entry.
    const deleted = entityHistory(ws.db, 'case', a).find((h) => h.kind === 'case-delete')!;
    expect((deleted.before as { case: { tags: { name: string }[] } }).case.tags.map((t) => t.name)).toEqual([
      'evidence',
      'phishing',
    ]);
    ws.db.prepare(`DELETE FROM tags WHERE name = 'phishing'`).run();
    expect(linkCount(ws)).toBe(0);
    expect(tagNames(ws, b)).toEqual([]);
  });

  it('goes through the service schemas: tagCase, listCases by tag, getCase with tags', async () => {
    const ws = workspace();
    const core = createCore({ dbPath: ws.dbPath });
    const call = async <K extends OperationName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> => {
      const parsed = operations[name].args.parse(args);
      const value = await (core.service[name] as (a: unknown) => Promise<unknown>)(parsed);
      return operations[name].result.parse(value) as ResultOf<K>;
    };
    try {
      const { case: created } = await call('createCase', { title: 'Night Owl' });
      expect(created.tags).toEqual([]);
      const tagged = await call('tagCase', { caseId: created.id, tags: ['evidence'] });
      expect(tagged.case.tags).toEqual([{ name: 'evidence', colour: expect.stringMatching(/^#/) }]);
      expect((await call('getCase', { id: created.id })).case.tags.map((t) => t.name)).toEqual(['evidence']);
      expect((await call('listCases', { tag: 'evidence' })).map((c) => c.id)).toEqual([created.id]);
      await call('tagCase', { caseId: created.id, tags: ['evidence'], on: false });
      expect(await call('listCases', { tag: 'evidence' })).toEqual([]);
      expect(() => operations.tagCase.args.parse({ caseId: 1, tags: [] })).toThrow();
      expect(() => operations.tagCase.args.parse({ caseId: 1, tags: ['a\u0007b'] })).toThrow();
    } finally {
      await core.close();
    }
  });

  it('vigil case tag / untag / list --tag', async () => {
    const ws = workspace();
    const id = newCase(ws, 'Night Owl');
    newCase(ws, 'Other');
    ws.db.close();
    const vigil = (...args: string[]) => runCli([registerCase], [...args, '--db', ws.dbPath]);

    const tagged = await vigil('case', 'tag', String(id), 'evidence', 'c2', '--json');
    expect(tagged.error).toBeNull();
    expect(JSON.parse(tagged.stdout)).toEqual({
      added: ['evidence', 'c2'],
      removed: [],
      tags: ['c2', 'evidence'],
    });
    const listed = JSON.parse((await vigil('case', 'list', '--tag', 'c2', '--json')).stdout);
    expect(listed.map((c: { id: number }) => c.id)).toEqual([id]);
    expect(listed[0].tags.map((t: { name: string }) => t.name)).toEqual(['c2', 'evidence']);
    expect((await vigil('case', 'list')).stdout).toMatch(/c2, evidence/);

    const untagged = await vigil('case', 'untag', String(id), 'c2');
    expect(untagged.stdout).toMatch(/Untagged case \d+: c2\. Tags: evidence\./);
    expect((await vigil('case', 'list', '--tag', 'c2')).stdout).toMatch(/No case matches/);
    expect((await vigil('case', 'tag', '999', 'x')).error?.message).toMatch(/No case with id 999/);
    expect((await vigil('case', 'list', '--tag', 'x'.repeat(61))).error?.message).toMatch(
      /--tag "x{61}": Too big: expected string to have <=60 characters/,
    );
  });
});
