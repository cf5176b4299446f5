import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { graphql } from '../support/admin-api.ts';
import { startPublisherUnderTest, type PublisherUnderTest } from '../support/publisher-under-test.ts';

// The whole path as `npm start` wires it — Strapi → webhook → publisher → astro build →
// atomic release → site server — and what must hold when parts of it fail. Nothing is mocked.
// Here every change is a full build (PUBLISHER_INCREMENTAL=false).

const ARTICLE = 'api::article.article';

describe('the publisher', () => {
  let p: PublisherUnderTest;
  let admin: PublisherUnderTest['admin'];

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const status = () => p.status();
  const page = (urlPath: string, headers: Record<string, string> = {}) => p.page(urlPath, headers);
  const waitFor = <T>(what: string, probe: () => Promise<T | undefined | false>) => p.waitFor(what, probe, 120_000);
  const idleAfter = (before: string | undefined) => p.idleAfter(before);
  const building = () => p.waitFor('a build to start', async () => ((await status()).building ? true : undefined), 30_000);
  async function publishArticle(title: string, channel = 'community_news') {
    const created = await admin.create(ARTICLE, { title, channel, editorialDate: '2025-06-01', summary: `${title}摘要` });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect((await admin.publish(ARTICLE, created.json.data.documentId)).status).toBe(200);
    return created.json.data as { documentId: string; slug: string };
  }
  async function sitemapUrls(): Promise<string[]> {
    const index = (await page('/sitemap-index.xml')).html;
    const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    const urls: string[] = [];
    for (const m of maps) urls.push(...[...(await page(m)).html.matchAll(/<loc>([^<]+)<\/loc>/g)].map((x) => new URL(x[1]).pathname));
    return urls;
  }
  const webhook = (body: string, headers: Record<string, string>) => p.webhook(body, headers);

  beforeAll(async () => {
    p = await startPublisherUnderTest({
      env: {
        PUBLISHER_QUIET_MS: '300',
        PUBLISHER_RECONCILE_MS: '4000',
        // Every change a full build: what this file holds to is the full build's path (kill -9,
        // a CMS gone mid-build, bursts); layers are tests/integration/publisher-incremental.test.ts.
        PUBLISHER_INCREMENTAL: 'false',
      },
    });
    admin = p.admin;
  });

  afterAll(async () => {
    await p?.stop();
  });

  it('is registered as the CMS webhook with its bearer secret', async () => {
    const r = await admin.call('GET', '/admin/webhooks');
    const hook = r.json.data.find((w: { name: string }) => w.name === 'shequ-publisher');
    expect(hook.url).toBe(`${p.publisherUrl}/hooks/strapi`);
    expect(hook.headers.Authorization).toBe(`Bearer ${p.secret}`);
    expect(hook.events).toEqual(expect.arrayContaining(['entry.publish', 'entry.unpublish', 'entry.delete', 'entry.update']));
  });

  it('builds the first release from the CMS: every kind of page, feeds, sitemap, robots', async () => {
    const s = await status();
    expect(s.live!.pages).toBeGreaterThan(800);
    const home = await page('/');
    expect(home.status).toBe(200);
    expect(home.html).toMatch(/<html lang="zh-CN"/);
    expect(home.html).toContain('中国社区网');
    const data = await graphql(p.cms.url, '{ articles(sort: "editorialDate:desc", pagination: { pageSize: 1 }) { slug title } ledgers(pagination: { pageSize: 1 }) { documentId title community { slug name } } }', p.cms.buildToken);
    const article = data.json.data.articles[0];
    const ledger = data.json.data.ledgers[0];
    expect((await page(`/articles/${article.slug}/`)).html).toContain(article.title);
    const ledgerPage = await page(`/ledgers/${ledger.documentId}/`);
    expect(ledgerPage.html).toContain(ledger.title);
    expect(ledgerPage.html).toContain(ledger.community.name);
    expect((await page(`/communities/${ledger.community.slug}/`)).html).toContain(`/ledgers/${ledger.documentId}/`);
    expect((await page('/channels/local-news/')).html).toContain('各地动态');
    expect((await page('/about/')).html).toContain('社区志愿服务全国联络总站');
    expect((await page('/feeds/news.xml')).html).toContain(`<title>${article.title}</title>`);
    expect((await page('/robots.txt')).html).toContain(`Sitemap: ${p.siteUrl}/sitemap-index.xml`);
    expect(await sitemapUrls()).toContain(`/articles/${article.slug}/`);
    expect((await page('/no-such-page/')).status).toBe(404);
    expect((await page('/release.json')).status).toBe(404);
  });

  it('serves the release with content types, revalidation for HTML and precompressed brotli and gzip', async () => {
    const plain = await page('/about/', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const br = await fetch(`${p.siteUrl}/about/`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(await br.text()).toBe(plain.html);
    const gz = await fetch(`${p.siteUrl}/feeds/news.xml`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  });

  it('publishes, updates, unpublishes and deletes: pages, lists, feeds and sitemap follow', async () => {
    let before = (await status()).live!.id;
    const title = `测试发布${Date.now()}`;
    const { documentId, slug } = await publishArticle(title, 'station_news');
    let s = await idleAfter(before);
    const live = await page(`/articles/${slug}/`);
    expect(live.status).toBe(200);
    expect(live.html).toContain(title);
    expect(live.headers.get('x-shequ-release')).toBe(s.live!.id);
    expect(s.live!.reasons.map((r) => r.event)).toContain('entry.publish');
    expect((await page('/channels/station-news/')).html).toContain(title);
    expect((await page('/feeds/station-news.xml')).html).toContain(title);
    expect(await sitemapUrls()).toContain(`/articles/${slug}/`);

    before = s.live!.id;
    await admin.update(ARTICLE, documentId, { title: `${title}（更新）` });
    await admin.publish(ARTICLE, documentId);
    s = await idleAfter(before);
    expect((await page(`/articles/${slug}/`)).html).toContain(`${title}（更新）`);

    before = s.live!.id;
    expect((await admin.unpublish(ARTICLE, documentId)).status).toBe(200);
    s = await idleAfter(before);
    expect((await page(`/articles/${slug}/`)).status).toBe(404);
    expect((await page('/channels/station-news/')).html).not.toContain(title);
    expect((await page('/feeds/station-news.xml')).html).not.toContain(title);
    expect((await page('/feeds/news.xml')).html).not.toContain(title);
    expect(await sitemapUrls()).not.toContain(`/articles/${slug}/`);

    // Deleting a published article takes it off the site the same way.
    const doomed = await publishArticle(`待删除${Date.now()}`);
    s = await idleAfter(s.live!.id);
    expect((await page(`/articles/${doomed.slug}/`)).status).toBe(200);
    expect((await admin.remove(ARTICLE, doomed.documentId)).status).toBe(200);
    await idleAfter(s.live!.id);
    expect((await page(`/articles/${doomed.slug}/`)).status).toBe(404);
    expect((await page('/channels/community-news/')).html).not.toContain(doomed.slug);
    expect((await page('/feeds/news.xml')).html).not.toContain(doomed.slug);
    expect(await sitemapUrls()).not.toContain(`/articles/${doomed.slug}/`);
  });

  it('refuses bad webhooks with the right status and builds nothing', async () => {
    const before = await status();
    const good = JSON.stringify({ event: 'entry.publish', model: 'article' });
    expect((await webhook(good, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await webhook(good, { 'content-type': 'application/json', authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await webhook(good, { 'content-type': 'text/plain', authorization: `Bearer ${p.secret}` })).status).toBe(415);
    expect((await webhook(JSON.stringify({ event: 'entry.update', pad: 'x'.repeat(2_000_000) }), { 'content-type': 'application/json', authorization: `Bearer ${p.secret}` })).status).toBe(413);
    expect((await webhook('{"event":', { 'content-type': 'application/json', authorization: `Bearer ${p.secret}` })).status).toBe(400);
    expect((await webhook('{"nothing":"here"}', { 'content-type': 'application/json', authorization: `Bearer ${p.secret}` })).status).toBe(400);
    await sleep(1500);
    const after = await status();
    expect(after.counters.builds).toBe(before.counters.builds);
    expect(after.counters.eventsAccepted).toBe(before.counters.eventsAccepted);
    expect(after.counters.eventsRejected).toBe(before.counters.eventsRejected + 6);
    expect(after.pending).toBeNull();
    expect(after.live!.id).toBe(before.live!.id);
  });

  it('folds a burst of 50 events during a build into exactly one more build that shows the last change', async () => {
    const start = await status();
    const first = await publishArticle(`连发首篇${Date.now()}`);
    await building();
    const lastTitle = `连发末篇${Date.now()}`;
    const burst = Array.from({ length: 50 }, (_, i) =>
      webhook(JSON.stringify({ event: 'entry.update', model: 'article', entry: { documentId: `burst-${i}` } }), { 'content-type': 'application/json', authorization: `Bearer ${p.secret}` }),
    );
    expect((await Promise.all(burst)).every((r) => r.status === 202)).toBe(true);
    await admin.update(ARTICLE, first.documentId, { title: lastTitle });
    await admin.publish(ARTICLE, first.documentId);
    const final = await waitFor('the burst to settle', async () => {
      const s = await status();
      return s.counters.builds >= start.counters.builds + 2 && !s.building && !s.pending ? s : undefined;
    });
    await sleep(1500);
    expect((await status()).counters.builds).toBe(start.counters.builds + 2);
    expect(final.live!.reasons.filter((r) => r.event === 'entry.update').length).toBeGreaterThanOrEqual(50);
    expect((await page(`/articles/${first.slug}/`)).html).toContain(lastTitle);
  });

  it('keeps the live release when the CMS stops during a build, reports why, and catches up when it is back', async () => {
    const before = (await status()).live!.id;
    const { slug } = await publishArticle(`停机测试${Date.now()}`);
    await building();
    await p.cms.stopServer();
    const failed = await waitFor('the failure to be reported', async () => {
      const s = await status();
      return s.lastFailure && s.counters.buildFailures > 0 && s.live!.id === before ? s : undefined;
    });
    expect(failed.lastFailure!.reason).toMatch(/fetch failed|ECONNREFUSED|CMS|exited/);
    const during = await page('/');
    expect(during.status).toBe(200);
    expect(during.headers.get('x-shequ-release')).toBe(before);
    expect((await page(`/articles/${slug}/`)).status).toBe(404);
    const tokenBefore = fs.readFileSync(p.cms.buildTokenFile, 'utf8');
    await p.cms.startServer();
    await idleAfter(before);
    expect((await page(`/articles/${slug}/`)).status).toBe(200);
    // A restarted CMS keeps the build token the publisher already uses.
    expect(fs.readFileSync(p.cms.buildTokenFile, 'utf8')).toBe(tokenBefore);
  });

  it('survives kill -9 mid-build: the live release stays intact and the pending change is published after restart', async () => {
    const before = (await status()).live!.id;
    const { slug } = await publishArticle(`强杀测试${Date.now()}`);
    await building();
    await p.killPublisher();
    const state = JSON.parse(fs.readFileSync(path.join(p.cms.dataDir, 'site', 'publisher-state.json'), 'utf8'));
    expect(state.pendingReasons.length).toBeGreaterThan(0);
    const during = await page('/');
    expect(during.status).toBe(200);
    expect(during.headers.get('x-shequ-release')).toBe(before);
    expect(fs.existsSync(path.join(p.cms.dataDir, 'site', 'releases', before, 'release.json'))).toBe(true);
    await p.startPublisher();
    await idleAfter(before);
    expect((await page(`/articles/${slug}/`)).status).toBe(200);
    const releases = fs.readdirSync(path.join(p.cms.dataDir, 'site', 'releases'));
    for (const id of releases) expect(fs.existsSync(path.join(p.cms.dataDir, 'site', 'releases', id, 'release.json')), id).toBe(true);
  });

  it('catches a change whose webhook was lost while the publisher was down, on its next start', async () => {
    const before = (await status()).live!.id;
    await p.stopPublisher();
    const { slug } = await publishArticle(`离线变更${Date.now()}`);
    await p.startPublisher();
    const s = await idleAfter(before);
    expect(s.live!.reasons.map((r) => r.event)).toContain('reconcile.start');
    expect((await page(`/articles/${slug}/`)).status).toBe(200);
  });

  it('rolls back to the previous release and forward again without rebuilding', async () => {
    const s = await status();
    const live = s.live!.id;
    const previous = s.releases[s.releases.indexOf(live) - 1];
    const rollback = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(repoRoot, 'scripts/publisher/rollback-release.ts'), ...args], { env: p.env, encoding: 'utf8' });
    const back = rollback();
    expect(back.status, back.stderr).toBe(0);
    expect((await page('/')).headers.get('x-shequ-release')).toBe(previous);
    expect((await status()).live!.id).toBe(previous);
    // Kept releases are signed: the one rolled back to matches its manifest file for file.
    const verify = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/publisher/verify-release.ts')], { env: p.env, encoding: 'utf8' });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    const forward = rollback(live);
    expect(forward.status, forward.stderr).toBe(0);
    expect((await page('/')).headers.get('x-shequ-release')).toBe(live);
    expect(rollback('no-such-release').status).toBe(1);
    expect((await status()).counters.builds).toBe(s.counters.builds);
    expect((await status()).integrity.lastAlert).toBeNull();
  });

  it('notices a change that sent no webhook at the next periodic check', async () => {
    const hooks = await admin.call('GET', '/admin/webhooks');
    const hook = hooks.json.data.find((w: { name: string }) => w.name === 'shequ-publisher');
    expect((await admin.call('DELETE', `/admin/webhooks/${hook.id}`)).status).toBe(200);
    const before = await status();
    const { slug } = await publishArticle(`无通知变更${Date.now()}`);
    const s = await idleAfter(before.live!.id);
    expect(s.counters.eventsAccepted).toBe(before.counters.eventsAccepted);
    expect(s.counters.reconciliations).toBeGreaterThan(before.counters.reconciliations);
    expect(s.live!.reasons.map((r) => r.event)).toContain('reconcile.periodic');
    expect((await page(`/articles/${slug}/`)).status).toBe(200);
  });
});
