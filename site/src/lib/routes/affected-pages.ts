import type { ChangedRecords } from '../cms/apply-changes';
import type { Article, Community, Ledger } from '../cms';
import { serviceFocusValues } from '../cms/schemas';
import { channelArchivePages, ledgerArchivePages, type ArchivePageOf } from '../derive/archive-pages';
import { articlesListing } from '../derive/related';
import { galaIndexOf, type GalaIndex } from '../gala-index';
import type { SiteIndex } from '../site-index';
import { galaUrls, urls } from '../urls';
import { articleChunk, chunkNames, communityChunk, ledgerChunk, SITEMAP_LIMIT, sitemapIndexUrl, sitemapUrl } from './site-routes';

// Parts of one sitemap chunk worth naming: a chunk is a month of articles or ledgers or a
// province's communities, far below SITEMAP_LIMIT even at year scale.
const SPLIT_PARTS = Math.ceil(250_000 / SITEMAP_LIMIT);

// The pages a change may touch, from the site before and after it: a superset of the pages
// whose bytes differ (the publisher renders them all and keeps only what differs), bounded by
// the change rather than by the site. tests/integration/incremental-release.test.ts holds it
// to a full build, file for file.
//
// Each record is looked at on both sides — where it was shown and where it is shown now — so an
// unpublished record's old pages go and a moved one's old lists are redrawn.
export function affectedPages(before: SiteIndex, after: SiteIndex, changed: { before: ChangedRecords; after: ChangedRecords }, whole: { pages: boolean; gala: boolean }): Set<string> {
  const out = new Set<string>();
  const add = (url: string | undefined) => {
    if (url) out.add(url);
  };
  const sides: Array<[SiteIndex, ChangedRecords]> = [
    [before, changed.before],
    [after, changed.after],
  ];
  const anyArticle = changed.before.articles.length + changed.after.articles.length > 0;
  const anyLedger = changed.before.ledgers.length + changed.after.ledgers.length > 0;
  const anyCommunity = changed.before.communities.length + changed.after.communities.length > 0;

  // Pages that sum up the whole site: cheap to redraw, and almost any change moves a figure.
  if (anyArticle || anyLedger || anyCommunity) {
    add(urls.home());
    add(sitemapIndexUrl());
  }
  if (anyLedger || anyCommunity) {
    for (const url of [urls.ledgers(), urls.figures(), urls.provinces(), urls.communities()]) add(url);
    for (const f of serviceFocusValues) add(urls.ledgerFocus(f));
  }

  for (const [site, records] of sides) {
    for (const a of records.articles) articlePages(site, a, add);
    for (const l of records.ledgers) ledgerPages(site, l, add);
    for (const c of records.communities) communityPages(site, c, add);
  }
  if (anyArticle) {
    add(urls.newsFeed());
    diffArchives(channelArchivePages(before), channelArchivePages(after), (p) => urls.channelMonth(p.channel, p.month, p.page), add);
  }
  if (anyLedger) diffArchives(ledgerArchivePages(before), ledgerArchivePages(after), (p) => urls.ledgerMonth(p.month, p.page), add);
  if (anyCommunity) {
    // Ledger lists name each ledger's community: the archive pages that list its ledgers.
    const ids = new Set([...changed.before.communities, ...changed.after.communities].map((c) => c.documentId));
    for (const site of [before, after]) {
      for (const p of ledgerArchivePages(site)) if (p.items.some((l) => l.community && ids.has(l.community.documentId))) add(urls.ledgerMonth(p.month, p.page));
    }
  }

  // Small sets are redrawn whole: the pages (About …) and the gala, a few hundred pages a year.
  if (whole.pages) {
    for (const site of [before, after]) for (const p of site.pages) add(`/${p.slug}/`);
    add(sitemapUrl(chunkNames.pages()));
    add(sitemapIndexUrl());
  }
  const galaTouched = whole.gala || (anyCommunity && [...changed.before.communities, ...changed.after.communities].some((c) => communityInGala(galaIndexOf(before), c) || communityInGala(galaIndexOf(after), c)));
  if (galaTouched) {
    for (const site of [before, after]) for (const url of galaPages(galaIndexOf(site))) add(url);
    add(sitemapUrl(chunkNames.pages()));
    add(sitemapIndexUrl());
  }
  // siteRoutes cuts a chunk over the URL limit into <name>-2, -3 …: name those too (a part that
  // does not exist answers 404 and is only removed if it was live).
  for (const url of [...out]) {
    const m = /^\/sitemaps\/(.+)\.xml$/.exec(url);
    if (m) for (let part = 2; part <= SPLIT_PARTS; part++) add(sitemapUrl(`${m[1]}-${part}`));
  }
  return out;
}

type Add = (url: string | undefined) => void;

// An article: its page, its channel's first page and feed, its sitemap chunk, and the article
// pages that show it (related lists, previous/next links).
function articlePages(site: SiteIndex, a: Article, add: Add): void {
  add(urls.article(a));
  add(urls.channel(a.channel));
  add(urls.channelFeed(a.channel));
  add(sitemapUrl(articleChunk(a)));
  for (const n of articlesListing(site, a)) add(urls.article(n));
}

// A ledger: its page, its community's page and its province's, its focus page, its sitemap chunk.
function ledgerPages(site: SiteIndex, l: Ledger, add: Add): void {
  add(urls.ledger(l));
  add(urls.ledgerFocus(l.serviceFocus));
  add(sitemapUrl(ledgerChunk(l)));
  const community = l.community ? site.communityById.get(l.community.documentId) : undefined;
  if (community) {
    add(urls.community(community));
    add(urls.province(community.provinceCode));
  }
}

// A community: its page, province and city pages, sitemap chunk, and every page that names it:
// its ledgers' and articles' pages.
function communityPages(site: SiteIndex, c: Community, add: Add): void {
  add(urls.community(c));
  add(urls.province(c.provinceCode));
  add(urls.city(c.provinceCode, c.divisionCode.slice(0, 4)));
  add(sitemapUrl(communityChunk(c)));
  for (const l of site.ledgersByCommunity.get(c.documentId) ?? []) add(urls.ledger(l));
  for (const a of site.articleGroups.lists.community.get(c.documentId) ?? []) articlePages(site, a, add);
}

// Archive pages whose entries, page count or month links differ between the two sides.
function diffArchives<P extends ArchivePageOf<{ documentId: string }>>(before: P[], after: P[], url: (p: P) => string, add: Add): void {
  const old = new Map(before.map((p) => [url(p), p]));
  const seen = new Set<string>();
  for (const p of after) {
    const u = url(p);
    seen.add(u);
    const q = old.get(u);
    if (!q || q.pageCount !== p.pageCount || q.newer !== p.newer || q.older !== p.older || q.items.length !== p.items.length || q.items.some((x, i) => x !== p.items[i])) add(u);
  }
  for (const u of old.keys()) if (!seen.has(u)) add(u);
}

function communityInGala(gala: GalaIndex, c: Community): boolean {
  return gala.editions.some((e) => e.venues.some((v) => v.hostCommunity?.documentId === c.documentId) || e.programmes.some((p) => p.community?.documentId === c.documentId));
}

function galaPages(gala: GalaIndex): string[] {
  const out = [galaUrls.gala()];
  for (const view of gala.editions) {
    const year = view.edition.year;
    out.push(galaUrls.edition(year), ...view.venues.map((v) => galaUrls.venue(year, v)), ...view.kinds.map((k) => galaUrls.kind(year, k)), ...view.programmes.map((p) => galaUrls.programme(year, p)));
  }
  return out;
}
