import type { IocKind, IocList } from '../../../src-shared/triage.js';
import type { Db } from './open.js';
import { unusedIdSql } from './unused-id.js';

export interface IocEntryRow {
  family: 4 | 6;
  /** IPv4: integer; IPv6: 32 hex digits. */
  lo: number | string;
  hi: number | string;
  text: string;
  line: number;
}

export function listIocLists(db: Db): IocList[] {
  return db
    .prepare(
      `SELECT l.id, l.name, l.kind, l.source, l.created_at AS createdAt,
         (SELECT count(*) FROM ioc_entries e WHERE e.list_id = l.id) AS entries,
         (SELECT count(*) FROM ioc_marks m WHERE m.list_id = l.id) AS matchedIps
       FROM ioc_lists l ORDER BY l.name`,
    )
    .all() as IocList[];
}

export function insertIocList(
  db: Db,
  list: { name: string; kind: IocKind; source: string | null; entries: readonly IocEntryRow[] },
): number {
  const id = Number(
    db
      // An IOC list id is never reused: see unused-id.ts.
      .prepare(
        `INSERT INTO ioc_lists (id, name, kind, source, created_at)
         VALUES (${unusedIdSql('ioc_lists', 'ioc_list')}, ?, ?, ?, ?)`,
      )
      .run(list.name, list.kind, list.source, Date.now()).lastInsertRowid,
  );
  const insert = db.prepare(
    'INSERT INTO ioc_entries (list_id, family, lo, hi, text, line) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const e of list.entries) insert.run(id, e.family, e.lo, e.hi, e.text, e.line);
  return id;
}

/** Removes a list; its entries and marks go with it (foreign key cascade), unmarking its IPs. */
export function deleteIocList(db: Db, id: number): void {
  db.prepare('DELETE FROM ioc_lists WHERE id = ?').run(id);
}

export function allIocEntries(db: Db): (IocEntryRow & { listId: number })[] {
  return db
    .prepare('SELECT list_id AS listId, family, lo, hi, text, line FROM ioc_entries ORDER BY list_id, lo')
    .all() as (IocEntryRow & { listId: number })[];
}

/** Every distinct IP stored as a source or destination, from the rollups (no session scan). */
export function iterateStoredIps(db: Db): IterableIterator<string> {
  return db
    .prepare(
      `SELECT src_ip FROM rollup_sources
       UNION SELECT dst_ip FROM rollup_pairs WHERE dst_ip <> ''`,
    )
    .pluck()
    .iterate() as IterableIterator<string>;
}

export function replaceIocMarks(db: Db, marks: Iterable<[ip: string, listId: number]>): void {
  db.prepare('DELETE FROM ioc_marks').run();
  const insert = db.prepare('INSERT OR IGNORE INTO ioc_marks (ip, list_id) VALUES (?, ?)');
  for (const [ip, listId] of marks) insert.run(ip, listId);
}

/** Lists that mark these IPs. */
export function iocMatchesOf(db: Db, ips: readonly string[]): Map<string, { list: string; kind: IocKind }[]> {
  const rows = db
    .prepare(
      `SELECT m.ip, l.name AS list, l.kind FROM ioc_marks m JOIN ioc_lists l ON l.id = m.list_id
       WHERE m.ip IN (SELECT value FROM json_each(?)) ORDER BY l.name`,
    )
    .all(JSON.stringify(ips)) as { ip: string; list: string; kind: IocKind }[];
  const map = new Map<string, { list: string; kind: IocKind }[]>();
  for (const { ip, ...match } of rows) map.set(ip, [...(map.get(ip) ?? []), match]);
  return map;
}

export function hasIocLists(db: Db): boolean {
  return db.prepare('SELECT 1 FROM ioc_lists LIMIT 1').get() !== undefined;
}
