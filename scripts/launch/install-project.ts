import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { hashInputs, upToDate } from '../lib/hash-inputs.ts';
import { repoRoot } from '../lib/paths.ts';
import { ensurePreviewRendererBuilt } from '../preview/build-preview-renderer.ts';
import { ensureRendererBuilt } from '../publisher/build-renderer.ts';

// Installs dependencies, builds the CMS, the draft preview renderer and the publisher's warm
// renderer only when their inputs changed, so the second `npm start` or `npm test` skips straight to running.

export const PNPM = ['-y', 'pnpm@10.34.8'];

function run(cmd: string, args: string[], cwd: string, what: string): void {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', STRAPI_TELEMETRY_DISABLED: 'true' } });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal})`);
}

export function ensureDependencies(): void {
  const digest = hashInputs(['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json', 'cms/package.json', 'site/package.json', 'scripts/package.json']) + process.version;
  const stamp = path.join(repoRoot, 'node_modules', '.shequ-install-stamp');
  if (upToDate(stamp, digest)) return;
  console.log('[shequ] installing dependencies with pnpm …');
  run('npx', [...PNPM, 'install', '--frozen-lockfile', '--prefer-offline'], repoRoot, 'pnpm install');
  fs.writeFileSync(stamp, digest);
}

export function ensureCmsBuilt(): void {
  const digest = hashInputs(['cms/config', 'cms/src', 'cms/scripts', 'cms/package.json', 'cms/tsconfig.json', 'pnpm-lock.yaml']);
  const stamp = path.join(repoRoot, 'cms', 'dist', '.shequ-build-stamp');
  if (upToDate(stamp, digest) && fs.existsSync(path.join(repoRoot, 'cms', 'dist', 'build', 'index.html'))) return;
  console.log('[shequ] building the CMS (TypeScript and admin panel, about a minute) …');
  run(process.execPath, ['node_modules/@strapi/strapi/bin/strapi.js', 'build'], path.join(repoRoot, 'cms'), 'strapi build');
  fs.writeFileSync(stamp, digest);
}

export function ensureProjectReady(): void {
  ensureDependencies();
  ensureCmsBuilt();
  ensurePreviewRendererBuilt();
  ensureRendererBuilt();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureProjectReady();
}
