import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { hashInputs, upToDate } from '../lib/hash-inputs.ts';
import { repoRoot } from '../lib/paths.ts';

// Builds the publisher's warm renderer (site/astro.render.config.mjs → site/dist-render/, a few
// seconds) when the site's sources changed. The site's address is part of the build (canonical
// links, feeds), so it is built for the SITE_URL the full builds use.
export const rendererDir = path.join(repoRoot, 'site', 'dist-render');
export const rendererEntry = path.join(rendererDir, 'server', 'entry.mjs');

export function ensureRendererBuilt(env: NodeJS.ProcessEnv = process.env): void {
  const siteUrl = env.SITE_URL ?? 'http://127.0.0.1:4321';
  const digest = hashInputs(['site/src', 'site/public', 'site/astro.render.config.mjs', 'site/package.json', 'pnpm-lock.yaml']) + siteUrl;
  const stamp = path.join(rendererDir, '.shequ-build-stamp');
  if (upToDate(stamp, digest) && fs.existsSync(rendererEntry)) return;
  console.log('[shequ] building the warm renderer …');
  const buildEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: 'production', SITE_URL: siteUrl, ASTRO_TELEMETRY_DISABLED: '1' };
  // A test runner's variables (VITEST, NODE_ENV=test …) must not change how it is built.
  for (const key of Object.keys(buildEnv)) if (key.startsWith('VITEST') || key === 'TEST') delete buildEnv[key];
  const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--config', 'astro.render.config.mjs'], {
    cwd: path.join(repoRoot, 'site'),
    stdio: 'inherit',
    env: buildEnv,
  });
  if (r.status !== 0) throw new Error(`building the warm renderer failed (exit ${r.status ?? r.signal})`);
  fs.writeFileSync(stamp, digest);
}
