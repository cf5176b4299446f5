import type { Community, GalaEdition, GalaProgramme, GalaVenue } from '../cms/schemas.ts';
import { galaKindValues } from '../cms/schemas.ts';

// A gala edition's figures and groupings, computed from its programmes, never typed in.
export interface GalaFigures {
  communities: number;
  provinces: number;
  venues: number;
  programmes: number;
  performers: number;
  minutes: number;
}

export type GalaKind = GalaProgramme['kind'];

export interface GalaEditionView {
  edition: GalaEdition;
  venues: GalaVenue[];
  programmes: GalaProgramme[];
  figures: GalaFigures;
  programmesByVenue: Map<string, GalaProgramme[]>;
  programmesByKind: Map<GalaKind, GalaProgramme[]>;
  // Kinds with at least one programme, in the list's order.
  kinds: GalaKind[];
}

// Communities and provinces count those that perform, not those that only host.
export function galaFigures(programmes: GalaProgramme[], venues: number, communityById: ReadonlyMap<string, Pick<Community, 'provinceCode'>>): GalaFigures {
  const communities = new Set<string>();
  const provinces = new Set<string>();
  let performers = 0;
  let minutes = 0;
  for (const p of programmes) {
    performers += p.performersCount;
    minutes += p.durationMinutes;
    const community = p.community ? communityById.get(p.community.documentId) : undefined;
    if (!p.community || !community) continue;
    communities.add(p.community.documentId);
    provinces.add(community.provinceCode);
  }
  return { communities: communities.size, provinces: provinces.size, venues, programmes: programmes.length, performers, minutes: Math.round(minutes) };
}

export function groupProgrammes<K>(programmes: GalaProgramme[], key: (p: GalaProgramme) => K | undefined): Map<K, GalaProgramme[]> {
  const out = new Map<K, GalaProgramme[]>();
  for (const p of programmes) {
    const k = key(p);
    if (k === undefined) continue;
    const list = out.get(k) ?? [];
    list.push(p);
    out.set(k, list);
  }
  return out;
}

// Every edition, newest first, with its venues (by name) and programmes (in the CMS's order).
export function galaEditionViews(gala: { editions: GalaEdition[]; venues: GalaVenue[]; programmes: GalaProgramme[] }, communityById: ReadonlyMap<string, Pick<Community, 'provinceCode'>>): GalaEditionView[] {
  return [...gala.editions]
    .sort((a, b) => b.year - a.year)
    .map((edition) => {
      const venues = gala.venues
        .filter((v) => v.edition?.documentId === edition.documentId)
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.documentId.localeCompare(b.documentId));
      const programmes = gala.programmes.filter((p) => p.edition?.documentId === edition.documentId);
      const programmesByKind = groupProgrammes(programmes, (p) => p.kind);
      return {
        edition,
        venues,
        programmes,
        figures: galaFigures(programmes, venues.length, communityById),
        programmesByVenue: groupProgrammes(programmes, (p) => p.venue?.documentId),
        programmesByKind,
        kinds: galaKindValues.filter((k) => programmesByKind.has(k)),
      };
    });
}

// Uploaded videos are copied into the release under this name; only mp4 and webm are played.
export function galaVideoFile(url: string): string | undefined {
  const name = url.split(/[?#]/)[0].split('/').pop() ?? '';
  return /^[A-Za-z0-9._-]+\.(mp4|webm)$/i.test(name) ? name : undefined;
}
