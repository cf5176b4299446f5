import { compareText } from './compare-text.ts';

// Stable pagination for the monthly archives. Pages are counted from the OLDEST entry of the
// month in a fixed order (date, then documentId), so page n always holds entries
// (n-1)·size … n·size-1: a new entry dated after the others lands on the last page and changes
// no other page. An entry inserted or removed at position p changes the pages from p's page to
// the last, and every page of the month when the page count changes (each page says 共 m 页).
//
// 100 entries a page: a year-scale ledger month (≈ 10,000) is 100 pages, each small enough to
// read on a phone, and a channel month (≈ 1,200) is 12. SHEQU_ARCHIVE_PAGE_SIZE changes it (the
// browser tests cut their small demo months into pages with it); the incremental publisher must
// run with the same value as the full build.
export function archivePageSize(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SHEQU_ARCHIVE_PAGE_SIZE;
  if (raw === undefined || raw === '') return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`SHEQU_ARCHIVE_PAGE_SIZE must be a whole number ≥ 1, not “${raw}”`);
  return n;
}
export const ARCHIVE_PAGE_SIZE = archivePageSize();

export interface ArchivePage<T> {
  page: number; // 1-based
  pageCount: number;
  items: T[];
}

export interface Dated {
  documentId: string;
}

// Oldest first by date, ties by documentId: the order archive pages are cut in.
export function oldestFirst<T extends Dated>(items: T[], date: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareText(date(a), date(b)) || compareText(a.documentId, b.documentId));
}

// The pages of one month's entries (already in oldestFirst order). A month always has page 1.
export function paginate<T>(items: T[], size = ARCHIVE_PAGE_SIZE): ArchivePage<T>[] {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: pageCount }, (_, i) => ({ page: i + 1, pageCount, items: items.slice(i * size, (i + 1) * size) }));
}

// The page (1-based) that holds the entry at a 0-based position of the month.
export const pageOfPosition = (position: number, size = ARCHIVE_PAGE_SIZE) => Math.floor(position / size) + 1;

export const pageCountOf = (entries: number, size = ARCHIVE_PAGE_SIZE) => Math.max(1, Math.ceil(entries / size));

// The pages of a month that change when one entry is inserted at, removed from, or changed in
// place at the 0-based `position`, the month going from `before` to `after` entries. In place
// (before = after): that entry's page. Otherwise every later page shifts by one entry, and when
// the page count changes every page's 共 m 页 does too.
export function changedPages(position: number, before: number, after: number, size = ARCHIVE_PAGE_SIZE): number[] {
  const first = pageOfPosition(position, size);
  if (before === after) return [first];
  const countBefore = pageCountOf(before, size);
  const countAfter = pageCountOf(after, size);
  const last = Math.max(countBefore, countAfter);
  const from = countBefore === countAfter ? first : 1;
  return Array.from({ length: last - from + 1 }, (_, i) => from + i);
}
