import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { indexSearchShard, type ShardPage } from '../search/index-search-shard.ts';
import { groupPagesByShard, SHARDS_MANIFEST, shardFolder, shardsManifest, urlPathOfFile } from '../search/shard-of.ts';

// Indexes the built pages for the static search page, one shard after the other (the shard
// rule: search/shard-of.ts), each in its own Pagefind process, so memory stays that of the
// largest shard however large the site grows. Writes pagefind/<shard>/…, the shared UI
// (pagefind/pagefind-ui.js, .css) and pagefind/shards.json, which the search page reads to merge
// the shards in the browser. The figures go into build-report.json (not served) as
// `searchIndex` for the benchmark, and the last log line keeps the form the benchmark reads.

export interface SearchIndexStats {
  seconds: number;
  // Highest resident memory of one shard's Pagefind process plus this process at that moment.
  peakRssMb: number;
  pages: number;
  shards: Array<{ shard: string; pages: number; seconds: number; peakRssMb: number; bytes: number }>;
}

async function* readPages(site: string, files: string[]): AsyncGenerator<ShardPage> {
  for (const file of files) {
    yield { urlPath: urlPathOfFile(file)!, html: await fs.promises.readFile(path.join(site, file), 'utf8') };
  }
}

export async function indexSiteForSearch(site: string, log: (line: string) => void = () => {}, env: NodeJS.ProcessEnv = process.env): Promise<SearchIndexStats> {
  const started = performance.now();
  // SHEQU_SEARCH_INDEX=off: the search page and its UI, no shard (the benchmark's year-scale
  // builds, whose render time is measured apart from the index; the publisher's search layers
  // then index each shard a change touches).
  const off = env.SHEQU_SEARCH_INDEX === 'off';
  const htmlFiles = fs
    .readdirSync(site, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'index.html')
    .map((e) => path.relative(site, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  const groups = off ? new Map<string, string[]>() : groupPagesByShard(htmlFiles);
  const stats: SearchIndexStats = { seconds: 0, peakRssMb: 0, pages: 0, shards: [] };
  let sharedUiWritten = false;
  for (const [shard, files] of groups) {
    const result = await indexSearchShard(shard, readPages(site, files), { keepSharedUi: !sharedUiWritten });
    let bytes = 0;
    for (const [rel, content] of result.files) {
      const out = path.join(site, shardFolder(shard), rel);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, content);
      bytes += content.length;
    }
    for (const [rel, content] of result.sharedUi) {
      fs.mkdirSync(path.join(site, 'pagefind'), { recursive: true });
      fs.writeFileSync(path.join(site, 'pagefind', rel), content);
      sharedUiWritten = true;
    }
    const ownMb = Math.round(process.memoryUsage().rss / 2 ** 20);
    stats.shards.push({ shard, pages: result.pages, seconds: round(result.seconds), peakRssMb: result.peakRssMb, bytes });
    stats.peakRssMb = Math.max(stats.peakRssMb, result.peakRssMb + ownMb);
    stats.pages += result.pages;
    log(`search shard ${shard}: ${result.pages} pages in ${result.seconds.toFixed(1)} s, Pagefind peak ${result.peakRssMb} MB`);
  }
  fs.mkdirSync(path.join(site, 'pagefind'), { recursive: true });
  if (!sharedUiWritten) {
    // Nothing to index yet: the search page still needs its UI (it finds no results).
    const { sharedUi } = await indexSearchShard('none', [], { keepSharedUi: true });
    for (const [rel, content] of sharedUi) fs.writeFileSync(path.join(site, 'pagefind', rel), content);
  }
  fs.writeFileSync(path.join(site, SHARDS_MANIFEST), shardsManifest(groups.keys()));
  stats.seconds = round((performance.now() - started) / 1000);
  return stats;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export function pagefindIndex(): AstroIntegration {
  return {
    name: 'shequ:pagefind-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const stats = await indexSiteForSearch(site, (line) => logger.info(line));
        // writeBuildReport (listed before this integration) has written the report already.
        const reportFile = path.join(site, 'build-report.json');
        const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : {};
        fs.writeFileSync(reportFile, JSON.stringify({ ...report, searchIndex: stats }, null, 2));
        logger.info(`indexed ${stats.pages} pages for search in ${stats.seconds.toFixed(1)} s (${stats.shards.length} shards, peak ${stats.peakRssMb} MB)`);
      },
    },
  };
}
