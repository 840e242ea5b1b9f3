// Keeps ioc_marks (which stored IPs fall in which list) current: after a list is added, and after
// every import, so a list applies to sessions stored before and after it.
import { allIocEntries, hasIocLists, iterateStoredIps, replaceIocMarks } from '../db/ioc.js';
import type { Db } from '../db/open.js';
import { addressKey, boundFromStored } from './ip-ranges.js';
import { RangeSet } from './range-set.js';

/** Recomputes every mark: one pass over the distinct stored IPs, a binary search per list. */
export function refreshIocMarks(db: Db): number {
  if (!hasIocLists(db)) {
    replaceIocMarks(db, []);
    return 0;
  }
  const byList = new Map<number, { 4: { lo: bigint; hi: bigint }[]; 6: { lo: bigint; hi: bigint }[] }>();
  for (const entry of allIocEntries(db)) {
    const ranges = byList.get(entry.listId) ?? { 4: [], 6: [] };
    ranges[entry.family].push({ lo: boundFromStored(entry.lo), hi: boundFromStored(entry.hi) });
    byList.set(entry.listId, ranges);
  }
  const sets = [...byList].map(([listId, ranges]) => ({
    listId,
    4: new RangeSet(ranges[4]),
    6: new RangeSet(ranges[6]),
  }));
  const marks: [string, number][] = [];
  for (const ip of iterateStoredIps(db)) {
    const key = addressKey(ip);
    if (!key) continue;
    for (const set of sets) if (set[key.family].has(key.value)) marks.push([ip, set.listId]);
  }
  db.transaction(() => replaceIocMarks(db, marks))();
  return marks.length;
}
