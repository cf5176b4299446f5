import { reportProblems } from '../build-report';
import { cmsClient, cmsUrl } from './client';
import { fetchAll } from './fetch-all';
import { joinGala, type GalaData } from './join-gala';
import { OPTIONAL } from './optional-fields';
import { parseRecords, type RecordProblem } from './parse-records';
import { forgetSiteSnapshot, recordSnapshotPart, siteSnapshot, type SnapshotField } from './snapshot';
import { forgetHelpDesk } from './help-desk';
import { patchGroups } from '../derive/patch-groups';
import { patchSorted } from '../derive/patch-sorted';
import { ARTICLES_BULK, COMMUNITIES_BULK, GALA_EDITIONS, GALA_PROGRAMMES, GALA_VENUES, LEDGERS_BULK, PAGES } from './queries';
import { articleSchema, communitySchema, galaEditionSchema, galaProgrammeSchema, galaVenueSchema, ledgerSchema, pageSchema, type Article, type Community, type GalaEdition, type GalaProgramme, type GalaVenue, type Ledger, type Page } from './schemas';

export type { Article, Community, GalaEdition, GalaProgramme, GalaVenue, Ledger, Page } from './schemas';
export type { GalaData } from './join-gala';
export { channelValues, galaKindValues, serviceFocusValues } from './schemas';

// The records as validated, before joining: what the build fetched, and what an incremental
// publish patches (apply-changes.ts). Kept in one canonical order so that a patched set and a
// fresh fetch of the same content are the same arrays.
export interface SourceRecords {
  articles: Article[];
  communities: Community[];
  ledgers: Ledger[];
  pages: Page[];
  galaEditions: GalaEdition[];
  galaVenues: GalaVenue[];
  galaProgrammes: GalaProgramme[];
}

// Everything the site renders, fetched once per build, validated record by record, joined in memory.
export interface SiteData {
  articles: Article[];
  communities: Community[];
  ledgers: Ledger[];
  pages: Page[];
  communityById: Map<string, Community>;
  ledgersByCommunity: Map<string, Ledger[]>;
  gala: GalaData;
  source: SourceRecords;
  delta?: SiteDelta;
}

// The connections the site reads; the three large ones through the CMS's bulk queries (one
// query per relation for a whole page of entries, cms/src/bulk-read/), the rest as they are.
const CONNECTIONS: Record<SnapshotField, { query: string; field: string }> = {
  articles_connection: { query: ARTICLES_BULK, field: 'articlesBulk' },
  communities_connection: { query: COMMUNITIES_BULK, field: 'communitiesBulk' },
  ledgers_connection: { query: LEDGERS_BULK, field: 'ledgersBulk' },
  pages_connection: { query: PAGES, field: 'pages_connection' },
  galaEditions_connection: { query: GALA_EDITIONS, field: 'galaEditions_connection' },
  galaVenues_connection: { query: GALA_VENUES, field: 'galaVenues_connection' },
  galaProgrammes_connection: { query: GALA_PROGRAMMES, field: 'galaProgrammes_connection' },
};

// The raw nodes of one connection: from the CMS, or from the benchmark's snapshot (snapshot.ts).
function nodesOf(field: SnapshotField): Promise<unknown[]> {
  const snapshot = siteSnapshot();
  const { query, field: answer } = CONNECTIONS[field];
  const nodes = snapshot ? Promise.resolve(snapshot[field]) : fetchAll(cmsClient(), query, answer, 500);
  // SHEQU_SITE_SNAPSHOT_OUT: the warm renderer starts from what this build read.
  return nodes.then((n) => (recordSnapshotPart(field, n), n));
}

// Newest first, ties by documentId; communities in division-code order. Plain comparisons:
// every key is ASCII, and the order must not depend on a locale.
const byDateDesc = <T extends { documentId: string }>(date: (x: T) => string) => (a: T, b: T) => {
  const da = date(a);
  const db = date(b);
  if (da !== db) return da < db ? 1 : -1;
  return a.documentId === b.documentId ? 0 : a.documentId < b.documentId ? 1 : -1;
};
export const articleOrder = byDateDesc<Article>((a) => a.editorialDate);
export const ledgerOrder = byDateDesc<Ledger>((l) => l.activityDate);
export const communityOrder = (a: Community, b: Community) =>
  a.divisionCode !== b.divisionCode ? (a.divisionCode < b.divisionCode ? -1 : 1) : a.documentId === b.documentId ? 0 : a.documentId < b.documentId ? -1 : 1;

export type ParsedSet<T> = { records: T[]; problems: RecordProblem[] };

export async function fetchGalaRecords(): Promise<{ editions: ParsedSet<GalaEdition>; venues: ParsedSet<GalaVenue>; programmes: ParsedSet<GalaProgramme> }> {
  const [editions, venues, programmes] = await Promise.all([
    nodesOf('galaEditions_connection').then((r) => parseRecords('galaEdition', galaEditionSchema, r, OPTIONAL.galaEdition)),
    nodesOf('galaVenues_connection').then((r) => parseRecords('galaVenue', galaVenueSchema, r, OPTIONAL.galaVenue)),
    nodesOf('galaProgrammes_connection').then((r) => parseRecords('galaProgramme', galaProgrammeSchema, r, OPTIONAL.galaProgramme)),
  ]);
  return { editions, venues, programmes };
}

export async function fetchPageRecords(): Promise<ParsedSet<Page>> {
  return parseRecords('page', pageSchema, await nodesOf('pages_connection'), OPTIONAL.page);
}

async function fetchSource(): Promise<SourceRecords> {
  const [a, c, l, p, gala] = await Promise.all([
    nodesOf('articles_connection').then((r) => parseRecords('article', articleSchema, r, OPTIONAL.article)),
    nodesOf('communities_connection').then((r) => parseRecords('community', communitySchema, r, OPTIONAL.community)),
    nodesOf('ledgers_connection').then((r) => parseRecords('ledger', ledgerSchema, r, OPTIONAL.ledger)),
    fetchPageRecords(),
    fetchGalaRecords(),
  ]);
  // The build report (integrations/write-build-report.ts) prints and saves these.
  reportProblems([...a.problems, ...c.problems, ...l.problems, ...p.problems, ...gala.editions.problems, ...gala.venues.problems, ...gala.programmes.problems]);
  return {
    articles: a.records.sort(articleOrder),
    communities: c.records.sort(communityOrder),
    ledgers: l.records.sort(ledgerOrder),
    pages: p.records,
    galaEditions: gala.editions.records,
    galaVenues: gala.venues.records,
    galaProgrammes: gala.programmes.records,
  };
}

// How a SiteData differs from the one it was patched from (the warm renderer's incremental
// change), when only articles and ledgers changed: each changed record's joined version before
// (removed) and after (added). site-index.ts patches what it derived from the earlier data with
// it instead of walking a year of records again.
export interface SiteDelta {
  from: WeakRef<SiteData>;
  ledgers: { removed: Ledger[]; added: Ledger[] };
  articles: { removed: Article[]; added: Article[] };
}

// The versions of the changed records on each side of a change (absent: not published there).
export interface ChangedSides {
  before: Pick<SourceRecords, 'articles' | 'communities' | 'ledgers'>;
  after: Pick<SourceRecords, 'articles' | 'communities' | 'ledgers'>;
}

// Joins validated records into what pages read. Pure: the same records give the same data,
// whether fetched whole by a build or patched by an incremental publish. With the data joined
// before a patch and the changed records, the parts whose records are the same arrays
// (apply-changes.ts keeps an untouched list as it was) are taken as they are, and changed
// articles and ledgers are moved in the joined lists by their order (derive/patch-sorted.ts).
export function joinSiteData(source: SourceRecords, previous?: SiteData, changed?: ChangedSides): SiteData {
  const same = <K extends keyof SourceRecords>(...keys: K[]) => previous !== undefined && keys.every((k) => previous.source[k] === source[k]);
  const communities = source.communities;
  const communityById = same('communities') ? previous!.communityById : new Map(communities.map((x) => [x.documentId, x]));
  let gala: GalaData;
  if (same('communities', 'galaEditions', 'galaVenues', 'galaProgrammes')) gala = previous!.gala;
  else {
    const { problems: galaProblems, ...joined } = joinGala({ editions: source.galaEditions, venues: source.galaVenues, programmes: source.galaProgrammes }, new Set(communityById.keys()));
    reportProblems(galaProblems);
    gala = joined;
  }
  // A ledger whose community is not published cannot link anywhere; it is shown without it.
  const join = <T extends Ledger | Article>(x: T): T => (x.community && !communityById.has(x.community.documentId) ? { ...x, community: null } : x);
  // Past a few thousand records (an import) computing afresh is cheaper than moving each one.
  const delta: SiteDelta | undefined =
    previous && changed && same('communities') && changed.before.ledgers.length + changed.after.ledgers.length + changed.before.articles.length + changed.after.articles.length <= 4000
      ? { from: new WeakRef(previous), ledgers: { removed: changed.before.ledgers.map(join), added: changed.after.ledgers.map(join) }, articles: { removed: changed.before.articles.map(join), added: changed.after.articles.map(join) } }
      : undefined;
  const patched = <T extends { documentId: string }>(prev: T[], d: { removed: T[]; added: T[] }, order: (a: T, b: T) => number) => patchSorted(prev, d.removed, d.added, order);
  const ledgers = same('communities', 'ledgers') ? previous!.ledgers : (delta && patched(previous!.ledgers, delta.ledgers, ledgerOrder)) || source.ledgers.map(join);
  const articles = same('communities', 'articles') ? previous!.articles : (delta && patched(previous!.articles, delta.articles, articleOrder)) || source.articles.map(join);
  let ledgersByCommunity: Map<string, Ledger[]> | undefined;
  if (same('communities', 'ledgers')) ledgersByCommunity = previous!.ledgersByCommunity;
  else if (delta) ledgersByCommunity = patchGroups(previous!.ledgersByCommunity, delta.ledgers, (l) => l.community?.documentId, ledgerOrder, { newKeys: true });
  if (!ledgersByCommunity) {
    ledgersByCommunity = new Map<string, Ledger[]>();
    for (const ledger of ledgers) {
      if (!ledger.community) continue;
      const list = ledgersByCommunity.get(ledger.community.documentId) ?? [];
      list.push(ledger);
      ledgersByCommunity.set(ledger.community.documentId, list);
    }
  }
  return { articles, communities, ledgers, pages: source.pages, communityById, ledgersByCommunity, gala, source, delta };
}

// Media URLs from the CMS are site-relative to the CMS (/uploads/…); the build fetches them
// from there to resize and convert them.
export function mediaUrl(url: string): string {
  return /^https?:\/\//.test(url) ? url : `${cmsUrl()}${url}`;
}

// Astro evaluates getStaticPaths per route; all of them share this one fetch. The warm renderer
// replaces the data after each incremental change (replaceSiteData), and everything derived
// from it (site-index.ts) follows the new object.
let cached: Promise<SiteData> | undefined;
export function loadSiteData(): Promise<SiteData> {
  cached ??= fetchSource().then(joinSiteData);
  return cached;
}
export function replaceSiteData(data: SiteData | undefined): void {
  cached = data ? Promise.resolve(data) : undefined;
}

// The warm renderer's reload (lib/routes/renderer-hooks.ts): read everything again.
export function forgetSiteData(): void {
  cached = undefined;
  forgetHelpDesk();
  forgetSiteSnapshot();
}

export { loadHelpDesk, type HelpDeskData } from './help-desk';
export { helpKindValues, type HelpKind } from './schemas';
