import { cmsClient } from './client';
import { fetchAll } from './fetch-all';
import { parseRecords } from './parse-records';
import { ARTICLES, COMMUNITIES, LEDGERS, PAGES } from './queries';
import { articleSchema, communitySchema, ledgerSchema, pageSchema, type Article, type Community, type Ledger, type Page } from './schemas';

export type { Article, Community, Ledger, Page } from './schemas';
export { channelValues, serviceFocusValues } from './schemas';

// Everything the site renders, fetched once per build and joined in memory.
export interface SiteData {
  articles: Article[];
  communities: Community[];
  ledgers: Ledger[];
  pages: Page[];
  communityById: Map<string, Community>;
  ledgersByCommunity: Map<string, Ledger[]>;
}

async function load(): Promise<SiteData> {
  const client = cmsClient();
  const [articles, communities, ledgers, pages] = await Promise.all([
    fetchAll(client, ARTICLES, 'articles_connection').then((r) => parseRecords('article', articleSchema, r)),
    fetchAll(client, COMMUNITIES, 'communities_connection').then((r) => parseRecords('community', communitySchema, r)),
    fetchAll(client, LEDGERS, 'ledgers_connection').then((r) => parseRecords('ledger', ledgerSchema, r)),
    fetchAll(client, PAGES, 'pages_connection').then((r) => parseRecords('page', pageSchema, r)),
  ]);
  const communityById = new Map(communities.map((c) => [c.documentId, c]));
  const ledgersByCommunity = new Map<string, Ledger[]>();
  for (const ledger of ledgers) {
    if (!ledger.community) continue;
    const list = ledgersByCommunity.get(ledger.community.documentId) ?? [];
    list.push(ledger);
    ledgersByCommunity.set(ledger.community.documentId, list);
  }
  return { articles, communities, ledgers, pages, communityById, ledgersByCommunity };
}

// Astro evaluates getStaticPaths per route; all of them share this one fetch.
let cached: Promise<SiteData> | undefined;
export function loadSiteData(): Promise<SiteData> {
  cached ??= load();
  return cached;
}
