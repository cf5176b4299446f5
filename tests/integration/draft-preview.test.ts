import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAstroBuild } from '../../scripts/lib/build-and-serve-site.ts';
import { adminApi } from '../support/admin-api.ts';
import { startCms, TEST_ADMIN, type RunningCms } from '../support/start-cms.ts';
import { previewAddress, startPreviewServer, type RunningPreviewServer } from '../support/start-preview-server.ts';

const ARTICLE = 'api::article.article';
const LEDGER = 'api::ledger.ledger';
const COMMUNITY = 'api::community.community';

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

// Strapi's Preview button → the CMS's preview URL → the preview server, started as `npm start`
// starts it, rendering drafts with the site's own pages from a real, empty CMS.
describe('draft preview', () => {
  let cms: RunningCms;
  let preview: RunningPreviewServer;
  let previewUrl: string;
  const secret = crypto.randomBytes(24).toString('base64url');
  let api: ReturnType<typeof adminApi>;
  const ids: Record<string, string> = {};
  const timings: string[] = [];

  const get = async (pathname: string, query = `secret=${secret}`) => {
    const started = performance.now();
    const res = await fetch(`${previewUrl}${pathname}${query ? `?${query}` : ''}`);
    const body = await res.text();
    timings.push(`${pathname.split('/')[2]} ${res.status} ${Math.round(performance.now() - started)} ms`);
    return { res, body };
  };

  beforeAll(async () => {
    const address = await previewAddress();
    previewUrl = address.url;
    cms = await startCms({ env: { SHEQU_DEMO_CONTENT: 'none', SHEQU_PREVIEW_SECRET: secret, PREVIEW_URL: previewUrl } });
    api = adminApi(cms.url);
    await api.login(TEST_ADMIN.email, TEST_ADMIN.password);

    const published = await api.create(COMMUNITY, { name: '预览测试和平社区', divisionCode: '420102002003', introduction: paragraph('已发布社区的简介') });
    expect(published.status, JSON.stringify(published.json)).toBe(201);
    ids.community = published.json.data.documentId;
    expect((await api.publish(COMMUNITY, ids.community)).status).toBe(200);
    const form = new FormData();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    form.append('files', new Blob([png], { type: 'image/png' }), 'cover.png');
    form.append('fileInfo', JSON.stringify({ alternativeText: '草稿封面的替代文字' }));
    const cover = await api.upload(form);
    expect(cover.status, JSON.stringify(cover.json)).toBe(201);
    const article = await api.create(ARTICLE, {
      title: '草稿文章尚未发布', channel: 'community_news', editorialDate: '2024-05-01', summary: '草稿摘要', cover: cover.json[0].id,
      body: paragraph('草稿正文第一段'), community: { connect: [{ documentId: ids.community }] },
    });
    expect(article.status, JSON.stringify(article.json)).toBe(201);
    ids.article = article.json.data.documentId;
    const ledger = await api.create(LEDGER, {
      title: '草稿台账尚未发布', activityDate: '2024-04-01', serviceFocus: 'minors', volunteersCount: 7, peopleServed: 30, serviceHours: 12,
      description: paragraph('草稿台账的活动记录'), community: { connect: [{ documentId: ids.community }] },
    });
    expect(ledger.status, JSON.stringify(ledger.json)).toBe(201);
    ids.ledger = ledger.json.data.documentId;
    const draftCommunity = await api.create(COMMUNITY, { name: '草稿社区尚未发布', divisionCode: '420102002004', introduction: paragraph('草稿社区的简介') });
    expect(draftCommunity.status, JSON.stringify(draftCommunity.json)).toBe(201);
    ids.draftCommunity = draftCommunity.json.data.documentId;

    const started = performance.now();
    preview = await startPreviewServer({ cms, port: address.port, secret });
    timings.push(`preview server up ${Math.round(performance.now() - started)} ms`);
  });

  afterAll(async () => {
    if (timings.length) console.log(`[draft-preview] ${timings.join('; ')}`);
    await preview?.stop();
    await cms?.stop();
  });

  it('renders a never-published article draft with the site layout, unindexed and uncached', async () => {
    const { res, body } = await get(`/preview/articles/${ids.article}`);
    expect(res.status, body).toBe(200);
    expect(body).toContain('<h1>草稿文章尚未发布</h1>');
    expect(body).toContain('草稿正文第一段');
    // The site's own layout: header, navigation, footer, and the community linked as on the site.
    expect(body).toMatch(/<header class="site"/);
    expect(body).toContain('<footer class="site"');
    expect(body).toContain('href="/communities/yu-lan-ce-shi-he-ping-she-qu/"');
    expect(body).toContain('class="preview-banner"');
    // Pictures as on the site: resized and converted, here on request by the preview server.
    const src = /<img[^>]*src="([^"]+)"[^>]*alt="草稿封面的替代文字"|<img[^>]*alt="草稿封面的替代文字"[^>]*src="([^"]+)"/.exec(body);
    expect(src, body).not.toBeNull();
    const picture = await fetch(new URL((src![1] ?? src![2])!.replaceAll('&amp;', '&'), previewUrl));
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toMatch(/^image\//);
    expect(picture.headers.get('cache-control')).toBe('no-store');
    // The image endpoint needs no secret, so it must fetch nothing but the CMS's media.
    const elsewhere = await fetch(`${previewUrl}/_image?href=${encodeURIComponent(`${cms.url}/_health`)}&w=100&f=webp`);
    expect(elsewhere.status).toBeGreaterThanOrEqual(400);
    expect(body).toContain('<meta name="robots" content="noindex">');
    expect(body).not.toContain('rel="canonical"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain(`frame-ancestors ${new URL(cms.url).origin}`);
  });

  it('shows the draft as edited, and the published version when asked for it', async () => {
    expect((await api.publish(ARTICLE, ids.article)).status).toBe(200);
    const edited = await api.update(ARTICLE, ids.article, { title: '草稿文章改过的标题', body: paragraph('改过的草稿正文') });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    const draft = await get(`/preview/articles/${ids.article}`);
    expect(draft.body).toContain('<h1>草稿文章改过的标题</h1>');
    expect(draft.body).toContain('改过的草稿正文');
    const live = await get(`/preview/articles/${ids.article}`, `secret=${secret}&status=published`);
    expect(live.body).toContain('<h1>草稿文章尚未发布</h1>');
    expect(live.body).not.toContain('改过的草稿正文');
  });

  it('renders a ledger draft and a community draft', async () => {
    const ledger = await get(`/preview/ledgers/${ids.ledger}`);
    expect(ledger.res.status, ledger.body).toBe(200);
    expect(ledger.body).toContain('<h1>草稿台账尚未发布</h1>');
    expect(ledger.body).toContain('草稿台账的活动记录');
    expect(ledger.body).toContain('预览测试和平社区');
    const community = await get(`/preview/communities/${ids.draftCommunity}`);
    expect(community.res.status, community.body).toBe(200);
    expect(community.body).toContain('<h1>草稿社区尚未发布</h1>');
    expect(community.body).toContain('草稿社区的简介');
    expect(community.body).toContain('湖北省');
  });

  it('refuses a missing or wrong secret before rendering anything, and answers 404 for an unknown document', async () => {
    const missing = await get(`/preview/articles/${ids.article}`, '');
    expect(missing.res.status).toBe(401);
    const wrong = await get(`/preview/articles/${ids.article}`, `secret=${secret.slice(0, -1)}x`);
    expect(wrong.res.status).toBe(403);
    for (const r of [missing, wrong]) {
      expect(r.body).not.toContain('草稿');
      expect(r.res.headers.get('cache-control')).toBe('no-store');
    }
    expect((await get('/preview/articles/nosuchdocument0000000000')).res.status).toBe(404);
    expect((await get('/articles/anything/')).res.status).toBe(404);
  });

  it('explains which fields an incomplete draft still lacks instead of rendering it', async () => {
    const incomplete = await api.create(ARTICLE, { title: '缺少日期的草稿', channel: 'local_news' });
    expect(incomplete.status, JSON.stringify(incomplete.json)).toBe(201);
    const r = await get(`/preview/articles/${incomplete.json.data.documentId}`);
    expect(r.res.status).toBe(422);
    expect(r.body).toContain('暂时无法预览');
    expect(r.body).toContain('editorialDate');
  });

  it('gives the dashboard preview URLs that point at the preview server with the secret', async () => {
    const draft = await api.call('GET', `/content-manager/preview/url/${LEDGER}?documentId=${ids.ledger}&status=draft`);
    expect(draft.status, JSON.stringify(draft.json)).toBe(200);
    const url = new URL(draft.json.data.url);
    expect(url.origin).toBe(previewUrl);
    expect(url.pathname).toBe(`/preview/ledgers/${ids.ledger}`);
    expect(url.searchParams.get('secret')).toBe(secret);
    const page = await fetch(url);
    expect(await page.text()).toContain('<h1>草稿台账尚未发布</h1>');
    const published = await api.call('GET', `/content-manager/preview/url/${COMMUNITY}?documentId=${ids.community}&status=published`);
    expect(new URL(published.json.data.url).searchParams.get('status')).toBe('published');
    // Pages have no preview page: no URL, so the dashboard shows no Preview button.
    const page204 = await api.call('GET', `/content-manager/preview/url/api::page.page?documentId=${ids.article}`);
    expect(page204.status).toBe(204);
    // Strapi lets the dashboard frame the preview origin.
    const csp = (await fetch(`${cms.url}/admin/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(new RegExp(`frame-src[^;]*${previewUrl.replace(/[.]/g, '\\.')}`));
  });

  it('keeps drafts out of the static site build', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-preview-build-'));
    try {
      await runAstroBuild({ cmsUrl: cms.url, buildTokenFile: cms.buildTokenFile, outDir: out, siteUrl: 'http://127.0.0.1:4321' });
      const html = fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|xml|json)$/.test(f)).map((f) => fs.readFileSync(path.join(out, f), 'utf8')).join('\n');
      // The published community and the published version of the article are there …
      expect(html).toContain('预览测试和平社区');
      expect(html).toContain('草稿文章尚未发布');
      // … the drafts are not, nor the preview banner.
      for (const draft of ['草稿文章改过的标题', '改过的草稿正文', '草稿台账尚未发布', '草稿社区尚未发布', 'class="preview-banner"']) expect(html).not.toContain(draft);
      expect(fs.existsSync(path.join(out, 'preview'))).toBe(false);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  // Last: it stops the CMS.
  it('answers 502 when the CMS does not answer, still behind the secret', async () => {
    await cms.stopServer();
    const r = await get(`/preview/articles/${ids.article}`);
    expect(r.res.status).toBe(502);
    expect(r.body).toContain('暂时无法');
    expect((await get(`/preview/articles/${ids.article}`, 'secret=wrong')).res.status).toBe(403);
  });
});
