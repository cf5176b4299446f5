// GraphQL documents the build sends. Relations are asked for as ids only and joined in memory
// (see index.ts): resolving whole related records per entry is what makes builds slow at scale.

const MEDIA = 'url alternativeText width height';

// What the site reads of each type; the build and the draft preview ask for the same fields.
const ARTICLE_FIELDS = `
  documentId title slug summary body channel editorialDate source author province tags updatedAt
  cover { ${MEDIA} }
  community { documentId }
`;
const COMMUNITY_FIELDS = `
  documentId name slug divisionCode provinceCode provinceName cityName districtName streetName address
  isLiaisonPoint joinedOn stationName propertyCompany introduction latitude longitude updatedAt
  liaisonOfficer { name role phone }
  volunteerTeams { name kind membersCount }
  photos { ${MEDIA} }
`;
const LEDGER_FIELDS = `
  documentId title activityDate serviceFocus volunteersCount peopleServed serviceHours place description updatedAt
  serviceTypes { kind }
  teamTypes { kind }
  photos { ${MEDIA} }
  community { documentId }
`;

export const ARTICLES = /* GraphQL */ `
  query Articles($page: Int!, $pageSize: Int!) {
    articles_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["editorialDate:desc", "id:desc"]) {
      nodes { ${ARTICLE_FIELDS} }
      pageInfo { page pageSize pageCount total }
    }
  }
`;

export const COMMUNITIES = /* GraphQL */ `
  query Communities($page: Int!, $pageSize: Int!) {
    communities_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["divisionCode:asc"]) {
      nodes { ${COMMUNITY_FIELDS} }
      pageInfo { page pageSize pageCount total }
    }
  }
`;

export const LEDGERS = /* GraphQL */ `
  query Ledgers($page: Int!, $pageSize: Int!) {
    ledgers_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["activityDate:desc", "id:desc"]) {
      nodes { ${LEDGER_FIELDS} }
      pageInfo { page pageSize pageCount total }
    }
  }
`;

// The same records through the CMS's bulk queries (cms/src/bulk-read/): JSON nodes in the shape
// of the queries above, a page of entries at a time, with relations and components loaded per
// page rather than per entry. The full build reads the three large collections this way.
const bulkQuery = (name: string, field: string) => /* GraphQL */ `
  query ${name}($page: Int!, $pageSize: Int!) {
    ${field}(page: $page, pageSize: $pageSize) {
      nodes
      pageInfo { page pageSize pageCount total }
    }
  }
`;
export const ARTICLES_BULK = bulkQuery('ArticlesBulk', 'articlesBulk');
export const COMMUNITIES_BULK = bulkQuery('CommunitiesBulk', 'communitiesBulk');
export const LEDGERS_BULK = bulkQuery('LedgersBulk', 'ledgersBulk');

// Changed records by documentId, published only (the build token reads nothing else), for an
// incremental publish: one request per type, whatever the number of changes.
export const ARTICLES_BY_ID = /* GraphQL */ `
  query ArticlesById($ids: [ID!]!, $limit: Int!) {
    articles(filters: { documentId: { in: $ids } }, pagination: { limit: $limit }) { ${ARTICLE_FIELDS} }
  }
`;
export const COMMUNITIES_BY_ID = /* GraphQL */ `
  query CommunitiesById($ids: [ID!]!, $limit: Int!) {
    communities(filters: { documentId: { in: $ids } }, pagination: { limit: $limit }) { ${COMMUNITY_FIELDS} }
  }
`;
export const LEDGERS_BY_ID = /* GraphQL */ `
  query LedgersById($ids: [ID!]!, $limit: Int!) {
    ledgers(filters: { documentId: { in: $ids } }, pagination: { limit: $limit }) { ${LEDGER_FIELDS} }
  }
`;

export const PAGES = /* GraphQL */ `
  query Pages($page: Int!, $pageSize: Int!) {
    pages_connection(pagination: { page: $page, pageSize: $pageSize }) {
      nodes { documentId title slug summary body updatedAt }
      pageInfo { page pageSize pageCount total }
    }
  }
`;

// ── The online gala (社区网络春晚) ─────────────────────────────────────────────────────────
export const GALA_EDITIONS = /* GraphQL */ `
  query GalaEditions($page: Int!, $pageSize: Int!) {
    galaEditions_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["year:desc"]) {
      nodes { documentId year theme startDate endDate introduction updatedAt }
      pageInfo { page pageSize pageCount total }
    }
  }
`;

export const GALA_VENUES = /* GraphQL */ `
  query GalaVenues($page: Int!, $pageSize: Int!) {
    galaVenues_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["name:asc", "id:asc"]) {
      nodes { documentId name province updatedAt edition { documentId } hostCommunity { documentId } }
      pageInfo { page pageSize pageCount total }
    }
  }
`;

export const GALA_PROGRAMMES = /* GraphQL */ `
  query GalaProgrammes($page: Int!, $pageSize: Int!) {
    galaProgrammes_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["id:asc"]) {
      nodes {
        documentId title kind durationMinutes performersCount videoUrl description updatedAt
        video { url mime alternativeText }
        edition { documentId }
        venue { documentId }
        community { documentId }
      }
      pageInfo { page pageSize pageCount total }
    }
  }
`;

// ── Draft preview: one document in the status the dashboard asks for (DRAFT or PUBLISHED),
// and the published records its page shows beside it. Read with the preview token only.

export const ARTICLE_PREVIEW = /* GraphQL */ `
  query ArticlePreview($documentId: ID!, $status: PublicationStatus!) {
    article(documentId: $documentId, status: $status) { ${ARTICLE_FIELDS} }
  }
`;

// Around an article: its community, articles of the same community and province (related),
// and the channel's articles dated on either side of it (previous/next and related).
export const ARTICLE_NEIGHBOURS = /* GraphQL */ `
  query ArticleNeighbours($documentId: ID!, $channel: String!, $date: Date!, $community: ID!, $withCommunity: Boolean!, $province: String!, $withProvince: Boolean!) {
    community(documentId: $community) @include(if: $withCommunity) { ${COMMUNITY_FIELDS} }
    sameCommunity: articles(filters: { community: { documentId: { eq: $community } }, documentId: { ne: $documentId } }, sort: ["editorialDate:desc", "id:desc"], pagination: { limit: 10 }) @include(if: $withCommunity) { ${ARTICLE_FIELDS} }
    sameProvince: articles(filters: { province: { eq: $province }, documentId: { ne: $documentId } }, sort: ["editorialDate:desc", "id:desc"], pagination: { limit: 10 }) @include(if: $withProvince) { ${ARTICLE_FIELDS} }
    newer: articles(filters: { channel: { eq: $channel }, editorialDate: { gte: $date }, documentId: { ne: $documentId } }, sort: ["editorialDate:asc", "id:asc"], pagination: { limit: 4 }) { ${ARTICLE_FIELDS} }
    older: articles(filters: { channel: { eq: $channel }, editorialDate: { lte: $date }, documentId: { ne: $documentId } }, sort: ["editorialDate:desc", "id:desc"], pagination: { limit: 4 }) { ${ARTICLE_FIELDS} }
  }
`;

export const LEDGER_PREVIEW = /* GraphQL */ `
  query LedgerPreview($documentId: ID!, $status: PublicationStatus!) {
    ledger(documentId: $documentId, status: $status) { ${LEDGER_FIELDS} }
  }
`;

export const COMMUNITY_PREVIEW = /* GraphQL */ `
  query CommunityPreview($documentId: ID!, $status: PublicationStatus!) {
    community(documentId: $documentId, status: $status) { ${COMMUNITY_FIELDS} }
  }
`;

export const PUBLISHED_COMMUNITY = /* GraphQL */ `
  query PublishedCommunity($documentId: ID!) {
    community(documentId: $documentId) { ${COMMUNITY_FIELDS} }
  }
`;

export const COMMUNITY_LEDGERS = /* GraphQL */ `
  query CommunityLedgers($page: Int!, $pageSize: Int!, $community: ID!) {
    ledgers_connection(filters: { community: { documentId: { eq: $community } } }, pagination: { page: $page, pageSize: $pageSize }, sort: ["activityDate:desc", "id:desc"]) {
      nodes { ${LEDGER_FIELDS} }
      pageInfo { page pageSize pageCount total }
    }
  }
`;

// The help form's token (fresh per build) and the public counts of help requests.
export const HELP_DESK = /* GraphQL */ `
  query HelpDesk {
    helpFormToken { token expiresAt }
    helpRequestFigures {
      asOf received resolved resolutionRate
      byMonth { key received resolved }
      byKind { key received resolved }
    }
  }
`;
