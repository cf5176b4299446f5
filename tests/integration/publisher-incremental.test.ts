import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAstroBuild } from '../../scripts/lib/build-and-serve-site.ts';
import { fileToUrlPath } from '../../scripts/publisher/url-path-to-file.ts';
import { graphql } from '../support/admin-api.ts';
import { startPublisherUnderTest, type PublisherUnderTest } from '../support/publisher-under-test.ts';

// Changes go live as layers rendered by the warm renderer, not as full builds: Strapi → webhook
// → publisher → renderer → layer → site server, nothing mocked. What readers get afterwards is
// exactly what a full build of the same content writes; the search index follows in the
// background; a renderer that is gone means a full build, after which layers resume.

const ARTICLE = 'api::article.article';
const LEDGER = 'api::ledger.ledger';
const NOT_COMPARED = (f: string) => f.startsWith('pagefind/') || f === 'build-report.json' || f === 'help/index.html';

describe('incremental publishing', () => {
  let p: PublisherUnderTest;
  let tmp: string;
  let articles: Array<{ documentId: string; title: string; slug: string; channel: string }>;
  let community: { documentId: string; slug: string };
  const inStep = async () => {
    const s = await p.status();
    return s.live && s.renderer?.inStepWith === s.live.id && !s.building && !s.pending && s.searchPending?.length === 0 ? s : undefined;
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-publisher-incremental-'));
    p = await startPublisherUnderTest({ env: { PUBLISHER_QUIET_MS: '250', PUBLISHER_RECONCILE_MS: '3600000' } });
    await p.waitFor('the renderer to hold the live release', inStep);
    const data = (await graphql(p.cms.url, `{ articles(pagination: { limit: 12 }, sort: ["editorialDate:desc"]) { documentId title slug channel } communities(pagination: { limit: 1 }) { documentId slug } }`, p.cms.buildToken)).json.data;
    articles = data.articles;
    community = data.communities[0];
  });
  afterAll(async () => {
    await p?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('publishes an edited article as a layer over the full release: its page, channel and feed follow', async () => {
    const full = (await p.status()).live!;
    const article = articles[2]!;
    const title = `${article.title}（增量更正）`;
    expect((await p.admin.update(ARTICLE, article.documentId, { title })).status).toBe(200);
    expect((await p.admin.publish(ARTICLE, article.documentId)).status).toBe(200);
    const s = await p.idleAfter(full.id);
    expect(s.live!.base, 'a layer over the full release').toBe(full.id);
    expect(s.live!.layer!.files).toBeGreaterThan(0);
    expect(s.counters.builds).toBeGreaterThan(0);
    const page = await p.page(`/articles/${article.slug}/`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(title);
    expect(page.headers.get('x-shequ-release')).toBe(s.live!.id);
    expect((await p.page('/feeds/news.xml')).html).toContain(title);
    expect((await p.page('/')).status).toBe(200);
  });

  it('publishes a new ledger with its community page and lists, and takes an unpublished article off every list', async () => {
    let before = (await p.waitFor('the renderer in step', inStep)).live!.id;
    const title = `增量台账${Date.now()}`;
    const created = await p.admin.create(LEDGER, { title, community: { connect: [{ documentId: community.documentId }] }, activityDate: '2025-06-15', serviceFocus: 'minors', volunteersCount: 4 });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect((await p.admin.publish(LEDGER, created.json.data.documentId)).status).toBe(200);
    let s = await p.idleAfter(before);
    expect(s.live!.base).toBeTruthy();
    expect((await p.page(`/ledgers/${created.json.data.documentId}/`)).html).toContain(title);
    expect((await p.page(`/communities/${community.slug}/`)).html).toContain(title);
    expect((await p.page('/ledgers/archive/2025-06/')).status).toBe(200);

    before = (await p.waitFor('the renderer in step', inStep)).live!.id;
    const gone = articles[5]!;
    expect((await p.admin.unpublish(ARTICLE, gone.documentId)).status).toBe(200);
    s = await p.idleAfter(before);
    expect(s.live!.base).toBeTruthy();
    expect((await p.page(`/articles/${gone.slug}/`)).status).toBe(404);
    expect((await p.page('/feeds/news.xml')).html).not.toContain(`/articles/${gone.slug}/`);
    expect((await p.page('/')).html).not.toContain(`/articles/${gone.slug}/`);
  });

  it('serves exactly what a full build of the same content writes, file for file', async () => {
    await p.waitFor('the renderer in step', inStep);
    const out = path.join(tmp, 'full');
    await runAstroBuild({ cmsUrl: p.cms.url, buildTokenFile: p.cms.buildTokenFile, outDir: out, siteUrl: p.siteUrl, env: { SHEQU_MEDIA_CACHE: path.join(tmp, 'media') } });
    const files = (fs.readdirSync(out, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(out, f)).isFile() && !NOT_COMPARED(f) && !f.startsWith('_astro/'));
    expect(files.length).toBeGreaterThan(500);
    const differing: string[] = [];
    for (let i = 0; i < files.length; i += 16) {
      await Promise.all(
        files.slice(i, i + 16).map(async (f) => {
          const served = await p.page(fileToUrlPath(f));
          const expected = fs.readFileSync(path.join(out, f));
          if (!(served.status === 200 || (f === '404.html' && served.status === 404)) || !served.body.equals(expected)) differing.push(f);
        }),
      );
    }
    expect(differing.sort()).toEqual([]);
  });

  it('brings the search index of the changed pages up to date in the background, as a layer of its own', async () => {
    const s = await p.waitFor('the search layer', async () => {
      const st = await p.status();
      return st.searchPending?.length === 0 && st.live?.reasons.some((r) => r.event === 'search.reindex') ? st : undefined;
    });
    expect(s.live!.base).toBeTruthy();
    expect((await p.page('/pagefind/shards.json')).status).toBe(200);
  });

  it('builds in full when the renderer is gone, and publishes layers again after that build', async () => {
    const before = (await p.waitFor('the renderer in step', inStep))!;
    process.kill(before.renderer!.pid!, 'SIGKILL');
    const article = articles[7]!;
    const title = `${article.title}（渲染器重启）`;
    expect((await p.admin.update(ARTICLE, article.documentId, { title })).status).toBe(200);
    expect((await p.admin.publish(ARTICLE, article.documentId)).status).toBe(200);
    const s = await p.idleAfter(before.live!.id);
    expect(s.live!.base, 'a full build').toBeFalsy();
    expect((await p.page(`/articles/${article.slug}/`)).html).toContain(title);
    const again = await p.waitFor('a new renderer in step', inStep);
    expect(again.renderer!.pid).not.toBe(before.renderer!.pid);
    const next = `${title}（再改）`;
    expect((await p.admin.update(ARTICLE, article.documentId, { title: next })).status).toBe(200);
    expect((await p.admin.publish(ARTICLE, article.documentId)).status).toBe(200);
    const layered = await p.idleAfter(again.live!.id);
    expect(layered.live!.base).toBe(again.live!.id);
    expect((await p.page(`/articles/${article.slug}/`)).html).toContain(next);
  });
});
