import fs from 'node:fs';
import path from 'node:path';
import { indexSearchShard } from '../../site/src/lib/search/index-search-shard.ts';
import { groupPagesByShard, urlPathOfFile } from '../../site/src/lib/search/shard-of.ts';

// Step 4b, when the builds ran without their search index (--search off, the default above
// --scale small, where indexing every shard takes longer than the builds): the largest shard of
// the full build indexed on its own — its time and Pagefind's peak memory, the bound the
// publisher's one-shard-at-a-time indexing holds — and the whole index's time estimated as
// that shard's pages per second over every indexed page.
export async function measureSearchShard(siteDir: string): Promise<{ shard: string; pages: number; seconds: number; peakRssMb: number; indexedPages: number; estimatedSeconds: number }> {
  const html = (fs.readdirSync(siteDir, { recursive: true }) as string[]).filter((f) => f.endsWith('index.html')).map((f) => f.split(path.sep).join('/'));
  const groups = groupPagesByShard(html);
  const [shard, files] = [...groups.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? ['none', []];
  const pages = files.map((f) => ({ urlPath: urlPathOfFile(f)!, html: fs.readFileSync(path.join(siteDir, f), 'utf8') }));
  const result = await indexSearchShard(shard, pages);
  const indexedPages = [...groups.values()].reduce((n, g) => n + g.length, 0);
  const perPage = result.seconds / Math.max(1, result.pages);
  return { shard, pages: result.pages, seconds: result.seconds, peakRssMb: result.peakRssMb, indexedPages, estimatedSeconds: Math.round(perPage * indexedPages) };
}
