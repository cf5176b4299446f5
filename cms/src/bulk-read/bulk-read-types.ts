import type { UID } from '@strapi/strapi';

// What the site build reads of each large collection, in the shape its GraphQL queries give
// (site/src/lib/cms/queries.ts): scalar fields, media as url/alt/size, components whole, and
// relations as `{ documentId }` only. Strapi's query engine loads each relation and component
// for a whole page of entries in one query, where GraphQL's field resolvers load them entry by
// entry; that difference is the read speed of a year's build.
const MEDIA = { fields: ['url', 'alternativeText', 'width', 'height'] };
const REF = { fields: ['documentId'] };

export interface BulkReadType {
  uid: UID.ContentType;
  field: string;
  fields: string[];
  populate: Record<string, unknown>;
  // Media fields: GraphQL's node shape has no documentId for files.
  media: string[];
}

export const BULK_READ_TYPES: BulkReadType[] = [
  {
    uid: 'api::article.article',
    field: 'articlesBulk',
    fields: ['documentId', 'title', 'slug', 'summary', 'body', 'channel', 'editorialDate', 'source', 'author', 'province', 'tags', 'updatedAt'],
    populate: { cover: MEDIA, community: REF },
    media: ['cover'],
  },
  {
    uid: 'api::community.community',
    field: 'communitiesBulk',
    fields: [
      'documentId', 'name', 'slug', 'divisionCode', 'provinceCode', 'provinceName', 'cityName', 'districtName', 'streetName', 'address',
      'isLiaisonPoint', 'joinedOn', 'stationName', 'propertyCompany', 'introduction', 'latitude', 'longitude', 'updatedAt',
    ],
    populate: { liaisonOfficer: { fields: ['name', 'role', 'phone'] }, volunteerTeams: { fields: ['name', 'kind', 'membersCount'] }, photos: MEDIA },
    media: ['photos'],
  },
  {
    uid: 'api::ledger.ledger',
    field: 'ledgersBulk',
    fields: ['documentId', 'title', 'activityDate', 'serviceFocus', 'volunteersCount', 'peopleServed', 'serviceHours', 'place', 'description', 'updatedAt'],
    populate: { serviceTypes: { fields: ['kind'] }, teamTypes: { fields: ['kind'] }, photos: MEDIA, community: REF },
    media: ['photos'],
  },
];
