import fs from 'node:fs';
import path from 'node:path';
import { listReleaseFiles } from './release-manifest.ts';

// A release goes live only if it built completely: the pages every site has exist, and the
// page count did not collapse against the live release (an empty CMS answer, a half build).
export const MUST_HAVE_FILES = ['index.html', '404.html', 'sitemap-index.xml', 'robots.txt', 'feeds/news.xml', 'about/index.html', 'search/index.html', 'pagefind/pagefind-ui.js', 'pagefind/shards.json', 'gala/index.html'];
const MIN_SHARE_OF_LIVE = 0.5;

export function countPages(dir: string): number {
  return listReleaseFiles(dir).filter((rel) => rel.endsWith('.html')).length;
}

// `files`: the release's files when the caller has listed them already (a 210,000-page release
// takes seconds to list).
export function checkRelease(dir: string, livePages: number | undefined, files?: string[]): { pages: number } {
  const missing = MUST_HAVE_FILES.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length) throw new Error(`release is incomplete: missing ${missing.join(', ')}`);
  const pages = files ? files.filter((f) => f.endsWith('.html')).length : countPages(dir);
  if (livePages && pages < livePages * MIN_SHARE_OF_LIVE) {
    throw new Error(`page count collapsed: ${pages} pages against ${livePages} live (refusing to publish)`);
  }
  return { pages };
}
