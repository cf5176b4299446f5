import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createLogger } from '../lib/log.ts';
import { sitePaths } from '../lib/paths.ts';
import { isLayerBookkeeping, lookupReleaseFile } from './layered-release.ts';
import { cmsPublicOrigin, securityHeaders } from './security-headers.ts';

// Serves the live release. The `current` link is resolved on every request, so a release
// switch takes effect for the next request and no request mixes two releases. Every answer,
// errors and redirects included, carries the security headers (security-headers.ts).

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

// The publisher's and the build's bookkeeping, kept with the release but not part of the site
// (a layered release's .base link, tombstones and layer.json too: isLayerBookkeeping).
const PRIVATE = new Set(['/release.json', '/build-report.json', '/manifest.json', '/manifest.sig']);

function cacheControl(urlPath: string): string {
  // Astro fingerprints everything under /_astro/: safe to cache for a year.
  return urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate';
}

// The file for a URL path in a full or a layered release (layered-release.ts: the layer's own
// file, else nothing if tombstoned, else the base's), never outside the release.
export function resolveFile(releaseDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const target = path.resolve(releaseDir, `.${path.posix.normalize(decoded)}`);
  if (target !== releaseDir && !target.startsWith(releaseDir + path.sep)) return undefined;
  const rel = path.relative(releaseDir, target).split(path.sep).join('/');
  if (isLayerBookkeeping(rel)) return undefined;
  for (const candidate of rel ? [rel, `${rel}/index.html`] : ['index.html']) {
    const found = lookupReleaseFile(releaseDir, candidate);
    if (found) return found;
  }
  return undefined;
}

// `cmsOrigin` may be a function, for servers started before the CMS they point readers at (tests).
export function createSiteServer(currentLink: string, options: { cmsOrigin?: string | (() => string) } = {}) {
  const given = options.cmsOrigin ?? cmsPublicOrigin();
  const originOf = typeof given === 'function' ? given : () => given;
  return http.createServer((req, res) => {
    const cmsOrigin = originOf();
    let urlPath: string;
    try {
      urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      urlPath = '/';
    }
    for (const [name, value] of Object.entries(securityHeaders(urlPath, cmsOrigin))) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let releaseDir: string;
    try {
      releaseDir = fs.realpathSync(currentLink);
    } catch {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' }).end('站点正在首次构建，请稍候刷新。\nThe first release is being built.');
      return;
    }
    // Directory URLs end in a slash; redirect the bare form so relative links work.
    if (!urlPath.endsWith('/') && !path.extname(urlPath) && resolveFile(releaseDir, `${urlPath}/`)) {
      res.writeHead(301, { location: `${urlPath}/` }).end();
      return;
    }
    // The precompressed twins of a private file are private too.
    const file = PRIVATE.has(urlPath.replace(/\.(br|gz)$/, '')) ? undefined : resolveFile(releaseDir, urlPath);
    const status = file ? 200 : 404;
    const body = file ?? resolveFile(releaseDir, '/404.html');
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404');
      return;
    }
    const encoded = pickEncoding(body, String(req.headers['accept-encoding'] ?? ''));
    const headers: Record<string, string | number> = {
      'content-type': TYPES[path.extname(body)] ?? 'application/octet-stream',
      'cache-control': file ? cacheControl(urlPath) : 'no-store',
      'content-length': fs.statSync(encoded.path).size,
      vary: 'Accept-Encoding',
      'x-shequ-release': path.basename(releaseDir),
    };
    if (encoded.encoding) headers['content-encoding'] = encoded.encoding;
    res.writeHead(status, headers);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(encoded.path).pipe(res);
  });
}

// The publisher wrote .br and .gz beside each text file; send the best one the reader accepts.
export function pickEncoding(file: string, acceptEncoding: string): { path: string; encoding?: 'br' | 'gzip' } {
  const accepts = (name: string) => new RegExp(`(^|[,\\s])${name}(?!;q=0(\\.0*)?(,|$))`).test(acceptEncoding);
  if (accepts('br') && fs.existsSync(`${file}.br`)) return { path: `${file}.br`, encoding: 'br' };
  if (accepts('gzip') && fs.existsSync(`${file}.gz`)) return { path: `${file}.gz`, encoding: 'gzip' };
  return { path: file };
}

export async function run(): Promise<void> {
  const log = createLogger('site');
  const port = Number(process.env.SITE_PORT ?? 4321);
  const host = process.env.SITE_HOST ?? '127.0.0.1';
  const server = createSiteServer(sitePaths().current);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  log.info('site.listening', { url: `http://${host}:${port}` });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().catch((error) => {
    console.error(`[site] could not start: ${(error as Error).message}`);
    process.exit(1);
  });
}
