// A list kept in a total order (site order: newest first, ties by documentId), with some records
// taken out and others put in, as a new array: each found by binary search, so a change to a
// year of records touches a few of them rather than all (the copy itself is a memory move).
// The result equals filtering and sorting the whole set again. undefined: a record to remove is
// not where the order says it is (the list and the change disagree; the caller rebuilds).
export function patchSorted<T extends { documentId: string }>(list: T[], removed: readonly T[], added: readonly T[], order: (a: T, b: T) => number): T[] | undefined {
  if (removed.length === 0 && added.length === 0) return list;
  const out = list.slice();
  for (const record of removed) {
    const at = lowerBound(out, record, order);
    if (at >= out.length || out[at]!.documentId !== record.documentId) return undefined;
    out.splice(at, 1);
  }
  for (const record of added) out.splice(lowerBound(out, record, order), 0, record);
  return out;
}

// The first position whose record does not come before `record`.
function lowerBound<T>(list: T[], record: T, order: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order(list[mid]!, record) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
