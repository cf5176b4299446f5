import type { Article, Community, GalaProgramme, GalaVenue, Ledger } from './cms';

// Every URL the site links to, in one place, so pages, feeds and the sitemap agree.
export const channelPaths: Record<Article['channel'], string> = {
  central_policy: 'central-policy',
  station_news: 'station-news',
  local_news: 'local-news',
  community_news: 'community-news',
  model_community: 'model-communities',
};
export const focusPaths: Record<Ledger['serviceFocus'], string> = {
  empty_nest_elderly: 'empty-nest-elderly',
  minors: 'minors',
  vulnerable_groups: 'vulnerable-groups',
  disability_assistance: 'disability-assistance',
  other: 'other',
};

export const urls = {
  home: () => '/',
  article: (a: Pick<Article, 'slug'>) => `/articles/${a.slug}/`,
  channel: (c: Article['channel']) => `/channels/${channelPaths[c]}/`,
  // Page 1 of a month's archive is the month's URL; later pages are <month>/<n>/ (paginate.ts).
  channelMonth: (c: Article['channel'], month: string, page = 1) => `/channels/${channelPaths[c]}/${month}/${page > 1 ? `${page}/` : ''}`,
  channelFeed: (c: Article['channel']) => `/feeds/${channelPaths[c]}.xml`,
  newsFeed: () => '/feeds/news.xml',
  ledgers: () => '/ledgers/',
  ledger: (l: Pick<Ledger, 'documentId'>) => `/ledgers/${l.documentId}/`,
  ledgerFocus: (f: Ledger['serviceFocus']) => `/ledgers/focus/${focusPaths[f]}/`,
  ledgerMonth: (month: string, page = 1) => `/ledgers/archive/${month}/${page > 1 ? `${page}/` : ''}`,
  communities: () => '/communities/',
  community: (c: Pick<Community, 'slug'>) => `/communities/${c.slug}/`,
  provinces: () => '/provinces/',
  province: (code: string) => `/provinces/${code}/`,
  // A city's communities; `city` is the first four digits of the division code.
  city: (provinceCode: string, city: string) => `/provinces/${provinceCode}/${city}/`,
  figures: () => '/figures/',
  about: () => '/about/',
  search: () => '/search/',
  help: () => '/help/',
  helpSent: () => '/help/sent/',
};

// ── The online gala (社区网络春晚) ─────────────────────────────────────────────────────────
export const galaUrls = {
  gala: () => '/gala/',
  edition: (year: number) => `/gala/${year}/`,
  venue: (year: number, v: Pick<GalaVenue, 'documentId'>) => `/gala/${year}/venues/${v.documentId}/`,
  kind: (year: number, kind: GalaProgramme['kind']) => `/gala/${year}/kinds/${kind}/`,
  programme: (year: number, p: Pick<GalaProgramme, 'documentId'>) => `/gala/${year}/programmes/${p.documentId}/`,
  video: (file: string) => `/gala/videos/${file}`,
};
