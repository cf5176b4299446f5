import { indexSearchShard, SHARED_UI_FILES } from '../../site/src/lib/search/index-search-shard.ts';
import { compare, indexedShards, SHARDS_MANIFEST, shardFolder, shardOf, shardsManifest } from '../../site/src/lib/search/shard-of.ts';

// Re-indexes the search shards a publish touched, after the incremental release is live (in
// the background: search may lag a publish, see ARCHITECTURE.md, search). `pages` are all pages
// of the listed shards as they are live now (a shard's index is rebuilt whole, from its pages:
// Pagefind cannot update an index in place); `liveFiles` lists the live release's files
// (release-relative), from which the shards it has and their current files are known.
// Answers the files to publish as a follow-up layer (release-relative, uncompressed: compress
// them like any text file of a release) and the files of those shards that the new index no
// longer has (Pagefind names its index and fragment files by content hash), with their .gz/.br.
// Shards are indexed one after the other, each in its own Pagefind process; do not run two
// re-indexings at once in one process (they would share, and close, one Pagefind service).
// The shard rule is the build's: site/src/lib/search/shard-of.ts (shardOf, pagesOfShard).

export interface ReindexResult {
  files: Map<string, Buffer>;
  removed: string[];
}

export async function reindexSearchShards(pages: Array<{ urlPath: string; html: string }>, shards: string[], liveFiles: Iterable<string>): Promise<ReindexResult> {
  const wanted = new Set(shards);
  const live = [...liveFiles].map((f) => f.replace(/\\/g, '/').replace(/^\/+/, ''));
  const byShard = new Map<string, Array<{ urlPath: string; html: string }>>([...wanted].map((s) => [s, []]));
  for (const page of pages) {
    const shard = shardOf(page.urlPath);
    if (shard === null || !wanted.has(shard)) throw new Error(`reindex search: ${page.urlPath} is not a page of the shards ${[...wanted].join(', ')}`);
    byShard.get(shard)!.push(page);
  }
  const files = new Map<string, Buffer>();
  const removed: string[] = [];
  const before = indexedShards(live);
  const after = new Set(before);
  const needsUi = !SHARED_UI_FILES.every((f) => live.includes(`pagefind/${f}`));
  for (const [shard, shardPages] of byShard) {
    // The build adds pages in path order; the same order gives the same index.
    shardPages.sort((a, b) => compare(a.urlPath, b.urlPath));
    const folder = shardFolder(shard);
    const fresh = new Set<string>();
    if (shardPages.length > 0) {
      const result = await indexSearchShard(shard, shardPages, { keepSharedUi: needsUi });
      for (const [rel, content] of result.files) {
        files.set(folder + rel, content);
        fresh.add(folder + rel);
      }
      for (const [rel, content] of result.sharedUi) files.set(`pagefind/${rel}`, content);
      after.add(shard);
    } else {
      after.delete(shard); // its last page is gone: the shard goes with it
    }
    for (const file of live) {
      if (file.startsWith(folder) && !fresh.has(file.replace(/\.(gz|br)$/, ''))) removed.push(file);
    }
  }
  const list = [...after].sort();
  if (list.join('\n') !== before.join('\n') || !live.includes(SHARDS_MANIFEST)) files.set(SHARDS_MANIFEST, Buffer.from(shardsManifest(list)));
  return { files, removed: removed.sort() };
}
export { groupPagesByShard, pagesOfShard, shardOf } from '../../site/src/lib/search/shard-of.ts';
