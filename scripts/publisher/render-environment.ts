import path from 'node:path';
import type { PublisherConfig } from './publisher-config.ts';

// Where a full build leaves the data it read, for the warm renderer to start from.
export function snapshotFileOf(config: PublisherConfig, releaseId: string): string {
  return path.join(config.paths.root, 'snapshots', `${releaseId}.json`);
}

// The environment both a full build and the renderer see, so that both draw the same pages.
export function renderEnvironment(config: PublisherConfig): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CMS_URL: config.cmsUrl,
    CMS_PUBLIC_URL: config.cmsPublicUrl,
    SITE_URL: config.siteUrl,
    SHEQU_BUILD_TOKEN_FILE: config.buildTokenFile,
    // Pictures converted once for every build and the renderer (names are content-derived).
    SHEQU_MEDIA_CACHE: process.env.SHEQU_MEDIA_CACHE ?? path.join(config.paths.root, 'media-cache'),
    ASTRO_TELEMETRY_DISABLED: '1',
  };
}
