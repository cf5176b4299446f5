import { patchSorted } from './patch-sorted.ts';

// A grouping (key → records in site order) with some records taken out and others put in: only
// the groups the changed records were or are in are patched (derive/patch-sorted.ts); the others
// are the same arrays as before. A group left empty is dropped, as grouping from scratch would.
// newKeys: whether a group may appear (false where the grouping's key order matters and a new
// key would go elsewhere than at the end). undefined: rebuild from scratch.
export function patchGroups<K, T extends { documentId: string }>(groups: Map<K, T[]>, change: { removed: readonly T[]; added: readonly T[] }, keyOf: (record: T) => K | undefined, order: (a: T, b: T) => number, options: { newKeys: boolean; keepEmpty?: boolean }): Map<K, T[]> | undefined {
  const touched = new Map<K, { removed: T[]; added: T[] }>();
  const touch = (record: T, side: 'removed' | 'added') => {
    const key = keyOf(record);
    if (key === undefined) return;
    let t = touched.get(key);
    if (!t) touched.set(key, (t = { removed: [], added: [] }));
    t[side].push(record);
  };
  for (const r of change.removed) touch(r, 'removed');
  for (const r of change.added) touch(r, 'added');
  if (touched.size === 0) return groups;
  const out = new Map(groups);
  for (const [key, t] of touched) {
    const list = groups.get(key);
    if (!list && (!options.newKeys || t.removed.length > 0)) return undefined;
    const next = patchSorted(list ?? [], t.removed, t.added, order);
    if (!next) return undefined;
    if (next.length === 0 && !options.keepEmpty) out.delete(key);
    else out.set(key, next);
  }
  return out;
}
