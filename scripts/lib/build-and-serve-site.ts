import { spawn } from 'node:child_process';
import { isolatedBuildFolder } from './isolated-build-folder.ts';
import fs from 'node:fs';
import type http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSiteServer } from '../publisher/serve-site.ts';
import { repoRoot } from './paths.ts';

// Builds the public site once from a running CMS into a folder and serves that folder with the
// production site server — what the browser checks and the screenshot script look at.

export interface ServedSite {
  url: string; // http://127.0.0.1:<port>, no trailing slash
  dir: string; // the built folder
  stop: () => Promise<void>;
}

export interface BuildSiteOptions {
  cmsUrl: string;
  // The CMS as readers' browsers reach it (help form, CSP); CMS_URL when omitted.
  cmsPublicUrl?: string;
  buildTokenFile: string;
  // Folder to build into; a temporary one (removed by stop()) when omitted.
  outDir?: string;
  host?: string;
  timeoutMs?: number;
  // Each line astro prints, e.g. for a progress display.
  onLine?: (line: string) => void;
  // Variables added to the build's (e.g. SHEQU_ARCHIVE_PAGE_SIZE).
  env?: NodeJS.ProcessEnv;
}

// Serves a folder (a plain directory or a link to one) with the site server on a free port. The
// CSP lets readers' browsers talk to the CMS at `cmsPublicUrl` (help form), as in production.
// A function gives the address once it is known (a CMS started after the site server).
export async function serveSiteFolder(dir: string, host = '127.0.0.1', cmsPublicUrl?: string | (() => string)): Promise<{ url: string; close: () => Promise<void> }> {
  const originOf = (url: string) => new URL(url).origin;
  const cmsOrigin = typeof cmsPublicUrl === 'function' ? () => originOf(cmsPublicUrl()) : cmsPublicUrl ? originOf(cmsPublicUrl) : undefined;
  const server = createSiteServer(dir, cmsOrigin ? { cmsOrigin } : {});
  await listen(server, host);
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// `astro build` of site/ as the publisher runs it. A non-zero exit throws with the tail of the output.
// `env` adds variables (the benchmark's SHEQU_SITE_SNAPSHOT); `onStart` gets the build's pid
// (the benchmark samples its memory).
export async function runAstroBuild(options: { cmsUrl: string; cmsPublicUrl?: string; buildTokenFile: string; outDir: string; siteUrl: string; timeoutMs?: number; onLine?: (line: string) => void; env?: NodeJS.ProcessEnv; onStart?: (pid: number) => void }): Promise<void> {
  const siteDir = path.join(repoRoot, 'site');
  const astro = path.join(siteDir, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const env: NodeJS.ProcessEnv = { ...process.env };
  // A test runner's variables (VITEST, NODE_ENV=test …) must not change how the site is built.
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'TEST') delete env[key];
  Object.assign(env, {
    NODE_ENV: 'production',
    CMS_URL: options.cmsUrl,
    CMS_PUBLIC_URL: options.cmsPublicUrl ?? options.cmsUrl,
    SHEQU_BUILD_TOKEN_FILE: options.buildTokenFile,
    SHEQU_SITE_OUT_DIR: options.outDir,
    SITE_URL: options.siteUrl,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...options.env,
  });
  // A year of content takes more than Node's default heap limit.
  const work = isolatedBuildFolder();
  const child = spawn(process.execPath, [`--max-old-space-size=${env.SHEQU_BUILD_HEAP_MB ?? 8192}`, astro, 'build', '--root', siteDir], { cwd: work.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.once('exit', () => work.remove());
  if (child.pid) options.onStart?.(child.pid);
  const tail: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      options.onLine?.(line);
      tail.push(line);
      if (tail.length > 200) tail.shift();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timeoutMs = options.timeoutMs ?? 600_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const code = await new Promise<number | string | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, signal) => resolve(signal ?? c));
  }).finally(() => clearTimeout(timer));
  if (partial) tail.push(partial);
  if (code !== 0) {
    const why = timedOut ? `did not finish within ${Math.round(timeoutMs / 1000)} s` : `exited with ${code}`;
    const last = tail.filter((l) => l.trim()).slice(-40).join('\n');
    throw new Error(`astro build of site/ ${why}. Last output:\n${last}`);
  }
}

// Starts the server first (the build needs its address for canonical URLs and the sitemap),
// then builds into the folder it serves.
export async function buildAndServeSite(options: BuildSiteOptions): Promise<ServedSite> {
  const ownDir = !options.outDir;
  const dir = options.outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-site-'));
  fs.mkdirSync(dir, { recursive: true });
  const server = await serveSiteFolder(dir, options.host, options.cmsPublicUrl ?? options.cmsUrl);
  const stop = async () => {
    await server.close();
    if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await runAstroBuild({ cmsUrl: options.cmsUrl, cmsPublicUrl: options.cmsPublicUrl, buildTokenFile: options.buildTokenFile, outDir: dir, siteUrl: server.url, timeoutMs: options.timeoutMs, onLine: options.onLine, env: options.env });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: server.url, dir, stop };
}

function listen(server: http.Server, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
