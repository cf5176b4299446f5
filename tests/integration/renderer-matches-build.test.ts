import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAstroBuild } from '../../scripts/lib/build-and-serve-site.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { ensureRendererBuilt, rendererDirFor } from '../../scripts/publisher/build-renderer.ts';
import { startRenderer, type Renderer } from '../../scripts/publisher/start-renderer.ts';
import { fileToUrlPath, urlPathToFile } from '../../scripts/publisher/url-path-to-file.ts';
import { startCms, type RunningCms } from '../support/start-cms.ts';

const SITE_URL = 'http://127.0.0.1:4321';

// The publisher's warm renderer must answer every page exactly as `astro build` writes it for
// the same data: one real CMS with the demo content, one real build that hands its data over
// (SHEQU_SITE_SNAPSHOT_OUT), the renderer started from that snapshot, every file compared.
// Not compared: pagefind/ and build-report.json (full builds only). The sitemaps are pages like
// any other (pages/sitemap-index.xml.ts, pages/sitemaps/) and are compared.
describe('the warm renderer', () => {
  let cms: RunningCms;
  let tmp: string;
  let built: string;
  let snapshot: string;
  let renderer: Renderer;
  let files: string[];

  beforeAll(async () => {
    cms = await startCms();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-renderer-'));
    built = path.join(tmp, 'release');
    snapshot = path.join(tmp, 'snapshot.json');
    ensureRendererBuilt({ ...process.env, SITE_URL });
    await runAstroBuild({
      cmsUrl: cms.url,
      buildTokenFile: cms.buildTokenFile,
      outDir: built,
      siteUrl: SITE_URL,
      env: { SHEQU_SITE_SNAPSHOT_OUT: snapshot, SHEQU_MEDIA_CACHE: path.join(tmp, 'build-media') },
    });
    // Its own picture cache: the renderer converts every picture again, from the CMS.
    renderer = await startRenderer({
      siteDir: path.join(repoRoot, 'site'),
      env: { PATH: process.env.PATH, CMS_URL: cms.url, CMS_PUBLIC_URL: cms.url, SITE_URL, SHEQU_SITE_SNAPSHOT: snapshot, SHEQU_MEDIA_CACHE: path.join(tmp, 'renderer-media') },
      onLine: () => {},
    });
    files = (fs.readdirSync(built, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(built, f)).isFile()).sort();
  });
  afterAll(async () => {
    await renderer?.close();
    await cms?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const differing = async (list: string[]) => {
    const pages = await renderer.render(list.map(fileToUrlPath));
    return list.filter((f) => {
      const page = pages.get(fileToUrlPath(f))!;
      return page.status !== 200 || !page.body.equals(fs.readFileSync(path.join(built, f)));
    });
  };

  it('answers every page, feed and text file of the static build with the same bytes', async () => {
    const pages = files.filter((f) => /\.(html|xml|txt)$/.test(f) && !f.startsWith('pagefind/'));
    expect(pages.length).toBeGreaterThan(500);
    for (const f of ['index.html', '404.html', 'robots.txt', 'feeds/news.xml', 'help/index.html', 'about/index.html', 'sitemap-index.xml']) expect(pages).toContain(f);
    expect(await differing(pages)).toEqual([]);
  });

  it('answers every picture and video of the build with the same bytes', async () => {
    const media = files.filter((f) => f.startsWith('media/') || f.startsWith('gala/videos/'));
    expect(media.filter((f) => f.endsWith('.avif')).length).toBeGreaterThan(0);
    expect(await differing(media)).toEqual([]);
  });

  it('finds every stylesheet and script a page links to in its own client build, with the same bytes', () => {
    const referenced = new Set<string>();
    for (const f of files.filter((x) => x.endsWith('.html') && !x.startsWith('pagefind/'))) {
      for (const m of fs.readFileSync(path.join(built, f), 'utf8').matchAll(/(?:href|src)="\/(_astro\/[^"]+)"/g)) referenced.add(m[1]!);
    }
    expect([...referenced].some((f) => f.endsWith('.css'))).toBe(true);
    expect([...referenced].some((f) => f.endsWith('.js'))).toBe(true);
    const missingOrDifferent = [...referenced].filter((f) => {
      const own = path.join(rendererDirFor(SITE_URL), 'client', f);
      return !fs.existsSync(own) || !fs.readFileSync(own).equals(fs.readFileSync(path.join(built, f)));
    });
    expect(missingOrDifferent).toEqual([]);
  });

  it('answers 404 for pages and files the data does not have', async () => {
    const answers = await renderer.render(['/articles/no-such-article/', '/no/such/page/', '/feeds/no-such-channel.xml', '/media/no-such-picture-360.avif', '/gala/videos/none.mp4']);
    expect(Object.fromEntries([...answers].map(([p, a]) => [p, a.status]))).toEqual({
      '/articles/no-such-article/': 404, '/no/such/page/': 404, '/feeds/no-such-channel.xml': 404, '/media/no-such-picture-360.avif': 404, '/gala/videos/none.mp4': 404,
    });
  });

  it('names for its warm-up the pages a typical change touches, of every kind, and renders them', async () => {
    const { pages } = await renderer.control<{ pages: string[] }>('warmup', null);
    expect(pages).toContain('/');
    for (const kind of ['/articles/', '/ledgers/', '/communities/']) expect(pages.some((p) => p.startsWith(kind) && p.length > kind.length), kind).toBe(true);
    // Named pages may not exist (a sitemap's second part), but none may fail.
    const answers = await renderer.render(pages);
    expect([...answers].filter(([, a]) => a.status !== 200 && a.status !== 404).map(([p, a]) => `${p} ${a.status}`)).toEqual([]);
    expect([...answers].filter(([, a]) => a.status === 200).length).toBeGreaterThan(pages.length / 2);
  });

  it('refuses control and page requests without its secret', async () => {
    const without = await fetch(`${renderer.url}/__renderer/reload`, { method: 'POST', body: 'null' });
    const wrong = await fetch(`${renderer.url}/__renderer/reload`, { method: 'POST', body: 'null', headers: { 'x-shequ-renderer-secret': 'guess' } });
    const page = await fetch(`${renderer.url}/`);
    expect([without.status, wrong.status, page.status]).toEqual([403, 403, 403]);
    // With the secret, a malformed payload is refused with the hook's own message.
    await expect(renderer.control('apply', {})).rejects.toThrow(/apply expects/);
  });

  it('maps site paths to release files and back', () => {
    for (const [urlPath, file] of [['/', 'index.html'], ['/a/b/', 'a/b/index.html'], ['/feeds/x.xml', 'feeds/x.xml'], ['/404.html', '404.html'], ['/media/p-360.avif', 'media/p-360.avif']]) {
      expect(urlPathToFile(urlPath!)).toBe(file);
      expect(fileToUrlPath(file!)).toBe(urlPath);
    }
    for (const bad of ['a/', '/a/../b/', '/a', '/a//b/', '/x?y=1']) expect(() => urlPathToFile(bad)).toThrow();
  });

  // Last, as it changes the renderer's data: proves the comparison above can fail, and reload.
  it('tells a page apart from the build once the data changed, after reload', async () => {
    const data = JSON.parse(fs.readFileSync(snapshot, 'utf8')) as { articles_connection: Array<{ slug: string; title: string }> };
    const article = data.articles_connection[0]!;
    article.title = `${article.title}（已更正）`;
    fs.writeFileSync(snapshot, JSON.stringify(data));
    await renderer.control('reload', null);
    const file = urlPathToFile(`/articles/${article.slug}/`);
    expect(await differing([file, 'about/index.html'])).toEqual([file]);
    const page = (await renderer.render([`/articles/${article.slug}/`])).get(`/articles/${article.slug}/`)!;
    expect(page.body.toString('utf8')).toContain(article.title);
  });
});
