import fs from 'node:fs';
import * as pagefind from 'pagefind';

// Builds the Pagefind index of one shard in memory. Used by the full build (one shard after
// the other) and by the publisher when it re-indexes the shards a publish touched. Each call
// runs in a fresh Pagefind process that is closed at the end, so the memory of one shard's
// index is returned before the next starts: the peak is that of the largest shard, not the sum.

export interface ShardPage {
  urlPath: string;
  html: string;
}

export interface ShardIndex {
  shard: string;
  // Paths relative to the shard's folder (pagefind/<shard>/), e.g. 'pagefind-entry.json'.
  files: Map<string, Buffer>;
  pages: number;
  seconds: number;
  // Peak resident memory of the Pagefind process for this shard (VmHWM), 0 where /proc is absent.
  peakRssMb: number;
}

// Pagefind writes its UI bundles into every index; the search page loads pagefind-ui.js/.css
// once from /pagefind/ and the other UIs are not used, so shards keep only the search runtime
// (pagefind.js, its worker and WebAssembly) and the index itself.
const UNUSED = /^pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$/;
export const SHARED_UI_FILES = ['pagefind-ui.js', 'pagefind-ui.css'];

// Pages are sent to Pagefind in groups: one request at a time is slow, all at once would
// hold every page of the shard in memory.
const BATCH = 64;

export async function indexSearchShard(shard: string, pages: Iterable<ShardPage> | AsyncIterable<ShardPage>, options: { keepSharedUi?: boolean } = {}): Promise<ShardIndex & { sharedUi: Map<string, Buffer> }> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh-cn' });
  if (!index) throw new Error(`pagefind (${shard}): ${errors.join('; ')}`);
  try {
    let count = 0;
    let batch: Promise<void>[] = [];
    const add = async (page: ShardPage) => {
      const added = await index.addHTMLFile({ url: page.urlPath, content: page.html });
      if (added.errors.length) throw new Error(`pagefind (${shard}) ${page.urlPath}: ${added.errors.join('; ')}`);
    };
    for await (const page of pages) {
      batch.push(add(page));
      count += 1;
      if (batch.length >= BATCH) {
        await Promise.all(batch);
        batch = [];
      }
    }
    await Promise.all(batch);
    const got = await index.getFiles();
    if (got.errors.length) throw new Error(`pagefind (${shard}): ${got.errors.join('; ')}`);
    const files = new Map<string, Buffer>();
    const sharedUi = new Map<string, Buffer>();
    for (const f of got.files) {
      const rel = f.path.replace(/\\/g, '/').replace(/^\/+/, '');
      const content = Buffer.from(f.content);
      if (options.keepSharedUi && SHARED_UI_FILES.includes(rel)) sharedUi.set(rel, content);
      if (!UNUSED.test(rel)) files.set(rel, content);
    }
    const peakRssMb = pagefindPeakRssMb();
    return { shard, files, sharedUi, pages: count, seconds: (performance.now() - started) / 1000, peakRssMb };
  } finally {
    await pagefind.close();
  }
}

// The Pagefind service is a child process of this one (`pagefind_extended --service`); its
// VmHWM is the highest resident memory it reached. The Node API does not expose its pid.
function pagefindPeakRssMb(): number {
  let kb = 0;
  try {
    for (const task of fs.readdirSync(`/proc/${process.pid}/task`)) {
      for (const child of fs.readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean)) {
        const cmdline = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').replace(/\0/g, ' ');
        if (!/pagefind\S*\s+--service/.test(cmdline)) continue;
        const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${child}/status`, 'utf8'));
        if (m) kb = Math.max(kb, Number(m[1]));
      }
    }
  } catch {
    return 0; // not Linux, or the process ended between listing and reading
  }
  return Math.round(kb / 1024);
}
