import { describe, expect, it } from 'vitest';
import { groupPagesByShard, shardOf, SHARD_BUCKETS } from '../../site/src/lib/search/shard-of.ts';

// The shard rule must never move a page (the publisher re-indexes only the shards a change
// touches, trusting the build put each page where the rule says) and must keep every shard
// near its share at a year of content, so that indexing one stays far below 4 GiB.
describe('the search shard rule', () => {
  it('keeps giving the same shard to the same address (changing it needs a full build)', () => {
    expect(shardOf('/articles/shequ-zhiyuan-fuwu/')).toBe('articles-04');
    expect(shardOf('/ledgers/k3j2h1g0f9e8d7c6b5a4z3y2/')).toBe('ledgers-1');
    expect(shardOf('/communities/baibuting-shequ/')).toBe('communities-1');
    expect(shardOf('/provinces/42/')).toBe('other');
    expect(shardOf('/gala/2026/programmes/abc/')).toBe('other');
  });

  it('leaves lists, archives, home and other pages out of the index', () => {
    for (const u of ['/', '/articles/', '/ledgers/', '/ledgers/archive/2025-03/', '/ledgers/focus/minors/', '/channels/local-news/', '/communities/', '/provinces/', '/about/', '/search/', '/gala/2026/', '/help/']) {
      expect(shardOf(u), u).toBeNull();
    }
  });

  it('spreads a year of content evenly: no shard more than 5 % above its mean', () => {
    const year = { articles: 70_000, ledgers: 120_000, communities: 20_000 };
    const files: string[] = [];
    for (const [kind, n] of Object.entries(year)) {
      // Address shapes like the real ones: slugs for articles and communities, document ids for ledgers.
      for (let i = 0; i < n; i += 1) files.push(`${kind}/${kind === 'ledgers' ? `d${(i * 2654435761).toString(36)}x${i}` : `slug-${i}-${kind}`}/index.html`);
    }
    const groups = groupPagesByShard(files);
    for (const [kind, n] of Object.entries(year)) {
      const buckets = SHARD_BUCKETS[kind as keyof typeof SHARD_BUCKETS];
      const sizes = [...groups].filter(([s]) => s.startsWith(`${kind}-`)).map(([, pages]) => pages.length);
      expect(sizes).toHaveLength(buckets);
      expect(Math.max(...sizes), kind).toBeLessThanOrEqual((n / buckets) * 1.05);
    }
  });
});
