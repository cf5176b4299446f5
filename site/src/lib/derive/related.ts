import type { Article } from '../cms/schemas.ts';
import { patchGroups } from './patch-groups.ts';

// Related articles by a bounded, symmetric neighbour rule, so that one article appears on a
// bounded number of other article pages (and the incremental publisher can find them):
//
//   an article's groups are its community, its province and its channel; each group is in
//   site order (newest first, ties by documentId). Within a group, B is a neighbour of A when
//   their positions differ by at most RELATED_RADIUS. The related list takes neighbours by
//   group (community, then province, then channel), nearest first, the newer one first at equal
//   distance, without repeats, up to RELATED_SHOWN.
//
// "B is within the radius of A" is symmetric, so the pages whose related list may show A are
// A's own neighbours: at most 2·RELATED_RADIUS per group, 3 groups. The previous/next links of
// an article page are its channel neighbours at distance 1, inside the same set.
export const RELATED_SHOWN = 5;
export const RELATED_RADIUS = 3;

type GroupName = 'community' | 'province' | 'channel';
const GROUPS: GroupName[] = ['community', 'province', 'channel'];

// Each group's articles in site order and every article's position in its groups.
export interface ArticleGroups {
  lists: Record<GroupName, Map<string, Article[]>>;
  // By article documentId: its group keys and positions in this site (the article's own
  // fields may be newer than the site they are looked up in).
  positions: Map<string, Partial<Record<GroupName, { key: string; at: number }>>>;
}

const groupKey = (a: Article, g: GroupName): string | undefined =>
  g === 'community' ? a.community?.documentId : g === 'province' ? (a.province ?? undefined) : a.channel;

// `articles` in site order (newest first, ties by documentId), as SiteIndex.articles is.
export function articleGroups(articles: Article[]): ArticleGroups {
  const lists: ArticleGroups['lists'] = { community: new Map(), province: new Map(), channel: new Map() };
  const positions: ArticleGroups['positions'] = new Map();
  for (const a of articles) {
    const at: Partial<Record<GroupName, { key: string; at: number }>> = {};
    for (const g of GROUPS) {
      const key = groupKey(a, g);
      if (!key) continue;
      let list = lists[g].get(key);
      if (!list) lists[g].set(key, (list = []));
      at[g] = { key, at: list.length };
      list.push(a);
    }
    positions.set(a.documentId, at);
  }
  return { lists, positions };
}

// The groups after some articles were taken out (their versions before) and others put in
// (after): the lists they were or are in are patched (patch-groups.ts) and the positions of those
// lists' articles written again; every other list and position is as before. The result equals
// articleGroups() of the changed articles. undefined: compute from scratch.
export function patchArticleGroups(previous: ArticleGroups, change: { removed: Article[]; added: Article[] }, order: (a: Article, b: Article) => number): ArticleGroups | undefined {
  const lists = { ...previous.lists };
  for (const g of GROUPS) {
    const next = patchGroups(previous.lists[g], change, (a) => groupKey(a, g), order, { newKeys: true });
    if (!next) return undefined;
    lists[g] = next;
  }
  const positions = new Map(previous.positions);
  for (const a of change.removed) positions.delete(a.documentId);
  for (const a of change.added) positions.set(a.documentId, {});
  for (const g of GROUPS) {
    const keys = new Set([...change.removed, ...change.added].map((a) => groupKey(a, g)).filter((k): k is string => k !== undefined));
    for (const key of keys) {
      (lists[g].get(key) ?? []).forEach((a, at) => positions.set(a.documentId, { ...positions.get(a.documentId), [g]: { key, at } }));
    }
  }
  return { lists, positions };
}

export interface HasArticleGroups {
  articleGroups: ArticleGroups;
}

// The neighbours of `article` in one group within `radius`, nearest first, newer first at equal distance.
function neighboursIn(site: HasArticleGroups, article: Pick<Article, 'documentId'>, g: GroupName, radius: number): Article[] {
  const place = site.articleGroups.positions.get(article.documentId)?.[g];
  const list = place && site.articleGroups.lists[g].get(place.key);
  if (!place || !list) return [];
  const { at } = place;
  const out: Article[] = [];
  for (let d = 1; d <= radius; d++) {
    if (at - d >= 0) out.push(list[at - d]);
    if (at + d < list.length) out.push(list[at + d]);
  }
  return out;
}

// Up to RELATED_SHOWN related articles for an article page.
export function relatedArticles(site: HasArticleGroups, article: Pick<Article, 'documentId'>): Article[] {
  const seen = new Set<string>([article.documentId]);
  const out: Article[] = [];
  for (const g of GROUPS) {
    for (const n of neighboursIn(site, article, g, RELATED_RADIUS)) {
      if (out.length === RELATED_SHOWN) return out;
      if (seen.has(n.documentId)) continue;
      seen.add(n.documentId);
      out.push(n);
    }
  }
  return out;
}

// The newer and older article of the same channel, for the previous/next links.
export function channelNeighbours(site: HasArticleGroups, article: Pick<Article, 'documentId'>): { newer?: Article; older?: Article } {
  const place = site.articleGroups.positions.get(article.documentId)?.channel;
  const list = place && site.articleGroups.lists.channel.get(place.key);
  if (!place || !list) return {};
  const { at } = place;
  return { newer: at > 0 ? list[at - 1] : undefined, older: at < list.length - 1 ? list[at + 1] : undefined };
}

// The articles whose page may show `article` (in its related list or previous/next links):
// its neighbours within the radius in each of its groups, without repeats, never itself.
// A superset of the pages that do. For a change, take it in the site before and after: an
// insertion or removal shifts positions only past the article, where the windows that
// change are exactly the ones that contain it.
export function articlesListing(site: HasArticleGroups, article: Pick<Article, 'documentId'>): Article[] {
  const seen = new Set<string>([article.documentId]);
  const out: Article[] = [];
  for (const g of GROUPS) {
    for (const n of neighboursIn(site, article, g, RELATED_RADIUS)) {
      if (seen.has(n.documentId)) continue;
      seen.add(n.documentId);
      out.push(n);
    }
  }
  return out;
}
