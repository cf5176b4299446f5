// Runs only on /search/: mounts Pagefind's UI (loaded by the page as a classic script) with
// Chinese labels, and runs the query in ?q= so searches can be linked and bookmarked. The index
// is split into shards (shard-of.ts) listed in /pagefind/shards.json: the first is the primary
// index (its folder holds the search runtime), the others are merged into it in the browser,
// so results come ranked together as from one index.
import { SHARDS_MANIFEST } from './shard-of';

interface PagefindUIInstance {
  triggerSearch(term: string): void;
}
declare const PagefindUI: new (options: Record<string, unknown>) => PagefindUIInstance;

async function readShards(): Promise<string[]> {
  try {
    const res = await fetch(`/${SHARDS_MANIFEST}`, { cache: 'no-cache' });
    const body = (await res.json()) as { shards?: unknown };
    return Array.isArray(body.shards) ? body.shards.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

export async function startSearch(): Promise<void> {
  const [primary, ...others] = await readShards();
  const ui = new PagefindUI({
    // Trailing slashes matter: Pagefind skips a merged path that prefixes the primary's.
    ...(primary ? { bundlePath: `/pagefind/${primary}/`, mergeIndex: others.map((s) => ({ bundlePath: `/pagefind/${s}/` })) } : {}),
    element: '#search',
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    translations: {
      placeholder: '搜索全站内容',
      clear_search: '清除',
      load_more: '显示更多结果',
      search_label: '搜索本站',
      zero_results: '没有找到与 [SEARCH_TERM] 相关的内容',
      many_results: '找到 [COUNT] 条与 [SEARCH_TERM] 相关的结果',
      one_result: '找到 1 条与 [SEARCH_TERM] 相关的结果',
      searching: '正在搜索 [SEARCH_TERM]……',
    },
  });
  const q = new URLSearchParams(window.location.search).get('q');
  if (q) ui.triggerSearch(q);
}
