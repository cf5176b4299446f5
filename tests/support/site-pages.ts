import fs from 'node:fs';
import path from 'node:path';

// The URL contract of the public site, and one concrete sample page per page type taken from a
// built folder. A type whose sample cannot be found has `path: undefined` and says why.

export const CHANNELS = ['central-policy', 'station-news', 'local-news', 'community-news', 'model-communities'] as const;
export const FOCUSES = ['empty-nest-elderly', 'minors', 'vulnerable-groups', 'disability-assistance', 'other'] as const;

export interface PageType {
  name: string; // e.g. "article"
  contract: string; // e.g. "/articles/<slug>/"
  path: string | undefined; // a concrete sample, e.g. "/articles/an-hui-…/"
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

// The file the site server sends for a site path: "/x/" → x/index.html, "/feeds/news.xml" as is.
export function fileForPath(dir: string, urlPath: string): string {
  const clean = urlPath.replace(/[?#].*$/, '');
  let decoded = clean;
  try {
    decoded = decodeURIComponent(clean);
  } catch {
    /* keep the raw path; it will not exist */
  }
  return path.join(dir, decoded.endsWith('/') ? `${decoded}index.html` : decoded);
}

export function isPage(dir: string, urlPath: string): boolean {
  try {
    return fs.statSync(fileForPath(dir, urlPath)).isFile();
  } catch {
    return false;
  }
}

// Sub-folders of a site folder that hold an index.html, sorted, as names.
function pageFolders(dir: string, under: string): string[] {
  const base = path.join(dir, under);
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(base, e.name, 'index.html')))
    .map((e) => e.name)
    .sort();
}

export function samplePages(dir: string): PageType[] {
  const first = (paths: string[]) => paths.find((p) => isPage(dir, p));
  const channelMonth = CHANNELS.flatMap((c) => pageFolders(dir, `channels/${c}`).filter((n) => MONTH.test(n)).map((n) => `/channels/${c}/${n}/`))[0];
  const article = pageFolders(dir, 'articles')[0];
  const ledgerMonth = pageFolders(dir, 'ledgers/archive').find((n) => MONTH.test(n));
  // A later page of a month (<month>/<n>/, counted from the oldest): page 2 of the first month that has one.
  const pageTwo = (monthDirs: string[]) => monthDirs.find((m) => isPage(dir, `/${m}/2/`));
  const channelMonthPage = pageTwo(CHANNELS.flatMap((c) => pageFolders(dir, `channels/${c}`).filter((n) => MONTH.test(n)).map((n) => `channels/${c}/${n}`)));
  const ledgerMonthPage = pageTwo(pageFolders(dir, 'ledgers/archive').filter((n) => MONTH.test(n)).map((n) => `ledgers/archive/${n}`));
  const ledger = pageFolders(dir, 'ledgers').find((n) => n !== 'focus' && n !== 'archive' && !/^\d+$/.test(n));
  const community = pageFolders(dir, 'communities').find((n) => !/^\d+$/.test(n));
  const city = pageFolders(dir, 'provinces/42').find((n) => /^\d{4}$/.test(n));
  const galaYear = pageFolders(dir, 'gala').filter((n) => /^\d{4}$/.test(n)).pop();
  // The programme sample is one with an uploaded video when there is one, so its player is checked too.
  const galaSample = (under: string) => {
    const names = galaYear ? pageFolders(dir, `gala/${galaYear}/${under}`) : [];
    const withVideo = names.find((n) => fs.readFileSync(path.join(dir, 'gala', galaYear!, under, n, 'index.html'), 'utf8').includes('<video'));
    const name = withVideo ?? names[0];
    return name ? `/gala/${galaYear}/${under}/${name}/` : undefined;
  };
  return [
    { name: 'home', contract: '/', path: '/' },
    { name: 'channel', contract: '/channels/<channel>/', path: first(CHANNELS.map((c) => `/channels/${c}/`)) ?? `/channels/${CHANNELS[0]}/` },
    { name: 'channel monthly archive', contract: '/channels/<channel>/<yyyy>-<mm>/', path: channelMonth },
    { name: 'channel monthly archive, later page', contract: '/channels/<channel>/<yyyy>-<mm>/<n>/', path: channelMonthPage && `/${channelMonthPage}/2/` },
    { name: 'article', contract: '/articles/<slug>/', path: article && `/articles/${article}/` },
    { name: 'latest ledgers', contract: '/ledgers/', path: '/ledgers/' },
    { name: 'ledgers by focus', contract: '/ledgers/focus/<focus>/', path: first(FOCUSES.map((f) => `/ledgers/focus/${f}/`)) ?? `/ledgers/focus/${FOCUSES[0]}/` },
    { name: 'ledger monthly archive', contract: '/ledgers/archive/<yyyy>-<mm>/', path: ledgerMonth && `/ledgers/archive/${ledgerMonth}/` },
    { name: 'ledger monthly archive, later page', contract: '/ledgers/archive/<yyyy>-<mm>/<n>/', path: ledgerMonthPage && `/${ledgerMonthPage}/2/` },
    { name: 'ledger', contract: '/ledgers/<documentId>/', path: ledger && `/ledgers/${ledger}/` },
    { name: 'communities directory (provinces)', contract: '/communities/', path: '/communities/' },
    { name: 'community', contract: '/communities/<slug>/', path: community && `/communities/${community}/` },
    { name: 'provinces overview', contract: '/provinces/', path: '/provinces/' },
    { name: 'province', contract: '/provinces/<code>/', path: '/provinces/42/' },
    { name: 'city directory', contract: '/provinces/<code>/<city>/', path: city && `/provinces/42/${city}/` },
    { name: 'figures', contract: '/figures/', path: '/figures/' },
    { name: 'gala', contract: '/gala/', path: '/gala/' },
    { name: 'gala edition', contract: '/gala/<year>/', path: galaYear && `/gala/${galaYear}/` },
    { name: 'gala venue', contract: '/gala/<year>/venues/<documentId>/', path: galaSample('venues') },
    { name: 'gala kind', contract: '/gala/<year>/kinds/<kind>/', path: galaSample('kinds') },
    { name: 'gala programme', contract: '/gala/<year>/programmes/<documentId>/', path: galaSample('programmes') },
    { name: 'about', contract: '/about/', path: '/about/' },
    { name: 'search', contract: '/search/', path: '/search/' },
    { name: '404', contract: '/404.html', path: '/404.html' },
  ];
}

// "article /articles/x/" for messages.
export const describePage = (t: PageType) => `${t.name} ${t.path ?? t.contract}`;

// Page types present in the build, and a sentence about the ones that are not (for messages).
export function presentPages(dir: string, types: PageType[]): { present: Array<PageType & { path: string }>; missing: string[] } {
  const present: Array<PageType & { path: string }> = [];
  const missing: string[] = [];
  for (const t of types) {
    if (t.path && isPage(dir, t.path)) present.push(t as PageType & { path: string });
    else missing.push(t.path ?? t.contract);
  }
  return { present, missing };
}

// Every built HTML file, as paths relative to the folder ("articles/x/index.html").
export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.html')) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

// "articles/x/index.html" → "/articles/x/"; "404.html" → "/404.html".
export function pathOfFile(rel: string): string {
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return `/${rel.slice(0, -'index.html'.length)}`;
  return `/${rel}`;
}

// The text of the first <h1> of a built page, tags removed.
export function firstHeading(dir: string, urlPath: string): string | undefined {
  const html = fs.readFileSync(fileForPath(dir, urlPath), 'utf8');
  const m = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  return m ? decodeEntities(m[1].replace(/<[^>]+>/g, '')).trim() : undefined;
}

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (all, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    if (k.startsWith('#')) return String.fromCodePoint(parseInt(k.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[k] ?? all;
  });
}

// Site-relative targets of href/src/srcset attributes (and absolute ones on the site's own
// origin, as paths). Script and style bodies and comments are ignored.
export function internalLinks(html: string, siteOrigin?: string): Array<{ target: string; source: string }> {
  const markup = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>')
    .replace(/(<style\b[^>]*>)[\s\S]*?<\/style>/gi, '$1</style>');
  const out: Array<{ target: string; source: string }> = [];
  const tag = /<([a-z][^\s/>]*)\b([^>]*)>/gi;
  const attr = /\s(href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;
  for (const t of markup.matchAll(tag)) {
    for (const a of t[2].matchAll(attr)) {
      const raw = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '').trim();
      const values = a[1].toLowerCase() === 'srcset' ? raw.split(',').map((c) => c.trim().split(/\s+/)[0]) : [raw];
      for (const value of values) {
        const v = siteOrigin && value.startsWith(`${siteOrigin}/`) ? value.slice(siteOrigin.length) : value;
        if (v.startsWith('/') && !v.startsWith('//')) out.push({ target: v, source: `<${t[1].toLowerCase()} ${a[1].toLowerCase()}="${value}">` });
      }
    }
  }
  return out;
}
