import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { cmsPublicOrigin, securityHeaders } from '../../scripts/publisher/security-headers.ts';
import { createSiteServer } from '../../scripts/publisher/serve-site.ts';

const NGINX_CMS = 'https://cms.example.org';

// add_header lines and map entries of docs/nginx.conf, with the maps' values by key.
function nginxHeaders(): { headers: Map<string, string>; maps: Map<string, Map<string, string>> } {
  const conf = fs.readFileSync(path.join(repoRoot, 'docs/nginx.conf'), 'utf8').replace(/#.*$/gm, '');
  const headers = new Map<string, string>();
  for (const m of conf.matchAll(/^\s*add_header\s+(\S+)\s+("([^"]*)"|(\S+))\s+always;/gm)) headers.set(m[1].toLowerCase(), m[3] ?? m[4]);
  const maps = new Map<string, Map<string, string>>();
  for (const m of conf.matchAll(/map \$uri (\$\w+) \{([^}]*)\}/g)) {
    const entries = new Map<string, string>();
    for (const e of m[2].matchAll(/^\s*(\S+)\s+"([^"]*)";/gm)) entries.set(e[1], e[2]);
    maps.set(m[1], entries);
  }
  return { headers, maps };
}

describe('the security headers', () => {
  it("allow scripts and styles from the site itself only, no framing, and the CMS's public address for forms, requests and media", () => {
    const h = securityHeaders('/articles/x/', NGINX_CMS);
    const csp = h['content-security-policy'];
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`form-action 'self' ${NGINX_CMS}`);
    expect(csp).toContain(`connect-src 'self' ${NGINX_CMS}`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval[^-]|\*/);
    expect(h).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin', 'x-frame-options': 'DENY' });
    // Only the search page and Pagefind's worker may compile WebAssembly.
    for (const p of ['/search/', '/pagefind/pagefind-worker.js']) expect(securityHeaders(p, NGINX_CMS)['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(securityHeaders('/searching/', NGINX_CMS)['content-security-policy']).toContain("script-src 'self';");
  });

  it('take the CMS origin from CMS_PUBLIC_URL, else from CMS_PORT', () => {
    expect(cmsPublicOrigin({ CMS_PUBLIC_URL: 'https://cms.shequ.example/admin/' })).toBe('https://cms.shequ.example');
    expect(cmsPublicOrigin({ CMS_PORT: '1999' })).toBe('http://127.0.0.1:1999');
  });

  it('are the same in docs/nginx.conf as in the site server, for pages, the search page, assets and the 404 page', () => {
    const { headers, maps } = nginxHeaders();
    for (const urlPath of ['/', '/search/', '/pagefind/pagefind-worker.js']) {
      const expected = securityHeaders(urlPath, NGINX_CMS);
      const csp = maps.get('$shequ_csp')!;
      expect(csp.get(urlPath === '/' ? 'default' : '~^(/\\.base)?/(search|pagefind)/'), `CSP for ${urlPath}`).toBe(expected['content-security-policy']);
      for (const [name, value] of Object.entries(expected)) if (name !== 'content-security-policy') expect(headers.get(name), name).toBe(value);
    }
    expect(headers.get('content-security-policy')).toBe('$shequ_csp');
    expect(maps.get('$shequ_cache_control')?.get('~^(/\\.base)?/_astro/')).toBe('public, max-age=31536000, immutable');
  });
});

describe('the site server', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-headers-'));
  let url = '';
  const server = createSiteServer(dir, { cmsOrigin: NGINX_CMS });
  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'about'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<h1>首页</h1>');
    fs.writeFileSync(path.join(dir, 'about/index.html'), '<h1>关于</h1>');
    fs.writeFileSync(path.join(dir, '404.html'), '<h1>404</h1>');
    fs.writeFileSync(path.join(dir, 'build-report.json'), '{}');
    fs.writeFileSync(path.join(dir, 'build-report.json.gz'), 'gz');
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{}');
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the security headers with every answer: a page, a redirect, a 404 and a refused method', async () => {
    const answers = await Promise.all([fetch(`${url}/`), fetch(`${url}/about`, { redirect: 'manual' }), fetch(`${url}/nope/`), fetch(`${url}/`, { method: 'POST' })]);
    expect(answers.map((a) => a.status)).toEqual([200, 301, 404, 405]);
    for (const a of answers) {
      for (const [name, value] of Object.entries(securityHeaders('/', NGINX_CMS))) expect(a.headers.get(name), `${name} on ${a.status}`).toBe(value);
    }
  });

  it('keeps the bookkeeping files private, their precompressed twins too', async () => {
    for (const p of ['/build-report.json', '/build-report.json.gz', '/manifest.json', '/manifest.sig', '/release.json']) expect((await fetch(`${url}${p}`)).status, p).toBe(404);
  });
});
