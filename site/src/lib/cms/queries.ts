// GraphQL documents the build sends. Relations are asked for as ids only and joined in memory
// (see index.ts): resolving whole related records per entry is what makes builds slow at scale.

const MEDIA = 'url alternativeText width height';

export const ARTICLES = /* GraphQL */ `
  query Articles($page: Int!, $pageSize: Int!) {
    articles_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["editorialDate:desc", "id:desc"]) {
      nodes {
        documentId title slug summary body channel editorialDate source author province tags updatedAt
        cover { ${MEDIA} }
        community { documentId }
      }
      pageInfo { page pageSize pageCount total }
    }
  }
`;

export const COMMUNITIES = /* GraphQL */ `
  query Communities($page: Int!, $pageSize: Int!) {
    communities_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["divisionCode:asc"]) {
      nodes {
        documentId name slug divisionCode provinceCode provinceName cityName districtName streetName address
        isLiaisonPoint joinedOn stationName propertyCompany introduction latitude longitude updatedAt
        liaisonOfficer { name role phone }
        volunteerTeams { name kind membersCount }
        photos { ${MEDIA} }
      }
      pageInfo { page pageSize pageCount total }
    }
  }
`;

export const LEDGERS = /* GraphQL */ `
  query Ledgers($page: Int!, $pageSize: Int!) {
    ledgers_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["activityDate:desc", "id:desc"]) {
      nodes {
        documentId title activityDate serviceFocus volunteersCount peopleServed serviceHours place description updatedAt
        serviceTypes { kind }
        teamTypes { kind }
        photos { ${MEDIA} }
        community { documentId }
      }
      pageInfo { page pageSize pageCount total }
    }
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
