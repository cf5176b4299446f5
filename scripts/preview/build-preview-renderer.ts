import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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
  const buildEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: 'production', CMS_URL: cmsUrl, ASTRO_TELEMETRY_DISABLED: '1' };
  // A test runner's variables (VITEST, NODE_ENV=test …) must not change how it is built.
  for (const key of Object.keys(buildEnv)) if (key.startsWith('VITEST') || key === 'TEST') delete buildEnv[key];
  const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--config', 'astro.preview.config.mjs'], {
    cwd: path.join(repoRoot, 'site'),
    stdio: 'inherit',
    env: buildEnv,
  });
  if (r.status !== 0) throw new Error(`building the preview renderer failed (exit ${r.status ?? r.signal})`);
  fs.writeFileSync(stamp, digest);
}
