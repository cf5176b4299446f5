import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildServerRenderer } from '../lib/build-server-renderer.ts';
import { hashInputs, upToDate } from '../lib/hash-inputs.ts';
import { repoRoot } from '../lib/paths.ts';

// Builds the publisher's warm renderer (site/astro.render.config.mjs → site/dist-render/, a few
// seconds) when the site's sources changed. The site's address is part of the build (canonical
// links, feeds), so it is built for the SITE_URL the full builds use, one folder per address
// (site/dist-render/<digest>/): publishers for different addresses (tests) never share one.
export const DEFAULT_SITE_URL = 'http://127.0.0.1:4321';
export function rendererDirFor(siteUrl: string = DEFAULT_SITE_URL): string {
  return path.join(repoRoot, 'site', 'dist-render', crypto.createHash('sha256').update(siteUrl).digest('hex').slice(0, 12));
}
export const rendererEntryFor = (siteUrl?: string) => path.join(rendererDirFor(siteUrl), 'server', 'entry.mjs');

export function ensureRendererBuilt(env: NodeJS.ProcessEnv = process.env): string {
  const siteUrl = env.SITE_URL ?? DEFAULT_SITE_URL;
  const rendererDir = rendererDirFor(siteUrl);
  const rendererEntry = rendererEntryFor(siteUrl);
  const digest = hashInputs(['site/src', 'site/public', 'site/astro.render.config.mjs', 'site/package.json', 'pnpm-lock.yaml']) + siteUrl;
  const stamp = path.join(rendererDir, '.shequ-build-stamp');
  if (upToDate(stamp, digest) && fs.existsSync(rendererEntry)) return rendererDir;
  console.log('[shequ] building the warm renderer …');
  buildServerRenderer('astro.render.config.mjs', { ...env, SITE_URL: siteUrl, SHEQU_RENDER_OUT_DIR: rendererDir }, 'the warm renderer');
  fs.writeFileSync(stamp, digest);
  return rendererDir;
}
