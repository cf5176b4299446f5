import type { Community } from './cms';
import { galaEditionViews, type GalaEditionView } from './derive/gala';
import { loadSiteIndex, type SiteIndex } from './site-index';

// The gala pages' lookups, computed once per build from the site's one fetch.
export interface GalaIndex {
  editions: GalaEditionView[];
  byYear: Map<number, GalaEditionView>;
  latest: GalaEditionView | undefined;
  communityById: Map<string, Community>;
}

function build(site: SiteIndex): GalaIndex {
  const editions = galaEditionViews(site.gala, site.communityById);
  return { editions, byYear: new Map(editions.map((e) => [e.edition.year, e])), latest: editions[0], communityById: site.communityById };
}

const indexes = new WeakMap<SiteIndex, GalaIndex>();
export function galaIndexOf(site: SiteIndex): GalaIndex {
  let index = indexes.get(site);
  if (!index) indexes.set(site, (index = build(site)));
  return index;
}
export async function loadGalaIndex(): Promise<GalaIndex> {
  return galaIndexOf(await loadSiteIndex());
}
