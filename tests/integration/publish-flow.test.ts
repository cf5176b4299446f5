import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForHttp } from '../../scripts/lib/http-wait.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { startProcess, stopAll, type Managed } from '../../scripts/launch/processes.ts';
import { adminApi, graphql } from '../support/admin-api.ts';
import { freePort } from '../support/free-port.ts';
import { startCms, TEST_ADMIN, type RunningCms } from '../support/start-cms.ts';

// The whole path as `npm start` wires it: Strapi → webhook → publisher → astro build →
// atomic release → site server. Nothing is mocked.

const ARTICLE = 'api::article.article';

interface Status {
  live: { id: string; pages: number } | null;
  building: unknown;
  pending: unknown;
  lastFailure: { reason: string } | null;
  counters: { eventsAccepted: number; builds: number };
}

describe('publishing from the CMS to the live site', () => {
  let cms: RunningCms;
  let admin: ReturnType<typeof adminApi>;
  let services: Managed[] = [];
  let siteUrl = '';
  let publisherUrl = '';

  const status = async (): Promise<Status> => (await fetch(`${publisherUrl}/status`)).json() as Promise<Status>;
  const page = async (p: string) => {
    const res = await fetch(`${siteUrl}${p}`);
    return { status: res.status, html: await res.text(), headers: res.headers };
  };
  async function waitForRelease(after: string | undefined, timeoutMs = 120_000): Promise<Status> {
    const started = Date.now();
    for (;;) {
      const s = await status();
      if (s.live && s.live.id !== after && !s.building && !s.pending) return s;
      if (Date.now() - started > timeoutMs) throw new Error(`no new release after ${timeoutMs} ms: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  beforeAll(async () => {
    const secret = crypto.randomBytes(24).toString('base64url');
    const [sitePort, publisherPort] = [await freePort(), await freePort()];
    siteUrl = `http://127.0.0.1:${sitePort}`;
    publisherUrl = `http://127.0.0.1:${publisherPort}`;
    cms = await startCms({ env: { SHEQU_WEBHOOK_URL: `${publisherUrl}/hooks/strapi`, SHEQU_WEBHOOK_SECRET: secret } });
    admin = adminApi(cms.url);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const env = {
      ...process.env,
      SHEQU_DATA_DIR: cms.dataDir,
      SHEQU_WEBHOOK_SECRET: secret,
      CMS_URL: cms.url,
      SITE_URL: siteUrl,
      SITE_PORT: String(sitePort),
      PUBLISHER_PORT: String(publisherPort),
      PUBLISHER_QUIET_MS: '300',
      SHEQU_LOG_FORMAT: 'json',
    };
    const quiet = !process.env.SHEQU_TEST_VERBOSE;
    services = [
      startProcess('publisher', [path.join(repoRoot, 'scripts/publisher/start-publisher.ts')], { cwd: repoRoot, env, quiet }),
      startProcess('site', [path.join(repoRoot, 'scripts/publisher/serve-site.ts')], { cwd: repoRoot, env, quiet }),
    ];
    await waitForHttp(`${publisherUrl}/healthz`);
    await waitForHttp(`${siteUrl}/`, { ok: (s) => s === 503 || s === 200 });
    await waitForRelease(undefined);
  });

  afterAll(async () => {
    await stopAll(services);
    await cms?.stop();
  });

  it('registers the publisher as Strapi webhook with its bearer secret', async () => {
    const r = await admin.call('GET', '/admin/webhooks');
    const hook = r.json.data.find((w: { name: string }) => w.name === 'shequ-publisher');
    expect(hook.url).toBe(`${publisherUrl}/hooks/strapi`);
    expect(hook.headers.Authorization).toMatch(/^Bearer .{20,}/);
    expect(hook.events).toEqual(expect.arrayContaining(['entry.publish', 'entry.unpublish', 'entry.delete', 'entry.update']));
  });

  it('builds the first release from the CMS: home, channels, articles, ledgers, communities, about, sitemap', async () => {
    const s = await status();
    expect(s.live!.pages).toBeGreaterThan(800);
    const home = await page('/');
    expect(home.status).toBe(200);
    expect(home.html).toMatch(/<html lang="zh-CN"/);
    expect(home.html).toContain('中国社区网');
    expect(home.headers.get('content-type')).toContain('text/html');

    const data = await graphql(cms.url, '{ articles(sort: "editorialDate:desc", pagination: { pageSize: 1 }) { slug title } ledgers(pagination: { pageSize: 1 }) { documentId title community { slug name } } }', cms.buildToken);
    const article = data.json.data.articles[0];
    const ledger = data.json.data.ledgers[0];
    expect((await page(`/articles/${article.slug}/`)).html).toContain(article.title);
    const ledgerPage = await page(`/ledgers/${ledger.documentId}/`);
    expect(ledgerPage.html).toContain(ledger.title);
    expect(ledgerPage.html).toContain(ledger.community.name);
    const communityPage = await page(`/communities/${ledger.community.slug}/`);
    expect(communityPage.html).toContain(`/ledgers/${ledger.documentId}/`);
    expect((await page('/channels/local-news/')).html).toContain('各地动态');
    expect((await page('/about/')).html).toContain('社区志愿服务全国联络总站');
    const sitemap = await page('/sitemap-index.xml');
    expect(sitemap.status).toBe(200);
    expect(sitemap.html).toContain('<sitemapindex');
    expect((await page('/no-such-page/')).status).toBe(404);
  });

  it('publishes a new article: the webhook fires and the page is live in the rebuilt site', async () => {
    const before = (await status()).live!.id;
    const title = `联络总站测试发布${Date.now()}`;
    const created = await admin.create(ARTICLE, { title, channel: 'station_news', editorialDate: '2024-06-01', summary: '测试摘要' });
    expect(created.status).toBe(201);
    const { documentId, slug } = created.json.data;
    expect((await admin.publish(ARTICLE, documentId)).status).toBe(200);
    const s = await waitForRelease(before);
    expect(s.counters.eventsAccepted).toBeGreaterThan(0);
    const live = await page(`/articles/${slug}/`);
    expect(live.status).toBe(200);
    expect(live.html).toContain(title);
    expect(live.headers.get('x-shequ-release')).toBe(s.live!.id);
    expect((await page('/channels/station-news/')).html).toContain(title);

    // An update reaches the site too …
    const after = s.live!.id;
    await admin.update(ARTICLE, documentId, { title: `${title}（更新）` });
    await admin.publish(ARTICLE, documentId);
    await waitForRelease(after);
    expect((await page(`/articles/${slug}/`)).html).toContain(`${title}（更新）`);

    // … and unpublishing takes the page down.
    const updated = (await status()).live!.id;
    expect((await admin.unpublish(ARTICLE, documentId)).status).toBe(200);
    await waitForRelease(updated);
    expect((await page(`/articles/${slug}/`)).status).toBe(404);
  });
});
