import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreviewServer } from '../../scripts/preview/start-preview-server.ts';
import { verifyPreviewSecret } from '../../scripts/preview/verify-preview-secret.ts';

const SECRET = 'preview-secret-for-tests';

// The preview server's gate, with a stand-in for the site's renderer that records each call.
describe('the preview server', () => {
  const rendered: string[] = [];
  let url = '';
  let server: http.Server;

  beforeAll(async () => {
    server = createPreviewServer({
      secret: SECRET,
      adminOrigin: 'http://127.0.0.1:1337',
      handler: (req, res) => {
        rendered.push(req.url ?? '');
        // As Astro's image endpoint does: a year of public caching, which must not survive.
        res.writeHead(200, { 'content-type': 'text/html', 'Cache-Control': 'public, max-age=31536000' }).end('<h1>草稿</h1>');
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('renders with the right secret and forbids caching, indexing and framing by others', async () => {
    const r = await fetch(`${url}/preview/articles/abc123?secret=${SECRET}`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('草稿');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(r.headers.get('content-security-policy')).toContain('frame-ancestors http://127.0.0.1:1337');
  });

  it('answers 401 without a secret and 403 with a wrong one, without rendering', async () => {
    const before = rendered.length;
    const missing = await fetch(`${url}/preview/ledgers/abc123`);
    const wrong = await fetch(`${url}/preview/ledgers/abc123?secret=${SECRET}x`);
    expect([missing.status, wrong.status]).toEqual([401, 403]);
    expect(await wrong.text()).not.toContain('草稿');
    expect(rendered.length).toBe(before);
  });

  it('answers 404 outside the preview routes and 405 for other methods', async () => {
    expect((await fetch(`${url}/articles/abc/?secret=${SECRET}`)).status).toBe(404);
    expect((await fetch(`${url}/preview/pages/abc?secret=${SECRET}`)).status).toBe(404);
    expect((await fetch(`${url}/preview/articles/abc?secret=${SECRET}`, { method: 'POST' })).status).toBe(405);
  });

  it('compares secrets exactly', () => {
    expect(verifyPreviewSecret(null, SECRET)).toBe('missing');
    expect(verifyPreviewSecret('', SECRET)).toBe('missing');
    expect(verifyPreviewSecret(SECRET.slice(1), SECRET)).toBe('wrong');
    expect(verifyPreviewSecret(SECRET, SECRET)).toBe('ok');
  });
});
