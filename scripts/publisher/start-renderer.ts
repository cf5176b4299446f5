import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rendererEntryFor } from './build-renderer.ts';
import { CONTROL_PREFIX, SECRET_HEADER } from './run-renderer.ts';

// The publisher's warm renderer: a child process (run-renderer.ts) holding the site's pages as a
// request handler and the site data in memory, so that an incremental publish renders only the
// pages a change affects — byte for byte what `astro build` writes for the same data
// (tests/integration/renderer-matches-build.test.ts). The renderer must have been built
// (scripts/launch/install-project.ts, ensureRendererBuilt) for the same SITE_URL.

export interface RenderedPage {
  status: number;
  contentType: string;
  body: Buffer;
  // From the request to the last byte (render() only), for the publisher's log.
  ms?: number;
}

export interface Renderer {
  // Each site path (as linked: /a/b/, /feeds/x.xml, /404.html) → what the renderer answers; a
  // status other than 200 means the page does not exist for the current data.
  render(urlPaths: string[], concurrency?: number): Promise<Map<string, RenderedPage>>;
  // Runs the site's hook (site/src/lib/routes/renderer-hooks.ts) with a JSON payload; rejects
  // with the hook's error message.
  control<T>(name: 'reload' | 'apply' | 'warmup', payload: unknown): Promise<T>;
  close(): Promise<void>;
  pid: number;
  // http://127.0.0.1:<port>; every request needs the secret, which only this object holds.
  url: string;
}

export interface RendererOptions {
  // The site folder holding dist-render/ (the repository's site/).
  siteDir: string;
  // The renderer's environment: CMS_URL, CMS_PUBLIC_URL, SHEQU_BUILD_TOKEN_FILE or
  // SHEQU_SITE_SNAPSHOT, SHEQU_MEDIA_CACHE … (the same as the full build's).
  env: NodeJS.ProcessEnv;
  // Each line the renderer prints (default: stderr with a prefix).
  onLine?: (line: string) => void;
  timeoutMs?: number;
}

const runRendererFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-renderer.ts');

// The 404 page is a route named /404 in the server build; the static build writes it as 404.html.
function requestPathOf(urlPath: string): string {
  return urlPath === '/404.html' ? '/404/' : urlPath;
}

export async function startRenderer(options: RendererOptions): Promise<Renderer> {
  const secret = crypto.randomBytes(32).toString('base64url');
  const onLine = options.onLine ?? ((line: string) => process.stderr.write(`[renderer] ${line}\n`));
  const env: NodeJS.ProcessEnv = { ...options.env, NODE_ENV: 'production', SHEQU_RENDERER_SECRET: secret, SHEQU_RENDERER_ENTRY: rendererEntryFor(options.env.SITE_URL) };
  // A year of content in memory takes more than Node's default heap limit.
  const heap = `--max-old-space-size=${options.env.SHEQU_RENDERER_HEAP_MB ?? 8192}`;
  const child = spawn(process.execPath, [heap, runRendererFile], { cwd: options.siteDir, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const tail: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        onLine(line);
      }
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ? -1 : code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the renderer did not start within ${options.timeoutMs ?? 120_000} ms:\n${tail.join('\n')}`));
    }, options.timeoutMs ?? 120_000);
    child.once('message', (m: { ready?: boolean; port?: number }) => {
      clearTimeout(timer);
      if (m.ready && m.port) resolve(m.port);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the renderer exited with ${code} while starting:\n${tail.join('\n')}`));
    });
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

  const request = (method: 'GET' | 'POST', urlPath: string, body?: string) =>
    new Promise<RenderedPage>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, agent, headers: { [SECRET_HEADER]: secret, ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });

  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    async render(urlPaths, concurrency = 4) {
      const pages = new Map<string, RenderedPage>();
      let next = 0;
      const worker = async () => {
        while (next < urlPaths.length) {
          const urlPath = urlPaths[next++]!;
          const started = performance.now();
          const page = { ...(await request('GET', requestPathOf(urlPath))), ms: Math.round(performance.now() - started) };
          // The not-found page is answered with its own status; it is a page of the release all the same.
          pages.set(urlPath, urlPath === '/404.html' && page.status === 404 && page.contentType.startsWith('text/html') ? { ...page, status: 200 } : page);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, urlPaths.length)) }, worker));
      return pages;
    },
    async control<T>(name: 'reload' | 'apply' | 'warmup', payload: unknown): Promise<T> {
      const res = await request('POST', `${CONTROL_PREFIX}${name}`, JSON.stringify(payload ?? null));
      const text = res.body.toString('utf8');
      if (res.status !== 200) throw new Error(`renderer ${name}: ${res.status} ${text.slice(0, 2000)}`);
      return JSON.parse(text) as T;
    },
    async close() {
      agent.destroy();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
