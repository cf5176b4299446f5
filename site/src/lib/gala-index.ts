import type { Community } from './cms';
import { galaEditionViews, type GalaEditionView } from './derive/gala';
import { loadSiteIndex } from './site-index';

// The gala pages' lookups, computed once per build from the site's one fetch.
export interface GalaIndex {
  editions: GalaEditionView[];
  byYear: Map<number, GalaEditionView>;
  latest: GalaEditionView | undefined;
  communityById: Map<string, Community>;
}

async function build(): Promise<GalaIndex> {
  const site = await loadSiteIndex();
  const editions = galaEditionViews(site.gala, site.communityById);
  return { editions, byYear: new Map(editions.map((e) => [e.edition.year, e])), latest: editions[0], communityById: site.communityById };
}

let cached: Promise<GalaIndex> | undefined;
export function loadGalaIndex(): Promise<GalaIndex> {
  cached ??= build();
  return cached;
}

export function forgetGalaIndex(): void {
  cached = undefined;
}
