import { describe, expect, it } from 'vitest';
import type { Article } from '../../site/src/lib/cms/schemas.ts';
import { articleGroups, articlesListing, channelNeighbours, relatedArticles, RELATED_RADIUS, RELATED_SHOWN, type HasArticleGroups } from '../../site/src/lib/derive/related.ts';

const CHANNELS = ['central_policy', 'station_news', 'local_news', 'community_news', 'model_community'] as const;

// A deterministic pseudo-random set of articles spread over a few communities, provinces and channels.
function randomArticles(n: number, seed: number): Article[] {
  let s = seed;
  const next = (k: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % k;
  };
  return Array.from({ length: n }, (_, i) => {
    const community = next(4) === 0 ? null : { documentId: `c${next(6)}` };
    return {
      documentId: `a${String(i).padStart(4, '0')}`,
      title: `文章${i}`,
      slug: `a${i}`,
      summary: '',
      body: [],
      channel: CHANNELS[next(CHANNELS.length)],
      editorialDate: `2026-0${1 + next(3)}-${String(1 + next(28)).padStart(2, '0')}`,
      source: '',
      author: '',
      province: next(5) === 0 ? null : ['11', '42', '44'][next(3)],
      tags: [],
      updatedAt: '',
      cover: null,
      community,
    } as unknown as Article;
  });
}

// The site's order: newest first, ties by documentId (site-index.ts).
const siteOrder = (articles: Article[]) => [...articles].sort((a, b) => b.editorialDate.localeCompare(a.editorialDate) || b.documentId.localeCompare(a.documentId));
const siteOf = (articles: Article[]): HasArticleGroups & { articles: Article[] } => {
  const ordered = siteOrder(articles);
  return { articles: ordered, articleGroups: articleGroups(ordered) };
};
// What an article page shows of other articles: its related list and previous/next links.
const shown = (site: HasArticleGroups, a: Article) => {
  const { newer, older } = channelNeighbours(site, a);
  return JSON.stringify([relatedArticles(site, a).map((r) => [r.documentId, r.title]), newer && [newer.documentId, newer.title], older && [older.documentId, older.title]]);
};
const idsOf = (list: Article[]) => new Set(list.map((a) => a.documentId));

describe('related articles', () => {
  const site = siteOf(randomArticles(400, 7));

  it('shows up to five other articles, no repeats, the same community first', () => {
    for (const a of site.articles) {
      const related = relatedArticles(site, a);
      expect(related.length).toBeLessThanOrEqual(RELATED_SHOWN);
      expect(related.map((r) => r.documentId)).not.toContain(a.documentId);
      expect(idsOf(related).size).toBe(related.length);
      if (a.community) {
        const sameCommunity = site.articles.filter((b) => b !== a && b.community?.documentId === a.community!.documentId).length;
        const leading = related.findIndex((r) => r.community?.documentId !== a.community!.documentId);
        expect(leading === -1 ? related.length : leading).toBe(Math.min(sameCommunity, RELATED_SHOWN, 2 * RELATED_RADIUS));
      }
    }
  });

  it('links previous/next to the neighbouring articles of the same channel', () => {
    const channel = site.articles.filter((a) => a.channel === 'local_news');
    expect(channelNeighbours(site, channel[1])).toEqual({ newer: channel[0], older: channel[2] });
    expect(channelNeighbours(site, channel[0]).newer).toBeUndefined();
  });

  it('finds, in its inverse, every page that shows an article, and a bounded number of pages', () => {
    for (const a of site.articles) {
      const listing = articlesListing(site, a);
      expect(listing.length).toBeLessThanOrEqual(3 * 2 * RELATED_RADIUS);
      expect(listing.map((b) => b.documentId)).not.toContain(a.documentId);
      const { newer, older } = channelNeighbours(site, a);
      for (const b of [...relatedArticles(site, a), newer, older]) if (b) expect(idsOf(articlesListing(site, b)).has(a.documentId), `${a.documentId} on ${b.documentId}`).toBe(true);
    }
  });

  it('covers every page that changes when an article is added, removed, retitled or moved, with the inverse before and after', () => {
    const articles = randomArticles(300, 11);
    const cases: Array<[string, Article[], Article[], Article]> = [];
    const extra = { ...randomArticles(301, 11)[300], documentId: 'a9999', title: '新文章' } as Article;
    cases.push(['added', articles, [...articles, extra], extra]);
    for (const i of [0, 17, 150, 299]) {
      const a = articles[i];
      cases.push(['removed', articles, articles.filter((b) => b !== a), a]);
      const retitled = { ...a, title: `${a.title}（改）` };
      cases.push(['retitled', articles, articles.map((b) => (b === a ? retitled : b)), retitled]);
      const moved = { ...a, editorialDate: '2026-02-15', community: { documentId: 'c5' }, province: '44', channel: 'station_news' } as Article;
      cases.push(['moved', articles, articles.map((b) => (b === a ? moved : b)), moved]);
    }
    for (const [kind, beforeList, afterList, changed] of cases) {
      const before = siteOf(beforeList);
      const after = siteOf(afterList);
      const expected = new Set([...articlesListing(before, changed), ...articlesListing(after, changed)].map((a) => a.documentId));
      for (const b of after.articles) {
        if (b.documentId === changed.documentId) continue;
        const old = before.articles.find((x) => x.documentId === b.documentId)!;
        if (shown(before, old) !== shown(after, b)) expect(expected.has(b.documentId), `${kind} ${changed.documentId}: page ${b.documentId} changed`).toBe(true);
      }
    }
  });
});
