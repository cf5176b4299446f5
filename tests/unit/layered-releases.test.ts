import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../scripts/lib/log.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { checkReleaseIntegrity } from '../../scripts/publisher/check-release-integrity.ts';
import { BULK_COMPRESSION, LAYER_COMPRESSION } from '../../scripts/publisher/compress-release.ts';
import { guardLiveRelease } from '../../scripts/publisher/guard-live-release.ts';
import { publishLayer, type LayerChange } from '../../scripts/publisher/publish-layer.ts';
import { publisherConfig } from '../../scripts/publisher/publisher-config.ts';
import { liveManifestDigest, readLiveFile } from '../../scripts/publisher/read-live-file.ts';
import { readRelease } from '../../scripts/publisher/read-release.ts';
import { createSiteServer } from '../../scripts/publisher/serve-site.ts';
import { liveReleaseId } from '../../scripts/publisher/switch-release.ts';
import { makeSignedRelease, snapshotFolder } from '../support/signed-release.ts';

const BASE_ID = '20260101T000000000Z';
const BASE_EXTRA = {
  '404.html': '<!doctype html><title>找不到</title><h1>页面不存在</h1>',
  'articles/er/index.html': '<!doctype html><title>文章二</title><h1>邻里互助</h1>',
  'feeds/news.xml': '<rss><channel><title>社区</title></channel></rss>',
};

function recordingLogger() {
  const lines: Array<{ level: string; event: string; fields?: Record<string, unknown> }> = [];
  const at = (level: string) => (event: string, fields?: Record<string, unknown>) => void lines.push({ level, event, fields });
  const log: Logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

const change = (files: Record<string, string>, removed: string[] = []): LayerChange => ({ files: new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])), removed });

const cli = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [path.join(repoRoot, 'scripts/launch/with-node.mjs'), path.join(repoRoot, 'scripts/publisher', script), ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

async function setUp() {
  const release = await makeSignedRelease(BASE_ID, BASE_EXTRA);
  const config = { ...publisherConfig({ ...release.env, SHEQU_WEBHOOK_SECRET: 'test-secret' }), keepReleases: 10 };
  return { ...release, config };
}

const servers: Array<{ close: () => void }> = [];
afterAll(() => {
  for (const s of servers) s.close();
});

async function serve(current: string) {
  const server = createSiteServer(current, { cmsOrigin: 'http://127.0.0.1:1' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return async (urlPath: string, headers: Record<string, string> = {}) => {
    const res = await fetch(base + urlPath, { headers, redirect: 'manual' });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };
}

const CLI_TIMEOUT = 60_000;

describe('layered releases', () => {
  it('serve the changed page from the layer, an untouched page from the base, a removed page as the 404 page with status 404, and the .br twin of the changed page', async () => {
    const { config, paths, dir: baseDir } = await setUp();
    const { log } = recordingLogger();
    const info = await publishLayer(config, change({ 'articles/yi/index.html': '<!doctype html><h1>志愿服务（更正）</h1>', 'articles/san/index.html': '<!doctype html><h1>新文章</h1>' }, ['articles/er/index.html']), [], log, { cmsFingerprint: 'f2' });
    expect(liveReleaseId(paths.current)).toBe(info.id);
    expect(info).toMatchObject({ base: BASE_ID, cmsFingerprint: 'f2', layer: { compactionDue: false } });
    // One page added, one removed.
    expect(info.pages).toBe(readRelease(baseDir)!.pages + 1 - 1);
    // The layer holds what changed, not the site.
    const layerDir = path.join(paths.releases, info.id);
    expect(fs.existsSync(path.join(layerDir, 'about/index.html'))).toBe(false);
    expect(fs.existsSync(path.join(layerDir, 'articles/yi/index.html.br'))).toBe(true);
    // Its signed manifest lists the layer's own files and binds the base by its manifest.
    const manifest = JSON.parse(fs.readFileSync(path.join(layerDir, 'manifest.json'), 'utf8')) as { files: Record<string, unknown>; base: { release: string; removed: string[] } };
    expect(Object.keys(manifest.files).sort()).toEqual(['.tombstones/articles/er/index.html', '.tombstones/articles/er/index.html.br', '.tombstones/articles/er/index.html.gz', 'articles/san/index.html', 'articles/san/index.html.br', 'articles/san/index.html.gz', 'articles/yi/index.html', 'articles/yi/index.html.br', 'articles/yi/index.html.gz', 'layer.json', 'release.json']);
    expect(manifest.base).toMatchObject({ release: BASE_ID, removed: ['articles/er/index.html', 'articles/er/index.html.br', 'articles/er/index.html.gz'] });

    const get = await serve(paths.current);
    const changed = await get('/articles/yi/');
    expect(changed.status).toBe(200);
    expect(changed.body.toString()).toContain('（更正）');
    expect(changed.headers.get('x-shequ-release')).toBe(info.id);
    expect(changed.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect((await get('/articles/san/')).body.toString()).toContain('新文章');
    const untouched = await get('/about/');
    expect(untouched.status).toBe(200);
    expect(untouched.body.toString()).toContain('关于我们');
    const asset = await get('/_astro/elder-mode.abc123.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const removed = await get('/articles/er/');
    expect(removed.status).toBe(404);
    expect(removed.body.toString()).toContain('页面不存在');
    expect((await get('/articles/er/index.html.br', { 'accept-encoding': 'br' })).status).toBe(404);
    const compressed = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      // fetch decodes brotli itself; ask with node:http to see the twin's bytes.
      import('node:http').then(({ get: httpGet }) => {
        const server = servers.at(-1) as unknown as { address: () => AddressInfo };
        httpGet({ host: '127.0.0.1', port: server.address().port, path: '/articles/yi/', headers: { 'accept-encoding': 'br' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        }).on('error', reject);
      }, reject);
    });
    expect(compressed.encoding).toBe('br');
    expect(zlib.brotliDecompressSync(compressed.body).toString()).toContain('（更正）');
    // The layer's bookkeeping and the base behind it are not addresses.
    for (const p of ['/.base/about/index.html', '/.tombstones/articles/er/index.html', '/layer.json', '/release.json']) expect((await get(p)).status, p).toBe(404);
  });

  it('compress changed pages at the layer quality and a large file, such as a month\'s sitemap, at the bulk quality', async () => {
    const { config, paths } = await setUp();
    const page = '<!doctype html><h1>志愿服务（更正）</h1>'.repeat(20);
    const sitemap = `<urlset>${Array.from({ length: 3000 }, (_, i) => `<url><loc>https://example.org/articles/a-${i}/</loc><lastmod>2025-06-01</lastmod></url>`).join('\n')}</urlset>`;
    expect(Buffer.byteLength(sitemap)).toBeGreaterThan(128 * 1024);
    const info = await publishLayer(config, change({ 'articles/yi/index.html': page, 'sitemaps/articles-2025-06.xml': sitemap }), [], recordingLogger().log, { cmsFingerprint: 'f' });
    const brotli = (text: string, quality: number) => zlib.brotliCompressSync(Buffer.from(text), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text) } });
    const twin = (rel: string) => fs.readFileSync(path.join(paths.releases, info.id, `${rel}.br`));
    expect(twin('articles/yi/index.html').equals(brotli(page, LAYER_COMPRESSION.brotli))).toBe(true);
    expect(twin('sitemaps/articles-2025-06.xml').equals(brotli(sitemap, BULK_COMPRESSION.brotli))).toBe(true);
  });

  it('let the publisher read the live release by path as readers see it, with the digest its signed manifests give', async () => {
    const { config } = await setUp();
    const page = '<!doctype html><h1>志愿服务（更正）</h1>';
    await publishLayer(config, change({ 'articles/yi/index.html': page }, ['articles/er/index.html']), [], recordingLogger().log, { cmsFingerprint: 'f2' });
    expect(readLiveFile(config, 'articles/yi/index.html')?.toString()).toBe(page);
    expect(readLiveFile(config, 'about/index.html')?.toString()).toContain('关于我们');
    expect(readLiveFile(config, 'articles/er/index.html')).toBeUndefined();
    expect(readLiveFile(config, '../etc/passwd')).toBeUndefined();
    expect(liveManifestDigest(config, 'articles/yi/index.html')).toBe(crypto.createHash('sha256').update(page).digest('hex'));
    expect(liveManifestDigest(config, 'about/index.html')).toBe(crypto.createHash('sha256').update(readLiveFile(config, 'about/index.html')!).digest('hex'));
    expect(liveManifestDigest(config, 'articles/er/index.html')).toBeUndefined();
    expect(liveManifestDigest(config, 'nope/index.html')).toBeUndefined();
  });

  it('carry the overlay and the tombstones of the live layer into the next one, over the same base, and bring a removed page back when it is published again', async () => {
    const { config, paths } = await setUp();
    const { log } = recordingLogger();
    await publishLayer(config, change({ 'articles/yi/index.html': '<h1>第一次更正</h1>' }, ['articles/er/index.html']), [], log, { cmsFingerprint: 'f2' });
    const second = await publishLayer(config, change({ 'feeds/news.xml': '<rss><channel><title>新</title></channel></rss>' }), [], log, { cmsFingerprint: 'f3' });
    expect(second.base).toBe(BASE_ID);
    expect(readLiveFile(config, 'articles/yi/index.html')?.toString()).toBe('<h1>第一次更正</h1>');
    expect(readLiveFile(config, 'feeds/news.xml')?.toString()).toContain('新');
    expect(readLiveFile(config, 'articles/er/index.html')).toBeUndefined();
    expect(second.layer?.removed).toBe(3); // the page and its two twins
    const third = await publishLayer(config, change({ 'articles/er/index.html': '<h1>邻里互助（恢复）</h1>' }), [], log, { cmsFingerprint: 'f4' });
    expect(third.layer?.removed).toBe(0);
    const get = await serve(paths.current);
    expect((await get('/articles/er/')).body.toString()).toContain('（恢复）');
    expect((await checkReleaseIntegrity(path.join(paths.releases, third.id), third.id, (await import('../../scripts/publisher/load-signing-key.ts')).loadPublicKey(paths.publicKey), paths)).report).toMatchObject({ ok: true, changed: [], added: [], missing: [] });
  });

  it('roll back from a layer to its base and forward again, each checked against its signed manifest', async () => {
    const { config, paths, env } = await setUp();
    const layer = await publishLayer(config, change({ 'articles/yi/index.html': '<h1>更正</h1>' }, ['articles/er/index.html']), [], recordingLogger().log, { cmsFingerprint: 'f2' });
    expect(cli('verify-release.ts', [], env).status).toBe(0);
    const back = cli('rollback-release.ts', [], env);
    expect(back.status, back.stderr).toBe(0);
    expect(liveReleaseId(paths.current)).toBe(BASE_ID);
    expect(readLiveFile(config, 'articles/er/index.html')?.toString()).toContain('邻里互助');
    const forward = cli('rollback-release.ts', [layer.id], env);
    expect(forward.status, forward.stderr).toBe(0);
    expect(liveReleaseId(paths.current)).toBe(layer.id);
    expect(readLiveFile(config, 'articles/er/index.html')).toBeUndefined();
  }, CLI_TIMEOUT);

  it('are found tampered by npm run verify, in the layer and in the base, and put back by the live-release guard', async () => {
    const { config, paths, env, key, dir: baseDir } = await setUp();
    const layer = await publishLayer(config, change({ 'articles/yi/index.html': '<h1>更正</h1>' }, ['articles/er/index.html']), [], recordingLogger().log, { cmsFingerprint: 'f2' });
    const layerDir = path.join(paths.releases, layer.id);
    const before = { layer: snapshotFolder(layerDir), base: snapshotFolder(baseDir) };
    fs.writeFileSync(path.join(layerDir, 'articles/yi/index.html'), '<h1>hacked</h1>');
    fs.writeFileSync(path.join(baseDir, 'about/index.html'), '<h1>hacked</h1>');
    fs.writeFileSync(path.join(baseDir, 'evil.html'), '<script>alert(1)</script>');
    fs.rmSync(path.join(layerDir, '.tombstones/articles/er/index.html'));
    const bad = cli('verify-release.ts', [], env);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/changed {2}\.base\/about\/index\.html\n/);
    expect(bad.stdout).toMatch(/changed {2}articles\/yi\/index\.html\n/);
    expect(bad.stdout).toMatch(/added {4}\.base\/evil\.html\n/);
    expect(bad.stdout).toMatch(/missing {2}\.tombstones\/articles\/er\/index\.html\n/);

    const { alert, check } = await guardLiveRelease(paths, key.publicKey, recordingLogger().log);
    expect(alert).toMatchObject({ restored: true, changed: ['.base/about/index.html', 'articles/yi/index.html'], added: ['.base/evil.html'], missing: ['.tombstones/articles/er/index.html'] });
    expect(check.ok).toBe(true);
    for (const [name, folder] of [['layer', layerDir], ['base', baseDir]] as const) {
      const now = snapshotFolder(folder);
      expect([...now.keys()].sort(), name).toEqual([...before[name].keys()].sort());
      for (const [rel, bytes] of before[name]) expect(now.get(rel)?.equals(bytes), `${name} ${rel}`).toBe(true);
    }
    // A .base link pointed elsewhere is put back too.
    fs.rmSync(path.join(layerDir, '.base'));
    fs.symlinkSync('/etc', path.join(layerDir, '.base'));
    const relinked = await guardLiveRelease(paths, key.publicKey, recordingLogger().log);
    expect(relinked.alert).toMatchObject({ restored: true, changed: ['.base'] });
    expect(fs.readlinkSync(path.join(layerDir, '.base'))).toBe(`../${BASE_ID}`);
    expect(cli('verify-release.ts', [], env).status).toBe(0);
  }, CLI_TIMEOUT);

  it('are pruned without ever removing the base a kept layer lies over', async () => {
    const { config, paths } = await setUp();
    const small = { ...config, keepReleases: 2 };
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await publishLayer(small, change({ 'articles/yi/index.html': `<h1>更正 ${i}</h1>` }), [], recordingLogger().log, { cmsFingerprint: `f${i}` })).id);
    expect(fs.readdirSync(paths.releases).sort()).toEqual([BASE_ID, ids[1], ids[2]]);
    expect(fs.existsSync(path.join(paths.manifests, `${BASE_ID}.json`))).toBe(true);
    expect(readLiveFile(config, 'about/index.html')?.toString()).toContain('关于我们');
  });

  it('refuse unsafe paths, empty pages and the removal of must-have files with a reason for each, and leave the live release as it was', async () => {
    const { config, paths } = await setUp();
    const files = { '../outside.html': '<h1>x</h1>', '/abs.html': '<h1>x</h1>', 'a/../b.html': '<h1>x</h1>', '.base/index.html': '<h1>x</h1>', 'manifest.json': '{}', 'x/index.html.br': 'x', 'empty/index.html': '  \n' };
    const attempt = publishLayer(config, change(files, ['index.html', '404.html', 'feeds/news.xml']), [], recordingLogger().log, { cmsFingerprint: 'f2' });
    await expect(attempt).rejects.toThrow(/the change is refused/);
    const message = await attempt.catch((e: Error) => e.message);
    for (const reason of ['"../outside.html" is not a plain path', '"/abs.html" is not a release-relative path', '"a/../b.html" is not a plain path', ".base/index.html is the publisher's own bookkeeping", "manifest.json is the publisher's own bookkeeping", 'x/index.html.br: the publisher writes .br/.gz twins itself', 'empty/index.html is an empty page', 'index.html must never be removed', '404.html must never be removed', 'feeds/news.xml must never be removed']) {
      expect(message).toContain(reason);
    }
    expect(liveReleaseId(paths.current)).toBe(BASE_ID);
    expect(fs.readdirSync(paths.releases)).toEqual([BASE_ID]);
    await expect(publishLayer(config, change({ 'articles/yi/index.html': '<p>欢迎访问888体育</p>' }), [], recordingLogger().log, { cmsFingerprint: 'f2' })).rejects.toThrow(/SEO spam on 1 page\(s\)[\s\S]*\/articles\/yi\/index\.html: digits-gambling-brand/);
    expect(liveReleaseId(paths.current)).toBe(BASE_ID);
  });

  it('ask for a full build once the overlay outgrows PUBLISHER_LAYER_MAX_FILES, and start again from the next full release as their new base', async () => {
    const { config, paths, makeRelease } = await setUp();
    const { log, lines } = recordingLogger();
    const small = { ...config, layerMaxFiles: 4 };
    const first = await publishLayer(small, change({ 'articles/yi/index.html': '<h1>一</h1>' }), [], log, { cmsFingerprint: 'f2' });
    expect(first.layer).toMatchObject({ files: 3, compactionDue: false });
    const second = await publishLayer(small, change({ 'articles/si/index.html': '<h1>四</h1>' }), [], log, { cmsFingerprint: 'f3' });
    expect(second.layer).toMatchObject({ files: 6, compactionDue: true });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', event: 'layer.compaction-due', fields: expect.objectContaining({ releaseId: second.id, files: 6, limit: 4 }) }));
    // The full build that follows is the next layer's base (ids sort by time: one just after the layer's).
    const full = `${second.id.slice(0, -1)}9Z`;
    await makeRelease(full, { ...BASE_EXTRA, 'articles/yi/index.html': '<h1>一</h1>', 'articles/si/index.html': '<h1>四</h1>' });
    const next = await publishLayer(small, change({ 'articles/wu/index.html': '<h1>五</h1>' }), [], log, { cmsFingerprint: 'f4' });
    expect(next).toMatchObject({ base: full, layer: { files: 3, compactionDue: false } });
    expect(readLiveFile(config, 'articles/si/index.html')?.toString()).toBe('<h1>四</h1>');
    expect(fs.readlinkSync(path.join(paths.releases, next.id, '.base'))).toBe(`../${full}`);
  });

  it('refuse to publish a layer when no full release is live', async () => {
    const { config, paths } = await setUp();
    fs.rmSync(paths.current);
    await expect(publishLayer(config, change({ 'articles/yi/index.html': '<h1>x</h1>' }), [], recordingLogger().log, { cmsFingerprint: 'f2' })).rejects.toThrow(/no live release: the first release must be a full build/);
  });
});
