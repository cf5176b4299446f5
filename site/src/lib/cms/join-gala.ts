import type { RecordProblem } from './parse-records.ts';
import type { GalaEdition, GalaProgramme, GalaVenue } from './schemas.ts';

// Joins the gala's records in memory, as index.ts does for ledgers. A venue or programme of
// an edition that is not published has nowhere to appear and is left out; a relation to an
// unpublished community or venue is dropped. A programme whose venue belongs to another
// edition (the CMS refuses this, so only old or imported data has it) keeps its edition and
// loses the venue, and the build report says so.

type InEdition<T extends { edition: unknown }> = T & { edition: NonNullable<T['edition']> };

export interface GalaData {
  editions: GalaEdition[];
  venues: Array<InEdition<GalaVenue>>;
  programmes: Array<InEdition<GalaProgramme>>;
}

const inEdition = (ids: Set<string>) => <T extends { edition: { documentId: string } | null }>(x: T): x is InEdition<T> => x.edition !== null && ids.has(x.edition.documentId);

export function joinGala(raw: { editions: GalaEdition[]; venues: GalaVenue[]; programmes: GalaProgramme[] }, communityIds: ReadonlySet<string>): GalaData & { problems: RecordProblem[] } {
  const problems: RecordProblem[] = [];
  const editionIds = new Set(raw.editions.map((e) => e.documentId));
  const venues = raw.venues
    .filter(inEdition(editionIds))
    .map((v) => (v.hostCommunity && !communityIds.has(v.hostCommunity.documentId) ? { ...v, hostCommunity: null } : v));
  const venueEdition = new Map(venues.map((v) => [v.documentId, v.edition.documentId]));
  const programmes = raw.programmes
    .filter(inEdition(editionIds))
    .map((p) => {
      let out = p;
      if (out.community && !communityIds.has(out.community.documentId)) out = { ...out, community: null };
      if (out.venue) {
        const edition = venueEdition.get(out.venue.documentId);
        if (edition && edition !== out.edition.documentId) {
          problems.push({
            type: 'galaProgramme', documentId: p.documentId, action: 'repaired', fields: ['venue'],
            messages: [`field "venue": venue "${out.venue.documentId}" belongs to another edition`],
          });
        }
        if (edition !== out.edition.documentId) out = { ...out, venue: null };
      }
      return out;
    });
  return { editions: raw.editions, venues, programmes, problems };
}
