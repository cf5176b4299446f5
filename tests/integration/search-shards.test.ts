import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSiteFolder } from '../../scripts/lib/build-and-serve-site.ts';
import { pagesOfShard, reindexSearchShards, shardOf } from '../../scripts/publisher/reindex-search-shards.ts';
import { indexSiteForSearch } from '../../site/src/lib/integrations/pagefind-index.ts';
import { urlPathOfFile } from '../../site/src/lib/search/shard-of.ts';

// The sharded search index with real Pagefind: a release indexed as the full build does it
// (indexSiteForSearch, the integration's own function), one page changed, its shard re-indexed
// as the publisher does after an incremental release, the result applied like a follow-up
// layer, then searched with the release's own pagefind.js (merging every shard as the search
// page does) served over HTTP.

const page = (title: string, text: string) =>
  `<!doctype html><html lang="zh-CN"><head><title>${title}</title></head><body><nav><a href="/">首页</a></nav><article class="prose" data-pagefind-body><h1>${title}</h1><p>${text}</p></article></body></html>`;

// Slugs whose shards are known: two articles in one shard, a third in another.
function articleSlugs(): { same: [string, string]; other: string } {
  const byShard = new Map<string, string[]>();
  for (let i = 0; i < 500; i += 1) {
    const slug = `wen-zhang-${i}`;
    const shard = shardOf(`/articles/${slug}/`)!;
    byShard.set(shard, [...(byShard.get(shard) ?? []), slug]);
  }
  const [first, second] = [...byShard.values()];
  return { same: [first![0]!, first![1]!], other: second![0]! };
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

function snapshot(dir: string, prefix: string): Map<string, string> {
  return new Map(listFiles(dir).filter((f) => f.startsWith(prefix)).map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]));
}

let loads = 0;
// Pagefind's browser module, run in Node against the served release: the first shard is the
// primary index, the others are merged in, as site/src/lib/search/start-search.ts does.
async function search(dir: string, url: string, term: string): Promise<string[]> {
  const { shards } = JSON.parse(fs.readFileSync(path.join(dir, 'pagefind/shards.json'), 'utf8')) as { shards: string[] };
  loads += 1; // a fresh module instance per search: Pagefind keeps its loaded index in module state
  const pagefind = await import(/* @vite-ignore */ `${pathToFileURL(path.join(dir, 'pagefind', shards[0]!, 'pagefind.js')).href}?load=${loads}`);
  await pagefind.options({ basePath: `${url}/pagefind/${shards[0]}/`, baseUrl: '/' });
  for (const shard of shards.slice(1)) await pagefind.mergeIndex(`${url}/pagefind/${shard}/`, { baseUrl: '/' });
  const found = await pagefind.search(term);
  const urls = await Promise.all(found.results.map(async (r: { data: () => Promise<{ url: string }> }) => (await r.data()).url));
  return urls.map((u: string) => new URL(u, url).pathname).sort();
}

describe('the sharded search index', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-search-shards-'));
  const dir = path.join(root, 'release');
  const { same, other } = articleSlugs();
  const changed = `articles/${same[0]}/index.html`;
  const shard = shardOf(`/articles/${same[0]}/`)!;
  let server: { url: string; close: () => Promise<void> };
  const write = (rel: string, html: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), html);
  };

  beforeAll(async () => {
    write('index.html', page('首页', '社区志愿服务首页'));
    write(changed, page('书法进社区', '退休教师为居民讲授书法'));
    write(`articles/${same[1]}/index.html`, page('关爱空巢老人', '志愿者上门看望空巢老人'));
    write(`articles/${other}/index.html`, page('暑期托管', '大学生志愿者开展暑期托管'));
    write('ledgers/abc123/index.html', page('健康讲座', '湖北省武汉市社区健康讲座'));
    write('communities/bai-bu-ting/index.html', page('百步亭社区', '百步亭社区志愿服务站'));
    await indexSiteForSearch(dir);
    server = await serveSiteFolder(dir);
  });

  afterAll(async () => {
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('puts each reading page in a stable shard by type and lists the shards for the search page', async () => {
    expect(shardOf('/')).toBeNull();
    expect(shardOf('/ledgers/archive/2025-03/')).toBeNull();
    expect(shardOf('/articles/x/')).toMatch(/^articles-\d+$/);
    expect(shardOf(`/articles/${same[0]}/`)).toBe(shardOf(`/articles/${same[1]}/`));
    expect(urlPathOfFile('articles/x/index.html')).toBe('/articles/x/');
    const { shards } = JSON.parse(fs.readFileSync(path.join(dir, 'pagefind/shards.json'), 'utf8'));
    expect(shards).toEqual([shard, shardOf(`/articles/${other}/`), shardOf('/communities/bai-bu-ting/'), shardOf('/ledgers/abc123/')].sort());
    expect(fs.existsSync(path.join(dir, 'pagefind/pagefind-ui.js'))).toBe(true);
    expect(await search(dir, server.url, '书法')).toEqual([`/articles/${same[0]}/`]);
    expect(await search(dir, server.url, '湖北省')).toEqual(['/ledgers/abc123/']);
    expect(await search(dir, server.url, '首页')).toEqual([]);
  });

  it('re-indexes one shard after a page changed: the new text is found, the old is not, other shards are untouched', async () => {
    const othersBefore = snapshot(dir, 'pagefind/');
    write(changed, page('合唱进社区', '退休教师为居民组织合唱排练'));
    const live = listFiles(dir);
    const files = pagesOfShard(live, shard);
    expect(files).toEqual([changed, `articles/${same[1]}/index.html`].sort((a, b) => (urlPathOfFile(a)! < urlPathOfFile(b)! ? -1 : 1)));
    const pages = files.map((f) => ({ urlPath: urlPathOfFile(f)!, html: fs.readFileSync(path.join(dir, f), 'utf8') }));

    const result = await reindexSearchShards(pages, [shard], live);

    // Only the shard's own folder changes; its stale (content-hashed) files are reported.
    expect([...result.files.keys()].every((f) => f.startsWith(`pagefind/${shard}/`))).toBe(true);
    expect(result.removed.length).toBeGreaterThan(0);
    expect(result.removed.every((f) => f.startsWith(`pagefind/${shard}/`) && !result.files.has(f))).toBe(true);
    // Applied like a follow-up layer.
    for (const f of result.removed) fs.rmSync(path.join(dir, f));
    for (const [f, content] of result.files) write(f, content);

    const after = snapshot(dir, 'pagefind/');
    for (const [f, content] of othersBefore) {
      if (!f.startsWith(`pagefind/${shard}/`)) expect(after.get(f), f).toBe(content);
    }
    expect(await search(dir, server.url, '合唱')).toEqual([`/articles/${same[0]}/`]);
    expect(await search(dir, server.url, '书法')).toEqual([]);
    expect(await search(dir, server.url, '空巢老人')).toEqual([`/articles/${same[1]}/`]);
    expect(await search(dir, server.url, '百步亭')).toEqual(['/communities/bai-bu-ting/']);

    // And the result is what a full build of the same pages indexes, file for file.
    const full = path.join(root, 'full');
    fs.cpSync(dir, full, { recursive: true, filter: (src) => !src.includes(`${path.sep}pagefind`) });
    await indexSiteForSearch(full);
    expect(snapshot(dir, 'pagefind/')).toEqual(snapshot(full, 'pagefind/'));
  });

  it('refuses a page that is not in the shards it re-indexes', async () => {
    await expect(reindexSearchShards([{ urlPath: '/ledgers/abc123/', html: page('x', 'y') }], [shard], listFiles(dir))).rejects.toThrow(/not a page of the shards/);
  });
});
