import type { Article, Community, Ledger } from '../cms';
import { channelValues, serviceFocusValues } from '../cms/schemas';
import { monthOf } from '../derive/archives';
import { channelArchivePages, ledgerArchivePages } from '../derive/archive-pages';
import { directory } from '../derive/directory';
import type { GalaIndex } from '../gala-index';
import { provinceByCode, provinces } from '../places/provinces';
import type { SiteIndex } from '../site-index';
import { galaUrls, urls } from '../urls';

// Every HTML page the build emits, except /search/ and /404.html, grouped into stable sitemap
// chunks so that one change touches one chunk (two when it moves month or province):
//   articles-<yyyy-mm>    the month's articles (by editorial date) and its channel archive pages
//   ledgers-<yyyy-mm>     the month's ledgers (by activity date) and its archive pages
//   communities-<code>    a province's communities and its city directory pages
//   pages                 everything else: home, channels, indexes, provinces, figures, gala, help, CMS pages
// A chunk over SITEMAP_LIMIT URLs is cut into <name>, <name>-2, … (the sitemap protocol's cap).
export const SITEMAP_LIMIT = 50_000;

export interface RouteChunk {
  name: string;
  paths: string[];
}

export const chunkNames = {
  articles: (month: string) => `articles-${month}`,
  ledgers: (month: string) => `ledgers-${month}`,
  communities: (provinceCode: string) => `communities-${provinceCode}`,
  pages: () => 'pages',
};
// The chunk that lists a piece of content's own page (before any cut at SITEMAP_LIMIT).
export const articleChunk = (a: Pick<Article, 'editorialDate'>) => chunkNames.articles(monthOf(a.editorialDate));
export const ledgerChunk = (l: Pick<Ledger, 'activityDate'>) => chunkNames.ledgers(monthOf(l.activityDate));
export const communityChunk = (c: Pick<Community, 'provinceCode'>) => chunkNames.communities(c.provinceCode);

function add(chunks: Map<string, string[]>, name: string, path: string) {
  let list = chunks.get(name);
  if (!list) chunks.set(name, (list = []));
  list.push(path);
}

export function siteRoutes(site: SiteIndex, gala: GalaIndex): RouteChunk[] {
  const chunks = new Map<string, string[]>();
  // The fixed pages first, so `pages` leads the index.
  const fixed = [
    urls.home(),
    ...channelValues.map((c) => urls.channel(c)),
    urls.ledgers(),
    ...serviceFocusValues.map((f) => urls.ledgerFocus(f)),
    urls.communities(),
    urls.provinces(),
    ...provinces.map((p) => urls.province(p.code)),
    urls.figures(),
    urls.help(),
    urls.helpSent(),
    ...site.pages.map((p) => `/${p.slug}/`),
    galaUrls.gala(),
    ...gala.editions.flatMap((view) => {
      const year = view.edition.year;
      return [
        galaUrls.edition(year),
        ...view.venues.map((v) => galaUrls.venue(year, v)),
        ...view.kinds.map((k) => galaUrls.kind(year, k)),
        ...view.programmes.map((p) => galaUrls.programme(year, p)),
      ];
    }),
  ];
  for (const p of fixed) add(chunks, chunkNames.pages(), p);
  for (const a of site.articles) add(chunks, articleChunk(a), urls.article(a));
  for (const p of channelArchivePages(site)) add(chunks, chunkNames.articles(p.month), urls.channelMonth(p.channel, p.month, p.page));
  for (const l of site.ledgers) add(chunks, ledgerChunk(l), urls.ledger(l));
  for (const p of ledgerArchivePages(site)) add(chunks, chunkNames.ledgers(p.month), urls.ledgerMonth(p.month, p.page));
  for (const group of directory(site.communities)) {
    // City pages exist for the 31 provinces only (pages/provinces/[code]/[city].astro).
    if (provinceByCode.has(group.code)) for (const city of group.cities) add(chunks, chunkNames.communities(group.code), urls.city(group.code, city.code));
    for (const city of group.cities) for (const d of city.districts) for (const c of d.communities) add(chunks, communityChunk(c), urls.community(c));
  }
  const order = (name: string) => (name === 'pages' ? '0' : name);
  return [...chunks.entries()]
    .sort((a, b) => order(a[0]).localeCompare(order(b[0])))
    .flatMap(([name, paths]) =>
      Array.from({ length: Math.ceil(paths.length / SITEMAP_LIMIT) }, (_, i) => ({ name: i === 0 ? name : `${name}-${i + 1}`, paths: paths.slice(i * SITEMAP_LIMIT, (i + 1) * SITEMAP_LIMIT) })),
    );
}

const cache = new WeakMap<SiteIndex, RouteChunk[]>();
export function siteRoutesCached(site: SiteIndex, gala: GalaIndex): RouteChunk[] {
  let chunks = cache.get(site);
  if (!chunks) cache.set(site, (chunks = siteRoutes(site, gala)));
  return chunks;
}

export const sitemapUrl = (name: string) => `/sitemaps/${name}.xml`;
export const sitemapIndexUrl = () => '/sitemap-index.xml';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export function sitemapIndexXml(origin: URL, chunks: RouteChunk[]): string {
  const items = chunks.map((c) => `<sitemap><loc>${escapeXml(new URL(sitemapUrl(c.name), origin).href)}</loc></sitemap>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${items}</sitemapindex>\n`;
}

export function sitemapXml(origin: URL, chunk: RouteChunk): string {
  const items = chunk.paths.map((p) => `<url><loc>${escapeXml(new URL(p, origin).href)}</loc></url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items}\n</urlset>\n`;
}
