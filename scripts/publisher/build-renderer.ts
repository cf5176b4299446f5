import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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
  const buildEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: 'production', SITE_URL: siteUrl, SHEQU_RENDER_OUT_DIR: rendererDir, ASTRO_TELEMETRY_DISABLED: '1' };
  // A test runner's variables (VITEST, NODE_ENV=test …) must not change how it is built.
  for (const key of Object.keys(buildEnv)) if (key.startsWith('VITEST') || key === 'TEST') delete buildEnv[key];
  const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--config', 'astro.render.config.mjs'], {
    cwd: path.join(repoRoot, 'site'),
    stdio: 'inherit',
    env: buildEnv,
  });
  if (r.status !== 0) throw new Error(`building the warm renderer failed (exit ${r.status ?? r.signal})`);
  fs.writeFileSync(stamp, digest);
  return rendererDir;
}
