import crypto from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type net from 'node:net';
import { pathToFileURL } from 'node:url';

// The warm renderer's process (started by start-renderer.ts, never by hand): the site's pages
// built as a request handler (site/astro.render.config.mjs → site/dist-render/), answering on
// 127.0.0.1 only those who know the secret its parent gave it. Besides pages it answers
//   POST /__renderer/<reload|apply>  JSON in → globalThis[Symbol.for('shequ.renderer')][name] → JSON out
// (the hooks the site registers, site/src/lib/routes/renderer-hooks.ts). It says {port} to its
// parent over IPC once it has rendered one page: by then the data is loaded and the hooks exist.

type AstroHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void> | void;
type Hooks = Record<string, ((payload: unknown) => Promise<unknown>) | undefined>;

export const SECRET_HEADER = 'x-shequ-renderer-secret';
export const CONTROL_PREFIX = '/__renderer/';
const CONTROLS = new Set(['reload', 'apply', 'warmup']);

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? `${body}\n` : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json' }).end(text);
}

function readBody(req: IncomingMessage, limit = 64 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) reject(new Error('control payload too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function control(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const hooks = (globalThis as unknown as Record<symbol, Hooks | undefined>)[Symbol.for('shequ.renderer')];
  const hook = hooks?.[name];
  if (!hook) return answer(res, 503, { error: `the site registered no renderer hook "${name}"` });
  try {
    const raw = await readBody(req);
    const result = await hook.call(hooks, raw ? JSON.parse(raw) : null);
    answer(res, 200, result ?? null);
  } catch (error) {
    answer(res, 500, { error: (error as Error).message });
  }
}

function createRendererServer(handler: AstroHandler, secret: string): http.Server {
  const expected = Buffer.from(secret);
  return http.createServer((req, res) => {
    const given = Buffer.from(String(req.headers[SECRET_HEADER] ?? ''));
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return answer(res, 403, 'forbidden');
    const url = new URL(req.url ?? '/', 'http://renderer');
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      const name = url.pathname.slice(CONTROL_PREFIX.length);
      if (req.method !== 'POST' || !CONTROLS.has(name)) return answer(res, 404, 'no such control');
      return void control(name, req, res);
    }
    if (req.method !== 'GET') return answer(res, 405, 'GET only');
    void Promise.resolve(handler(req, res, (error) => (error ? answer(res, 500, String((error as Error)?.stack ?? error)) : answer(res, 404, 'not found')))).catch((error) => {
      if (!res.headersSent) answer(res, 500, String((error as Error)?.stack ?? error));
      else res.destroy();
    });
  });
}

async function runRenderer(): Promise<void> {
  const entry = process.env.SHEQU_RENDERER_ENTRY;
  const secret = process.env.SHEQU_RENDERER_SECRET;
  if (!entry || !secret) throw new Error('run-renderer is started by start-renderer.ts (SHEQU_RENDERER_ENTRY and SHEQU_RENDERER_SECRET)');
  // The site's code must not see the secret.
  delete process.env.SHEQU_RENDERER_SECRET;
  const { handler } = (await import(pathToFileURL(entry).href)) as { handler: AstroHandler };
  const server = createRendererServer(handler, secret);
  // Idle connections stay open: the publisher is the only client and closes its own. With a
  // keep-alive timeout, a reload or apply that holds this process for seconds lets the timer of an
  // idle connection fire before the request that meanwhile arrived on it is read: the publisher
  // would see "socket hang up" (seen at year scale).
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  // One page first: it loads the site data and registers the hooks (site/src/middleware.ts).
  const warm = await fetch(`http://127.0.0.1:${port}/`, { headers: { [SECRET_HEADER]: secret } });
  if (warm.status !== 200) throw new Error(`the renderer's first page / answered ${warm.status}: ${(await warm.text()).slice(0, 2000)}`);
  await warm.arrayBuffer();
  process.send?.({ ready: true, port });
  // Gone with the parent: a renderer outliving its publisher would only hold memory.
  process.on('disconnect', () => process.exit(0));
  // Asked to stop: exit as a process that finished (exit hooks run, e.g. --cpu-prof writes its profile).
  process.on('SIGTERM', () => process.exit(0));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runRenderer().catch((error: unknown) => {
    console.error(`[renderer] ${(error as Error)?.stack ?? error}`);
    process.exit(1);
  });
}
