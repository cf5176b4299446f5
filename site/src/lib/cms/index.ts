import { reportProblems } from '../build-report';
import { cmsClient, cmsUrl } from './client';
import { fetchAll } from './fetch-all';
import { joinGala, type GalaData } from './join-gala';
import { OPTIONAL } from './optional-fields';
import { parseRecords } from './parse-records';
import { forgetSiteSnapshot, recordSnapshotPart, siteSnapshot, type SnapshotField } from './snapshot';
import { forgetHelpDesk } from './help-desk';
import { ARTICLES, COMMUNITIES, GALA_EDITIONS, GALA_PROGRAMMES, GALA_VENUES, LEDGERS, PAGES } from './queries';
import { articleSchema, communitySchema, galaEditionSchema, galaProgrammeSchema, galaVenueSchema, ledgerSchema, pageSchema, type Article, type Community, type Ledger, type Page } from './schemas';

export type { Article, Community, GalaEdition, GalaProgramme, GalaVenue, Ledger, Page } from './schemas';
export type { GalaData } from './join-gala';
export { channelValues, galaKindValues, serviceFocusValues } from './schemas';

// Everything the site renders, fetched once per build, validated record by record, joined in memory.
export interface SiteData {
  articles: Article[];
  communities: Community[];
  ledgers: Ledger[];
  pages: Page[];
  communityById: Map<string, Community>;
  ledgersByCommunity: Map<string, Ledger[]>;
  gala: GalaData;
}


// The raw nodes of one connection: from the CMS, or from the benchmark's snapshot (snapshot.ts).
function nodesOf(query: string, field: SnapshotField): Promise<unknown[]> {
  const snapshot = siteSnapshot();
  const nodes = snapshot ? Promise.resolve(snapshot[field]) : fetchAll(cmsClient(), query, field);
  // SHEQU_SITE_SNAPSHOT_OUT: the warm renderer starts from what this build read.
  return nodes.then((n) => (recordSnapshotPart(field, n), n));
}

async function load(): Promise<SiteData> {
  const [a, c, l, p] = await Promise.all([
    nodesOf(ARTICLES, 'articles_connection').then((r) => parseRecords('article', articleSchema, r, OPTIONAL.article)),
    nodesOf(COMMUNITIES, 'communities_connection').then((r) => parseRecords('community', communitySchema, r, OPTIONAL.community)),
    nodesOf(LEDGERS, 'ledgers_connection').then((r) => parseRecords('ledger', ledgerSchema, r, OPTIONAL.ledger)),
    nodesOf(PAGES, 'pages_connection').then((r) => parseRecords('page', pageSchema, r, OPTIONAL.page)),
  ]);
  const [ge, gv, gp] = await Promise.all([
    nodesOf(GALA_EDITIONS, 'galaEditions_connection').then((r) => parseRecords('galaEdition', galaEditionSchema, r, OPTIONAL.galaEdition)),
    nodesOf(GALA_VENUES, 'galaVenues_connection').then((r) => parseRecords('galaVenue', galaVenueSchema, r, OPTIONAL.galaVenue)),
    nodesOf(GALA_PROGRAMMES, 'galaProgrammes_connection').then((r) => parseRecords('galaProgramme', galaProgrammeSchema, r, OPTIONAL.galaProgramme)),
  ]);
  // The build report (integrations/write-build-report.ts) prints and saves these.
  const communities = c.records;
  const communityById = new Map(communities.map((x) => [x.documentId, x]));
  const { problems: galaProblems, ...gala } = joinGala({ editions: ge.records, venues: gv.records, programmes: gp.records }, new Set(communityById.keys()));
  reportProblems([...a.problems, ...c.problems, ...l.problems, ...p.problems, ...ge.problems, ...gv.problems, ...gp.problems, ...galaProblems]);
  // A ledger whose community is not published cannot link anywhere; it is shown without it.
  const ledgers = l.records.map((x) => (x.community && !communityById.has(x.community.documentId) ? { ...x, community: null } : x));
  const articles = a.records.map((x) => (x.community && !communityById.has(x.community.documentId) ? { ...x, community: null } : x));
  const ledgersByCommunity = new Map<string, Ledger[]>();
  for (const ledger of ledgers) {
    if (!ledger.community) continue;
    const list = ledgersByCommunity.get(ledger.community.documentId) ?? [];
    list.push(ledger);
    ledgersByCommunity.set(ledger.community.documentId, list);
  }
  return { articles, communities, ledgers, pages: p.records, communityById, ledgersByCommunity, gala };
}

// Media URLs from the CMS are site-relative to the CMS (/uploads/…); the build fetches them
// from there to resize and convert them.
export function mediaUrl(url: string): string {
  return /^https?:\/\//.test(url) ? url : `${cmsUrl()}${url}`;
}

// Astro evaluates getStaticPaths per route; all of them share this one fetch.
let cached: Promise<SiteData> | undefined;
export function loadSiteData(): Promise<SiteData> {
  cached ??= load();
  return cached;
}

// The warm renderer's reload (lib/routes/renderer-hooks.ts): read everything again.
export function forgetSiteData(): void {
  cached = undefined;
  forgetHelpDesk();
  forgetSiteSnapshot();
}

export { loadHelpDesk, type HelpDeskData } from './help-desk';
export { helpKindValues, type HelpKind } from './schemas';
