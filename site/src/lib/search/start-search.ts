// Runs only on /search/: mounts Pagefind's UI (loaded by the page as a classic script) with
// Chinese labels, and runs the query in ?q= so searches can be linked and bookmarked.
interface PagefindUIInstance {
  triggerSearch(term: string): void;
}
declare const PagefindUI: new (options: Record<string, unknown>) => PagefindUIInstance;

export function startSearch(): void {
  const ui = new PagefindUI({
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
