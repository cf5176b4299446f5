import fs from 'node:fs';
import path from 'node:path';
import { buildAndServeSite, serveSiteFolder, type ServedSite } from './build-site.ts';

// The site the e2e checks look at: by default a fresh CMS with demo content and a fresh
// `astro build`. While working on the checks themselves, SHEQU_E2E_SITE_DIR=<built folder>
// serves an existing build instead (no CMS, no build; absolute URLs then carry the origin
// that build was made for).
export async function siteUnderTest(): Promise<ServedSite> {
  const prebuilt = process.env.SHEQU_E2E_SITE_DIR;
  if (!prebuilt) return buildAndServeSite();
  const dir = path.resolve(prebuilt);
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`SHEQU_E2E_SITE_DIR=${prebuilt} holds no index.html`);
  const server = await serveSiteFolder(dir);
  return { url: server.url, dir, stop: server.close };
}
