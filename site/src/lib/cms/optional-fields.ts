// Fields a record can be shown without; anything else wrong excludes the record (parse-records).
export const OPTIONAL = {
  article: ['summary', 'body', 'cover', 'source', 'author', 'province', 'community', 'tags'],
  community: ['cityName', 'districtName', 'streetName', 'address', 'isLiaisonPoint', 'joinedOn', 'liaisonOfficer', 'stationName', 'volunteerTeams', 'propertyCompany', 'introduction', 'photos', 'latitude', 'longitude'],
  ledger: ['serviceTypes', 'teamTypes', 'place', 'description', 'photos'],
  page: ['summary', 'body'],
  galaEdition: ['theme', 'startDate', 'endDate', 'introduction'],
  galaVenue: ['province', 'hostCommunity'],
  galaProgramme: ['venue', 'community', 'videoUrl', 'video', 'description'],
} as const;
