import type { Article, Ledger } from '../cms';
import { channelValues } from '../cms/schemas';
import type { SiteIndex } from '../site-index';
import { neighbours } from './archives';
import { oldestFirst, paginate, type ArchivePage } from './paginate';

// Every page of the monthly archives (ledgers by month, each channel by month), cut by the
// stable pagination of paginate.ts. Page 1 lives at the month's URL, page n at <month>/<n>/.
export interface ArchivePageOf<T> {
  month: string;
  page: number;
  pageCount: number;
  items: T[];
  // Neighbouring months with content, for the newer/older month links.
  newer?: string;
  older?: string;
}
export interface ChannelArchivePage extends ArchivePageOf<Article> {
  channel: Article['channel'];
}

// A month's pages by its list: an index patched after a change keeps the lists of the months it
// did not touch (site-index.ts), and their pages are not cut again.
const cut = new WeakMap<object[], ArchivePage<object>[]>();
function pagesOf<T extends { documentId: string }>(list: T[], date: (item: T) => string): ArchivePage<T>[] {
  let pages = cut.get(list) as ArchivePage<T>[] | undefined;
  if (!pages) cut.set(list, (pages = paginate(oldestFirst(list, date))));
  return pages;
}

function monthPages<T extends { documentId: string }>(months: Map<string, T[]>, date: (item: T) => string): ArchivePageOf<T>[] {
  const order = [...months.keys()];
  return order.flatMap((month) => pagesOf(months.get(month)!, date).map((p) => ({ month, ...p, ...neighbours(order, month) })));
}

const ledgerCache = new WeakMap<SiteIndex, ArchivePageOf<Ledger>[]>();
export function ledgerArchivePages(site: SiteIndex): ArchivePageOf<Ledger>[] {
  let pages = ledgerCache.get(site);
  if (!pages) ledgerCache.set(site, (pages = monthPages(site.ledgerMonths, (l) => l.activityDate)));
  return pages;
}

const channelCache = new WeakMap<SiteIndex, ChannelArchivePage[]>();
export function channelArchivePages(site: SiteIndex): ChannelArchivePage[] {
  let pages = channelCache.get(site);
  if (!pages) channelCache.set(site, (pages = channelValues.flatMap((channel) => monthPages(site.articleMonths.get(channel)!, (a) => a.editorialDate).map((p) => ({ channel, ...p })))));
  return pages;
}
