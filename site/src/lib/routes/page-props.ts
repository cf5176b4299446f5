import type { GetStaticPaths } from 'astro';
import { loadSiteIndex, type SiteIndex } from '../site-index';
import { IS_RENDERER } from './renderer-mode';

// Props of a dynamic page, the same in both builds. The static build (`astro build`) calls each
// page's getStaticPaths and hands the props in as Astro.props. The warm renderer is a server
// build of the same pages, where Astro ignores getStaticPaths: there the page's own
// getStaticPaths runs once per site index (the object loadSiteIndex() returns, which is a new
// one after each data change) and the entry whose params match the request's gives the props.
// undefined: the renderer has no such page (the caller answers 404).

type Entry = { params: Record<string, string | number | undefined>; props?: Record<string, unknown> };
type Context = { params: Record<string, string | undefined>; props: Record<string, unknown> };

const memo = new WeakMap<SiteIndex, WeakMap<GetStaticPaths, Promise<Map<string, Record<string, unknown>>>>>();

// Params as the URL gives them: strings, an absent optional param as ''.
function keyOf(params: Record<string, string | number | undefined>): string {
  return JSON.stringify(Object.keys(params).sort().map((k) => [k, params[k] === undefined ? '' : String(params[k])]));
}

function noPaginate(): never {
  throw new Error('pageProps: paginate() is not available in the warm renderer; return explicit params and props from getStaticPaths');
}

async function entriesOf(index: SiteIndex, getStaticPaths: GetStaticPaths): Promise<Map<string, Record<string, unknown>>> {
  let perPage = memo.get(index);
  if (!perPage) memo.set(index, (perPage = new WeakMap()));
  let entries = perPage.get(getStaticPaths);
  if (!entries) {
    entries = Promise.resolve((getStaticPaths as unknown as (o: unknown) => Entry[] | Promise<Entry[]>)({ paginate: noPaginate, routePattern: '' })).then(
      (list) => new Map(list.flat().map((e) => [keyOf(e.params), e.props ?? {}])),
    );
    perPage.set(getStaticPaths, entries);
  }
  return entries;
}

// `lookup`, for routes with a page per record: the props of one page straight from the index,
// exactly what getStaticPaths gives for those params (both call the same function,
// record-page-props.ts), so that the renderer need not list every page of the route after each
// change. tests/integration/renderer-matches-build.test.ts renders every page both ways.
export type PropsLookup<P> = (site: SiteIndex, params: Record<string, string | undefined>) => P | undefined | Promise<P | undefined>;

export async function pageProps<P = Record<string, unknown>>(astro: Context, getStaticPaths: GetStaticPaths, lookup?: PropsLookup<P>): Promise<P | undefined> {
  if (!IS_RENDERER) return astro.props as P;
  const site = await loadSiteIndex();
  const decoded = Object.fromEntries(Object.entries(astro.params).map(([k, v]) => [k, v ?? '']));
  if (lookup) return lookup(site, decoded);
  const entries = await entriesOf(site, getStaticPaths);
  return entries.get(keyOf(decoded)) as P | undefined;
}

// What a page answers for params its getStaticPaths does not list (renderer only).
export function notFound(): Response {
  return new Response(null, { status: 404 });
}
