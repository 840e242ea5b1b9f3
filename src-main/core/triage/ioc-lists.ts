// IOC lists (known bad / known good IPs and CIDR blocks): import, list, remove. Marks on stored
// IPs are recomputed in the same transaction, so a list applies to existing sessions at once.
import { must } from '../../../src-shared/must.js';
import type { IocImportResult, IocKind } from '../../../src-shared/triage.js';
import { recordAction } from '../db/audit.js';
import { deleteIocList, insertIocList, listIocLists } from '../db/ioc.js';
import type { Db } from '../db/open.js';
import { refreshIocMarks } from './ioc-marks.js';
import { parseIocText } from './ioc-parse.js';

export function importIocList(
  db: Db,
  analyst: string,
  args: { name: string; kind: IocKind; text: string; source?: string },
): IocImportResult {
  const { entries, bad } = parseIocText(args.text);
  if (entries.length === 0) {
    const shown = bad
      .slice(0, 5)
      .map((b) => `line ${b.line}: ${b.reason}`)
      .join('; ');
    throw new Error(`No IP address or CIDR block in the list${shown ? ` (${shown})` : ''}.`);
  }
  return db
    .transaction(() => {
      if (listIocLists(db).some((l) => l.name.toLowerCase() === args.name.toLowerCase()))
        throw new Error(`An IOC list named "${args.name}" exists; remove it first.`);
      const id = insertIocList(db, {
        name: args.name,
        kind: args.kind,
        source: args.source ?? null,
        entries,
      });
      refreshIocMarks(db);
      const after = { name: args.name, kind: args.kind, entries: entries.length };
      recordAction(db, { analyst, kind: 'ioc-add', summary: `added IOC list "${args.name}"` }, [
        { entity: 'ioc_list', entityId: id, field: 'list', before: null, after },
      ]);
      const list = must(
        listIocLists(db).find((l) => l.id === id),
        `the IOC list ${id} just added`,
      );
      return { list, bad };
    })
    .immediate();
}

export function removeIocList(db: Db, analyst: string, nameOrId: string | number): { removed: string } {
  return db
    .transaction(() => {
      const list = listIocLists(db).find(
        (l) => l.name.toLowerCase() === String(nameOrId).toLowerCase() || l.id === Number(nameOrId),
      );
      if (!list) throw new Error(`No IOC list "${nameOrId}".`);
      deleteIocList(db, list.id);
      const before = { name: list.name, kind: list.kind, entries: list.entries };
      recordAction(db, { analyst, kind: 'ioc-remove', summary: `removed IOC list "${list.name}"` }, [
        { entity: 'ioc_list', entityId: list.id, field: 'list', before, after: null },
      ]);
      return { removed: list.name };
    })
    .immediate();
}
