import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { CHANNELS, fileForPath, htmlFiles, internalLinks, isPage, pathOfFile } from './site-pages.ts';

// Checks over a built site folder that need no browser. Each returns a list of problems, one
// readable line each; an empty list means the check passed.

const VNU_JAR = path.join(repoRoot, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

// The Nu Html Checker over the given pages (site paths), in one Java run.
export function validateHtml(dir: string, pagePaths: string[]): string[] {
  if (pagePaths.length === 0) return [];
  const files = pagePaths.map((p) => fileForPath(dir, p));
  const run = spawnSync('java', ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) return [`could not run the Nu Html Checker (java -jar ${path.relative(repoRoot, VNU_JAR)}): ${run.error.message}; install a Java runtime (default-jre-headless)`];
  let report: { messages?: Array<{ type: string; subType?: string; url?: string; lastLine?: number; message: string; extract?: string }> };
  try {
    report = JSON.parse(run.stderr || run.stdout);
  } catch {
    return [`the Nu Html Checker exited with ${run.status} and no JSON report:\n${(run.stderr || run.stdout).slice(0, 2000)}`];
  }
  const pageOf = new Map(files.map((f, i) => [f, pagePaths[i]]));
  return (report.messages ?? [])
    .filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error')
    .map((m) => {
      const file = m.url?.startsWith('file:') ? decodeURIComponent(new URL(m.url).pathname) : (m.url ?? '?');
      const extract = m.extract ? ` — near “${m.extract.replace(/\s+/g, ' ').trim().slice(0, 80)}”` : '';
      return `${pageOf.get(file) ?? file}:${m.lastLine ?? '?'}: ${m.message}${extract}`;
    });
}

// Every site-relative href/src/srcset in every built HTML file must name a file of the build.
export function brokenInternalLinks(dir: string, siteOrigin?: string): { count: number; pages: number; broken: string[] } {
  const broken: string[] = [];
  const files = htmlFiles(dir);
  const known = new Map<string, boolean>();
  for (const rel of files) {
    const html = fs.readFileSync(path.join(dir, rel), 'utf8');
    const seen = new Set<string>();
    for (const { target: link, source } of internalLinks(html, siteOrigin)) {
      const target = link.replace(/[#?].*$/, '') || '/';
      if (seen.has(target)) continue;
      seen.add(target);
      let ok = known.get(target);
      if (ok === undefined) known.set(target, (ok = isPage(dir, target)));
      if (!ok) {
        const folder = !target.endsWith('/') && isPage(dir, `${target}/`) ? ' (a folder: the link lacks its trailing slash)' : '';
        broken.push(`${link}${folder} — ${source} on ${pathOfFile(rel)}`);
      }
    }
  }
  return { count: broken.length, pages: files.length, broken };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['item', 'url', 'sitemap'].includes(name) });

function parseXml(dir: string, rel: string): { doc?: any; problem?: string } { // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed XML
  const file = path.join(dir, rel);
  if (!fs.existsSync(file)) return { problem: `/${rel} is not in the build` };
  const xml = fs.readFileSync(file, 'utf8');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { problem: `/${rel} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})` };
  return { doc: parser.parse(xml) };
}

const text = (v: unknown): string => (typeof v === 'object' && v !== null ? String((v as Record<string, unknown>)['#text'] ?? '') : String(v ?? '')).trim();

// /feeds/news.xml, /feeds/<channel>.xml and any other /feeds/*.xml: RSS 2.0 with a channel
// title and link, and items with a title, a link to a page of the build and a valid pubDate.
export function checkFeeds(dir: string): { feeds: string[]; problems: string[] } {
  const problems: string[] = [];
  const feedDir = path.join(dir, 'feeds');
  const found = fs.existsSync(feedDir) ? fs.readdirSync(feedDir).filter((f) => f.endsWith('.xml')) : [];
  const expected = ['news.xml', ...CHANNELS.map((c) => `${c}.xml`)];
  for (const e of expected) if (!found.includes(e)) problems.push(`/feeds/${e} is missing from the build`);
  for (const name of found.sort()) {
    const rel = `feeds/${name}`;
    const { doc, problem } = parseXml(dir, rel);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const where = `/${rel}`;
    const rss = doc.rss;
    if (!rss) {
      problems.push(`${where}: the root element is not <rss>`);
      continue;
    }
    if (rss['@_version'] !== '2.0') problems.push(`${where}: <rss version="${rss['@_version'] ?? ''}">, expected 2.0`);
    const channel = rss.channel;
    if (!channel || typeof channel !== 'object') {
      problems.push(`${where}: no <channel>`);
      continue;
    }
    if (!text(channel.title)) problems.push(`${where}: the channel has no <title>`);
    if (!/^https?:\/\//.test(text(channel.link))) problems.push(`${where}: the channel <link> is not an absolute URL: “${text(channel.link)}”`);
    const items: Array<Record<string, unknown>> = channel.item ?? [];
    if (name === 'news.xml' && items.length === 0) problems.push(`${where}: no items`);
    items.forEach((item, i) => {
      const label = `${where} item ${i + 1}`;
      if (!text(item.title)) problems.push(`${label}: no <title>`);
      const link = text(item.link);
      if (!/^https?:\/\//.test(link)) problems.push(`${label}: <link> is not an absolute URL: “${link}”`);
      else if (!isPage(dir, new URL(link).pathname)) problems.push(`${label}: <link> ${link} is not a page of the build`);
      const date = text(item.pubDate);
      if (!date || Number.isNaN(Date.parse(date))) problems.push(`${label}: <pubDate> “${date}” is not a date`);
    });
  }
  return { feeds: found, problems };
}

// The sitemap index and the sitemaps it lists name exactly the public pages of the build: every
// built HTML page except /search/ and /404.html (archive pages and their later pages included),
// each once, and every listed URL a page of the build; no sitemap over 50,000 URLs.
export function checkSitemap(dir: string): { listed: number; expected: number; problems: string[] } {
  const problems: string[] = [];
  const { doc: index, problem } = parseXml(dir, 'sitemap-index.xml');
  if (problem) return { listed: 0, expected: 0, problems: [problem] };
  const maps: Array<Record<string, unknown>> = index.sitemapindex?.sitemap ?? [];
  if (!index.sitemapindex) problems.push('/sitemap-index.xml: the root element is not <sitemapindex>');
  else if (maps.length === 0) problems.push('/sitemap-index.xml lists no sitemaps');
  const listed: string[] = [];
  for (const m of maps) {
    const loc = text(m.loc);
    let rel: string;
    try {
      rel = new URL(loc).pathname.replace(/^\//, '');
    } catch {
      problems.push(`/sitemap-index.xml: <loc> “${loc}” is not a URL`);
      continue;
    }
    const { doc, problem: p } = parseXml(dir, rel);
    if (p) {
      problems.push(`${p} (listed in /sitemap-index.xml)`);
      continue;
    }
    if (!doc.urlset) problems.push(`/${rel}: the root element is not <urlset>`);
    if ((doc.urlset?.url ?? []).length > 50_000) problems.push(`/${rel} lists ${doc.urlset.url.length} URLs, over the sitemap protocol's 50,000`);
    for (const u of doc.urlset?.url ?? []) {
      const l = text(u.loc);
      try {
        listed.push(decodeURI(new URL(l).pathname));
      } catch {
        problems.push(`/${rel}: <loc> “${l}” is not a URL`);
      }
    }
  }
  const pages = new Set(htmlFiles(dir).map(pathOfFile));
  const expected = new Set([...pages].filter((p) => p !== '/search/' && p !== '/404.html'));
  const listedSet = new Set(listed);
  const dupes = listed.filter((p, i) => listed.indexOf(p) !== i);
  const list = (what: string, paths: string[]) => {
    if (paths.length) problems.push(`${what} (${paths.length}): ${paths.slice(0, 20).join(', ')}${paths.length > 20 ? ', …' : ''}`);
  };
  list('built pages missing from the sitemap', [...expected].filter((p) => !listedSet.has(p)).sort());
  list('sitemap URLs that must not be listed', [...listedSet].filter((p) => p === '/search/' || p === '/404.html').sort());
  list('sitemap URLs that are not built pages', [...listedSet].filter((p) => p !== '/search/' && p !== '/404.html' && !expected.has(p)).sort());
  list('sitemap URLs listed twice', [...new Set(dupes)]);
  return { listed: listedSet.size, expected: expected.size, problems };
}
