import type { Article, Community, Ledger } from '../cms';
import { channelNeighbours, relatedArticles } from '../derive/related';
import type { SiteIndex } from '../site-index';

// The props of the pages with one record each, in one place for both ways a page gets them:
// the static build lists every record (getStaticPaths), the warm renderer looks one up by its
// URL (page-props.ts), so that a change renders its pages without listing 120,000 others.

export function ledgerPageProps(site: SiteIndex, ledger: Ledger) {
  return { ledger, community: ledger.community ? site.communityById.get(ledger.community.documentId) : undefined };
}

export function articlePageProps(site: SiteIndex, article: Article) {
  return {
    article,
    community: article.community ? site.communityById.get(article.community.documentId) : undefined,
    // Previous/next in the channel, and related by the bounded neighbour rule (derive/related.ts).
    ...channelNeighbours(site, article),
    related: relatedArticles(site, article),
  };
}

// A community's ledgers are in site order already (newest first).
export function communityPageProps(site: SiteIndex, community: Community) {
  return { community, ledgers: site.ledgersByCommunity.get(community.documentId) ?? [] };
}
