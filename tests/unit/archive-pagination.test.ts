import { describe, expect, it } from 'vitest';
import { changedPages, oldestFirst, pageOfPosition, paginate } from '../../site/src/lib/derive/paginate.ts';

interface Entry { documentId: string; date: string }
const entry = (documentId: string, day: number): Entry => ({ documentId, date: `2026-03-${String(day).padStart(2, '0')}` });
const month = (n: number) => oldestFirst(Array.from({ length: n }, (_, i) => entry(`d${String(i).padStart(4, '0')}`, 1 + (i % 28))), (e) => e.date);
const ids = (pages: ReturnType<typeof paginate<Entry>>) => pages.map((p) => `${p.page}/${p.pageCount}:${p.items.map((e) => e.documentId).join(',')}`);

// The pages whose content (entries or 共 m 页) differ between two paginations.
function differing(before: Entry[], after: Entry[], size: number): number[] {
  const a = ids(paginate(before, size));
  const b = ids(paginate(after, size));
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => i + 1).filter((n) => a[n - 1] !== b[n - 1]);
}

describe('archive pagination', () => {
  it('orders a month oldest first by date, then by documentId', () => {
    const sorted = oldestFirst([entry('b', 2), entry('c', 1), entry('a', 2), entry('d', 1)], (e) => e.date);
    expect(sorted.map((e) => e.documentId)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('cuts pages from the oldest: page 1 holds the oldest entries and the last page the rest', () => {
    const pages = paginate(month(250), 100);
    expect(pages.map((p) => [p.page, p.pageCount, p.items.length])).toEqual([[1, 3, 100], [2, 3, 100], [3, 3, 50]]);
    expect(pages[0].items[0]).toEqual(month(250)[0]);
    expect(pageOfPosition(0, 100)).toBe(1);
    expect(pageOfPosition(199, 100)).toBe(2);
    expect(pageOfPosition(200, 100)).toBe(3);
  });

  it('gives an empty month one page, so the month URL always exists', () => {
    expect(paginate([], 100)).toEqual([{ page: 1, pageCount: 1, items: [] }]);
  });

  it('changes only the last page when a newer entry arrives, unless it opens a new page', () => {
    const before = month(250);
    const newest = entry('z', 31);
    expect(differing(before, [...before, newest], 100)).toEqual([3]);
    const full = month(200);
    expect(differing(full, [...full, newest], 100)).toEqual([1, 2, 3]);
  });

  it('names exactly the pages that change for an insertion, a removal or an edit in place', () => {
    const size = 10;
    for (const n of [0, 1, 9, 10, 11, 35, 40]) {
      const before = month(n);
      for (let at = 0; at <= n; at++) {
        const inserted = [...before.slice(0, at), entry(`new${at}`, 1), ...before.slice(at)];
        expect(changedPages(at, n, n + 1, size), `insert at ${at} of ${n}`).toEqual(differing(before, inserted, size));
        if (at < n) {
          const removed = [...before.slice(0, at), ...before.slice(at + 1)];
          expect(changedPages(at, n, n - 1, size), `remove ${at} of ${n}`).toEqual(differing(before, removed, size));
          const edited = before.map((e, i) => (i === at ? { ...e, documentId: `${e.documentId}x` } : e));
          expect(changedPages(at, n, n, size), `edit ${at} of ${n}`).toEqual(differing(before, edited, size));
        }
      }
    }
  });
});
