import type { Article, Community, Ledger } from '../cms';
import { articleOrder } from '../cms';
import { channelValues, serviceFocusValues } from '../cms/schemas';
import { monthOf } from '../derive/archives';
import { channelArchivePages, ledgerArchivePages } from '../derive/archive-pages';
import { compareText } from '../derive/compare-text';
import { cityCodeOf, directory } from '../derive/directory';
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

// One chunk before any cut: its size, and its paths listed only when asked (the sitemap index
// needs every chunk's name and size; a chunk's own sitemap needs its paths alone).
interface ChunkSource {
  size: number;
  paths: () => string[];
}

function fixedPaths(site: SiteIndex, gala: GalaIndex): string[] {
  return [
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
}

function countBy<T>(items: Iterable<T>, key: (item: T) => string, into: Map<string, number>): void {
  for (const item of items) {
    const k = key(item);
    into.set(k, (into.get(k) ?? 0) + 1);
  }
}

// Every chunk by name, in sitemap order (`pages` first, then by name).
function chunkSources(site: SiteIndex, gala: GalaIndex): Map<string, ChunkSource> {
  const sources = new Map<string, ChunkSource>();
  const fixed = fixedPaths(site, gala);
  sources.set(chunkNames.pages(), { size: fixed.length, paths: () => fixed });

  // Articles of a month (in site order), then the month's channel archive pages.
  const articleCounts = new Map<string, number>();
  for (const months of site.articleMonths.values()) for (const [m, list] of months) articleCounts.set(m, (articleCounts.get(m) ?? 0) + list.length);
  countBy(channelArchivePages(site), (p) => p.month, articleCounts);
  for (const [month, size] of articleCounts) {
    sources.set(chunkNames.articles(month), {
      size,
      paths: () => [
        ...channelValues
          .flatMap((c) => site.articleMonths.get(c)?.get(month) ?? [])
          .sort(articleOrder)
          .map((a) => urls.article(a)),
        ...channelArchivePages(site).filter((p) => p.month === month).map((p) => urls.channelMonth(p.channel, p.month, p.page)),
      ],
    });
  }

  // Ledgers of a month (ledgerMonths keeps site order), then the month's archive pages.
  const ledgerCounts = new Map<string, number>();
  for (const [m, list] of site.ledgerMonths) ledgerCounts.set(m, list.length);
  countBy(ledgerArchivePages(site), (p) => p.month, ledgerCounts);
  for (const [month, size] of ledgerCounts) {
    sources.set(chunkNames.ledgers(month), {
      size,
      paths: () => [...(site.ledgerMonths.get(month) ?? []).map((l) => urls.ledger(l)), ...ledgerArchivePages(site).filter((p) => p.month === month).map((p) => urls.ledgerMonth(p.month, p.page))],
    });
  }

  // A province's city directory pages (for the 31 provinces only, as pages/provinces/[code]/[city].astro), then its communities.
  for (const [code, communities] of site.communitiesByProvince) {
    const group = () => directory(communities)[0]!;
    const cities = provinceByCode.has(code) ? new Set(communities.map((c) => cityCodeOf(c))).size : 0;
    sources.set(chunkNames.communities(code), {
      size: cities + communities.length,
      paths: () => {
        const g = group();
        return [...(provinceByCode.has(code) ? g.cities.map((city) => urls.city(code, city.code)) : []), ...g.cities.flatMap((city) => city.districts.flatMap((d) => d.communities.map((c) => urls.community(c))))];
      },
    });
  }
  const order = (name: string) => (name === 'pages' ? '0' : name);
  return new Map([...sources].sort((a, b) => compareText(order(a[0]), order(b[0]))));
}

const sourcesCache = new WeakMap<SiteIndex, Map<string, ChunkSource>>();
function chunkSourcesCached(site: SiteIndex, gala: GalaIndex): Map<string, ChunkSource> {
  let sources = sourcesCache.get(site);
  if (!sources) sourcesCache.set(site, (sources = chunkSources(site, gala)));
  return sources;
}

const partName = (name: string, part: number) => (part === 1 ? name : `${name}-${part}`);

// The names of every sitemap, in the index's order; a chunk over SITEMAP_LIMIT is cut in parts.
export function sitemapNames(site: SiteIndex, gala: GalaIndex): string[] {
  return [...chunkSourcesCached(site, gala)].flatMap(([name, source]) => Array.from({ length: Math.ceil(source.size / SITEMAP_LIMIT) }, (_, i) => partName(name, i + 1)));
}

// One sitemap by name (as sitemapNames gives it), or undefined when there is none such.
export function sitemapChunk(site: SiteIndex, gala: GalaIndex, name: string): RouteChunk | undefined {
  const sources = chunkSourcesCached(site, gala);
  const cut = /^(.+)-(\d+)$/.exec(name);
  const [base, part] = sources.has(name) ? [name, 1] : cut && cut[2] !== '1' && !cut[2]!.startsWith('0') ? [cut[1]!, Number(cut[2])] : [name, 0];
  const source = sources.get(base);
  if (!source || part < 1 || part > Math.ceil(source.size / SITEMAP_LIMIT)) return undefined;
  return { name, paths: source.paths().slice((part - 1) * SITEMAP_LIMIT, part * SITEMAP_LIMIT) };
}

// Every sitemap with its paths (the full build lists them all).
export function siteRoutes(site: SiteIndex, gala: GalaIndex): RouteChunk[] {
  return sitemapNames(site, gala).map((name) => sitemapChunk(site, gala, name)!);
}

export const sitemapUrl = (name: string) => `/sitemaps/${name}.xml`;
export const sitemapIndexUrl = () => '/sitemap-index.xml';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export function sitemapIndexXml(origin: URL, names: string[]): string {
  const items = names.map((name) => `<sitemap><loc>${escapeXml(new URL(sitemapUrl(name), origin).href)}</loc></sitemap>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${items}</sitemapindex>\n`;
}

export function sitemapXml(origin: URL, chunk: RouteChunk): string {
  const items = chunk.paths.map((p) => `<url><loc>${escapeXml(new URL(p, origin).href)}</loc></url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items}\n</urlset>\n`;
}
