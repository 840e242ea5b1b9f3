// Keeps ioc_marks (which stored IPs fall in which list) current: after a list is added, and after
// every import, so a list applies to sessions stored before and after it.
import { allIocEntries, hasIocLists, iterateStoredIps, replaceIocMarks } from '../db/ioc.js';
import type { Db } from '../db/open.js';
import { addressKey, boundFromStored, mappedIpv4Value } from './ip-ranges.js';
import { RangeSet } from './range-set.js';

/**
 * Recomputes every mark: one pass over the distinct stored IPs, a binary search per list.
 *
 * An address is matched as the filter's `ip:` and blocks take it, whichever text form a log wrote
 * it in: an IPv6 entry or block by the address's number (`2001:DB8::3`, `2001:0db8:0:0:0:0:0:3`),
 * IPv4-mapped clients included (`::/0`); an IPv4 entry or block also takes the IPv4-mapped form a
 * dual-stack server writes an IPv4 client in (`::ffff:198.51.100.9`), as Sigma's cidr does; and an
 * IPv4-mapped entry (`::ffff:198.51.100.9`, or its /128) is that IPv4 address, so it takes the
 * dotted quad too. An IPv6 block takes no IPv4 text, as in the filter.
 */
export function refreshIocMarks(db: Db): number {
  if (!hasIocLists(db)) {
    replaceIocMarks(db, []);
    return 0;
  }
  const byList = new Map<number, { 4: { lo: bigint; hi: bigint }[]; 6: { lo: bigint; hi: bigint }[] }>();
  for (const entry of allIocEntries(db)) {
    const ranges = byList.get(entry.listId) ?? { 4: [], 6: [] };
    const lo = boundFromStored(entry.lo);
    const hi = boundFromStored(entry.hi);
    ranges[entry.family].push({ lo, hi });
    const mapped = entry.family === 6 && lo === hi ? mappedIpv4Value(lo) : null;
    if (mapped !== null) ranges[4].push({ lo: mapped, hi: mapped });
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
    const mapped = key.family === 6 ? mappedIpv4Value(key.value) : null;
    for (const set of sets)
      if (set[key.family].has(key.value) || (mapped !== null && set[4].has(mapped)))
        marks.push([ip, set.listId]);
  }
  db.transaction(() => replaceIocMarks(db, marks))();
  return marks.length;
}
