import path from 'node:path';
import { buildAndServeSite as buildAndServeFrom, serveSiteFolder, type ServedSite } from '../../scripts/lib/build-and-serve-site.ts';
import { startCms, type RunningCms } from './start-cms.ts';

export { serveSiteFolder, type ServedSite };

export interface BuiltSite extends ServedSite {
  cms: RunningCms;
}

// A real CMS with the demo content (~30 s), a real `astro build` of site/ into a temporary
// folder, and the production site server on a free port. stop() ends both and removes the folders.
// Archive pages hold 3 entries, so the demo's small months are cut into pages as a year's are.
export const TEST_ARCHIVE_PAGE_SIZE = 3;
export async function buildAndServeSite(): Promise<BuiltSite> {
  const cms = await startCms();
  let site: ServedSite;
  try {
    site = await buildAndServeFrom({ cmsUrl: cms.url, buildTokenFile: path.join(cms.dataDir, 'build-token'), env: { SHEQU_ARCHIVE_PAGE_SIZE: String(TEST_ARCHIVE_PAGE_SIZE) } });
  } catch (error) {
    await cms.stop();
    throw error;
  }
  return {
    ...site,
    cms,
    stop: async () => {
      await site.stop();
      await cms.stop();
    },
  };
}
