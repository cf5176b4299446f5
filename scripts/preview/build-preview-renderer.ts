import fs from 'node:fs';
import path from 'node:path';
import { buildServerRenderer } from '../lib/build-server-renderer.ts';
import { hashInputs, upToDate } from '../lib/hash-inputs.ts';
import { repoRoot } from '../lib/paths.ts';

// Builds the draft preview renderer (site/astro.preview.config.mjs → site/dist-preview/, about
// 3 s) when the site's sources changed: the same components as the static site, as a request
// handler the preview server imports. Never part of a static release.
export const previewRendererDir = path.join(repoRoot, 'site', 'dist-preview');
export const previewRendererEntry = path.join(previewRendererDir, 'server', 'entry.mjs');

export function ensurePreviewRendererBuilt(env: NodeJS.ProcessEnv = process.env): void {
  // The CMS host is part of the build: the image endpoint fetches pictures from it only.
  const cmsUrl = env.CMS_URL ?? `http://127.0.0.1:${env.CMS_PORT ?? 1337}`;
  const digest = hashInputs(['site/src', 'site/astro.preview.config.mjs', 'site/package.json', 'pnpm-lock.yaml']) + new URL(cmsUrl).protocol + new URL(cmsUrl).hostname;
  const stamp = path.join(previewRendererDir, '.shequ-build-stamp');
  if (upToDate(stamp, digest) && fs.existsSync(previewRendererEntry)) return;
  console.log('[shequ] building the draft preview renderer …');
  buildServerRenderer('astro.preview.config.mjs', { ...env, CMS_URL: cmsUrl }, 'the preview renderer');
  fs.writeFileSync(stamp, digest);
}
