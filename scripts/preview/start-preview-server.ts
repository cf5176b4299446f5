import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../lib/log.ts';
import { dataDir } from '../lib/paths.ts';
import { ensurePreviewSecret } from '../launch/ensure-secrets.ts';
import { previewRendererEntry } from './build-preview-renderer.ts';
import { verifyPreviewSecret } from './verify-preview-secret.ts';

// The draft preview server. Strapi's Preview button frames
//   /preview/<articles|ledgers|communities>/<documentId>?secret=…[&status=published]
// and this checks the secret (constant time) BEFORE anything is rendered or read from the CMS,
// then hands the request to the site's own pages, built as a request handler
// (site/astro.preview.config.mjs). Nothing it sends is cached or indexed, and only the CMS
// admin may frame it. /_image (pictures resized from the CMS's media library, which is public
// anyway) needs no secret: the page's <img> addresses cannot carry one.

type AstroHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void> | void;

const PREVIEW_PATH = /^\/preview\/(articles|ledgers|communities)\/[A-Za-z0-9]{1,64}\/?$/;

export interface PreviewServerOptions {
  secret: string;
  handler: AstroHandler;
  // The dashboard's origin: the only page allowed to frame a preview.
  adminOrigin: string;
  log?: ReturnType<typeof createLogger>;
}

function privateHeaders(adminOrigin: string): Record<string, string> {
  return {
    'cache-control': 'no-store',
    'x-robots-tag': 'noindex, nofollow',
    // The URL holds the secret: never send it on as a Referer.
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    // The site's pages inline their styles and the elderly-mode script; pictures come from /_image.
    'content-security-policy': `default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors ${adminOrigin}`,
  };
}

// Whatever the renderer answers with (Astro's /_image asks for a year of public caching), the
// private headers set beforehand win.
function keepPrivateHeaders(res: ServerResponse, headers: Record<string, string>): void {
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const given = rest.at(-1);
    if (given && typeof given === 'object' && !Array.isArray(given)) {
      for (const name of Object.keys(given)) if (name.toLowerCase() in headers) delete (given as Record<string, unknown>)[name];
    }
    return writeHead(status, ...rest);
  }) as ServerResponse['writeHead'];
}

function answer(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...extra }).end(`${text}\n`);
}

export function createPreviewServer(options: PreviewServerOptions): http.Server {
  const headers = privateHeaders(options.adminOrigin);
  return http.createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    keepPrivateHeaders(res, headers);
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'Method Not Allowed', { allow: 'GET, HEAD' });
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return answer(res, 200, 'ok');
    if (url.pathname === '/robots.txt') return answer(res, 200, 'User-agent: *\nDisallow: /');
    const notFound = () => answer(res, 404, '未找到 Not Found');
    if (url.pathname === '/_image') return void render(options, req, res, notFound);
    if (!PREVIEW_PATH.test(url.pathname)) return notFound();
    const verdict = verifyPreviewSecret(url.searchParams.get('secret'), options.secret);
    if (verdict === 'missing') return answer(res, 401, '需要预览密钥 Preview secret required');
    if (verdict === 'wrong') {
      options.log?.warn('preview.refused', { path: url.pathname });
      return answer(res, 403, '预览密钥错误 Wrong preview secret');
    }
    const started = performance.now();
    res.on('finish', () => options.log?.info('preview.rendered', { path: url.pathname, status: res.statusCode, ms: Math.round(performance.now() - started) }));
    return void render(options, req, res, notFound);
  });
}

async function render(options: PreviewServerOptions, req: IncomingMessage, res: ServerResponse, notFound: () => void): Promise<void> {
  try {
    await options.handler(req, res, notFound);
  } catch (error) {
    options.log?.error('preview.failed', { url: req.url?.replace(/secret=[^&]*/, 'secret=…'), error: (error as Error).message });
    if (!res.headersSent) answer(res, 502, '预览暂时无法生成 Preview failed');
    else res.end();
  }
}

export async function run(): Promise<void> {
  const log = createLogger('preview');
  const port = Number(process.env.PREVIEW_PORT ?? 4323);
  const host = process.env.PREVIEW_HOST ?? '127.0.0.1';
  const cmsPort = process.env.CMS_PORT ?? '1337';
  const adminOrigin = new URL(process.env.CMS_PUBLIC_URL || `http://127.0.0.1:${cmsPort}`).origin;
  const secret = ensurePreviewSecret(dataDir());
  // The renderer reads drafts with the preview token, kept in the data folder by the CMS.
  process.env.SHEQU_PREVIEW_TOKEN_FILE ||= path.join(dataDir(), 'preview-token');
  process.env.CMS_URL ||= `http://127.0.0.1:${cmsPort}`;
  const { handler } = (await import(pathToFileURL(previewRendererEntry).href)) as { handler: AstroHandler };
  const server = createPreviewServer({ secret, handler, adminOrigin, log });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  log.info('preview.listening', { url: `http://${host}:${port}` });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().catch((error) => {
    console.error(`[preview] could not start: ${(error as Error).message}`);
    process.exit(1);
  });
}
