// Which search-index shard a page belongs to. The build (integrations/pagefind-index.ts) and the
// publisher (scripts/publisher/reindex-search-shards.ts) both import this file, so it has no
// imports and depends on nothing but the URL: a page's shard is a pure function of its address,
// never of how much content exists, so it never moves as the site grows and re-indexing one
// shard never touches another.
//
// Only reading pages are searched (the templates that mark their content data-pagefind-body);
// every other page answers null. Each content type is split into a fixed number of buckets by a
// hash of its URL, sized so that one shard at a year of content (20,000 communities, 120,000
// ledgers, 70,000 articles) stays far below 4 GiB while Pagefind indexes it (measurements:
// ARCHITECTURE.md, search). Changing a bucket count moves pages between shards: that is only
// safe together with a full build, which re-indexes every shard.
export const SHARD_BUCKETS = { articles: 20, ledgers: 10, communities: 2 } as const;

// FNV-1a (32 bit) over the UTF-8 bytes: small, stable across runtimes, evenly spread.
export function hashPath(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function bucket(kind: keyof typeof SHARD_BUCKETS, key: string): string {
  const n = SHARD_BUCKETS[kind];
  const width = String(n - 1).length;
  return `${kind}-${String(hashPath(key) % n).padStart(width, '0')}`;
}

const RULES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^\/articles\/([^/]+)\/$/, (m) => bucket('articles', m[1]!)],
  [/^\/ledgers\/([^/]+)\/$/, (m) => bucket('ledgers', m[1]!)],
  [/^\/communities\/([^/]+)\/$/, (m) => bucket('communities', m[1]!)],
  // 31 provinces and a few hundred gala programmes a year: one small shard for decades.
  [/^\/provinces\/[^/]+\/$/, () => 'other'],
  [/^\/gala\/\d{4}\/programmes\/[^/]+\/$/, () => 'other'],
];

// `urlPath` as the site links it: '/articles/some-slug/' (a leading slash and the trailing one).
export function shardOf(urlPath: string): string | null {
  for (const [pattern, name] of RULES) {
    const m = pattern.exec(urlPath);
    if (m) return name(m);
  }
  return null;
}

// The URL of a built page from its path in the release: 'articles/x/index.html' → '/articles/x/'.
export function urlPathOfFile(releasePath: string): string | null {
  const p = releasePath.replace(/\\/g, '/').replace(/^\/+/, '');
  if (p === 'index.html') return '/';
  const m = /^(.*\/)index\.html$/.exec(p);
  return m ? `/${m[1]}` : null;
}

// The shard folder of the index inside a release: pagefind/<shard>/.
export function shardFolder(shard: string): string {
  return `pagefind/${shard}/`;
}

// The search page reads the list of shards from here (no shard names are built into it).
export const SHARDS_MANIFEST = 'pagefind/shards.json';

export interface ShardsManifest {
  version: 1;
  shards: string[];
}

// Sorted, so the same shards always give the same bytes (full and incremental builds agree).
export function shardsManifest(shards: Iterable<string>): string {
  const manifest: ShardsManifest = { version: 1, shards: [...new Set(shards)].sort() };
  return `${JSON.stringify(manifest)}\n`;
}

// The indexed pages of a release, by shard: release-relative .html paths in URL order), from a
// listing of the release's files. Shards in name order.
export function groupPagesByShard(releaseFiles: Iterable<string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const file of releaseFiles) {
    const url = urlPathOfFile(file);
    const shard = url === null ? null : shardOf(url);
    if (shard === null) continue;
    const list = groups.get(shard) ?? [];
    list.push(file.replace(/\\/g, '/').replace(/^\/+/, ''));
    groups.set(shard, list);
  }
  // In URL order: Pagefind's output depends on the order pages are added, and the publisher's
  // re-indexing adds them in this order too, so both give the same files.
  const byUrl = (a: string, b: string) => compare(urlPathOfFile(a)!, urlPathOfFile(b)!);
  for (const list of groups.values()) list.sort(byUrl);
  return new Map([...groups.entries()].sort(([a], [b]) => compare(a, b)));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// The pages of one shard among a release's files (release-relative .html paths, sorted).
export function pagesOfShard(releaseFiles: Iterable<string>, shard: string): string[] {
  return groupPagesByShard(releaseFiles).get(shard) ?? [];
}

// The shards a release's index has, from its files (each shard has pagefind/<shard>/pagefind-entry.json).
export function indexedShards(releaseFiles: Iterable<string>): string[] {
  const shards = new Set<string>();
  for (const file of releaseFiles) {
    const m = /^pagefind\/([^/]+)\/pagefind-entry\.json$/.exec(file.replace(/\\/g, '/').replace(/^\/+/, ''));
    if (m) shards.add(m[1]!);
  }
  return [...shards].sort();
}
