import { describe, expect, it } from 'vitest';
import { patchSorted } from '../../site/src/lib/derive/patch-sorted.ts';

type R = { documentId: string; date: string };
const order = (a: R, b: R) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.documentId === b.documentId ? 0 : a.documentId < b.documentId ? 1 : -1);
const r = (documentId: string, date: string): R => ({ documentId, date });

describe('patchSorted', () => {
  const list = [r('e', '2026-05-01'), r('d', '2026-04-01'), r('c', '2026-04-01'), r('b', '2026-03-01'), r('a', '2026-01-01')];

  it('gives what sorting the whole changed set gives, for removals, insertions and moves', () => {
    const removed = [list[2]!, list[4]!];
    const added = [r('c', '2026-06-01'), r('f', '2026-04-01'), r('g', '2025-12-31')];
    const expected = [...list.filter((x) => !removed.includes(x)), ...added].sort(order);
    expect(patchSorted(list, removed, added, order)).toEqual(expected);
  });

  it('leaves the list it was given as it was, and returns it untouched when nothing changes', () => {
    const copy = [...list];
    patchSorted(list, [list[0]!], [r('z', '2027-01-01')], order);
    expect(list).toEqual(copy);
    expect(patchSorted(list, [], [], order)).toBe(list);
  });

  it('answers undefined when a record to remove is not in the list where its order puts it', () => {
    expect(patchSorted(list, [r('x', '2026-04-01')], [], order)).toBeUndefined();
    expect(patchSorted(list, [r('c', '2026-02-01')], [], order)).toBeUndefined();
  });
});
