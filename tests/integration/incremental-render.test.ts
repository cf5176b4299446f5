import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAstroBuild } from '../../scripts/lib/build-and-serve-site.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { ensureRendererBuilt } from '../../scripts/publisher/build-renderer.ts';
import { findRenderedAssets } from '../../scripts/publisher/find-rendered-assets.ts';
import { startRenderer, type Renderer } from '../../scripts/publisher/start-renderer.ts';
import { urlPathToFile } from '../../scripts/publisher/url-path-to-file.ts';
import { adminApi, graphql } from '../support/admin-api.ts';
import { startCms, TEST_ADMIN, type RunningCms } from '../support/start-cms.ts';

const SITE_URL = 'http://127.0.0.1:4321';
const ARTICLE = 'api::article.article';
const LEDGER = 'api::ledger.ledger';
const COMMUNITY = 'api::community.community';
const PAGE = 'api::page.page';
// Small archive pages, so that a change in the middle of a month shifts later pages.
const PAGE_SIZE = '3';
// Made per build (the help form's token), or by the full build only (search index, report).
const NOT_COMPARED = (f: string) => f.startsWith('pagefind/') || f === 'build-report.json' || f === 'help/index.html';

// The incremental path's promise: after any run of changes, the pages the renderer names and
// renders, laid over the last full build, are exactly the next full build — file for file. One
// real CMS with the demo content; each change made through the dashboard's API, applied by the
// warm renderer, and its pages rendered (and the pictures they newly show); then a full build
// of the same content, and every file compared.
describe('incremental rendering', () => {
  let cms: RunningCms;
  let tmp: string;
  let renderer: Renderer;
  let first: string;
  const overlay = new Map<string, Buffer | null>();
  const applied: Array<{ change: string; pages: number }> = [];

  const env = () => ({ PATH: process.env.PATH, CMS_URL: cms.url, CMS_PUBLIC_URL: cms.url, SITE_URL, SHEQU_BUILD_TOKEN_FILE: cms.buildTokenFile, SHEQU_ARCHIVE_PAGE_SIZE: PAGE_SIZE, SHEQU_MEDIA_CACHE: path.join(tmp, 'media-cache') });
  const files = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
  const lookup = (rel: string): Buffer | null | undefined => (overlay.has(rel) ? overlay.get(rel) : fs.existsSync(path.join(first, rel)) ? fs.readFileSync(path.join(first, rel)) : undefined);

  // What the publisher does with a change (scripts/publisher/publish-changes.ts), without the release.
  const applyChange = async (label: string, model: string, documentId?: string) => {
    const result = await renderer.control<{ pages: string[] }>('apply', { changes: [{ model, documentId }] });
    const pages = await renderer.render(result.pages);
    const shown = new Set<string>();
    for (const [url, page] of pages) {
      expect([200, 404], `${label}: ${url}`).toContain(page.status);
      const rel = urlPathToFile(url);
      overlay.set(rel, page.status === 200 ? page.body : null);
      if (page.status === 200 && rel.endsWith('.html')) for (const asset of findRenderedAssets(page.body.toString('utf8'))) shown.add(asset);
    }
    const missing = [...shown].filter((u) => !lookup(urlPathToFile(u)));
    for (const [url, asset] of await renderer.render(missing)) {
      expect(asset.status, url).toBe(200);
      overlay.set(urlPathToFile(url), asset.body);
    }
    applied.push({ change: label, pages: result.pages.length });
  };

  beforeAll(async () => {
    cms = await startCms();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-incremental-'));
    first = path.join(tmp, 'first');
    const snapshot = path.join(tmp, 'snapshot.json');
    ensureRendererBuilt({ ...process.env, SITE_URL });
    await runAstroBuild({ cmsUrl: cms.url, buildTokenFile: cms.buildTokenFile, outDir: first, siteUrl: SITE_URL, env: { ...env(), SHEQU_SITE_SNAPSHOT_OUT: snapshot } });
    renderer = await startRenderer({ siteDir: path.join(repoRoot, 'site'), env: { ...env(), SHEQU_SITE_SNAPSHOT: snapshot }, onLine: () => {} });
  });
  afterAll(async () => {
    await renderer?.close();
    await cms?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  // The overlay so far against a full build of the CMS as it is now, file for file.
  const expectOverlayIsFullBuild = async (name: string): Promise<string[]> => {
    const next = path.join(tmp, name);
    await runAstroBuild({ cmsUrl: cms.url, buildTokenFile: cms.buildTokenFile, outDir: next, siteUrl: SITE_URL, env: env() });
    const full = files(next).filter((f) => !NOT_COMPARED(f));
    const differing = full.filter((f) => !lookup(f)?.equals(fs.readFileSync(path.join(next, f))));
    const incrementalOnly = [...new Set([...files(first), ...overlay.keys()])].filter((f) => !NOT_COMPARED(f) && lookup(f) && !fs.existsSync(path.join(next, f)));
    expect(differing, `${name} build: differ from the full build (or are missing)`).toEqual([]);
    expect(incrementalOnly, `${name} build: left over after the changes`).toEqual([]);
    return full;
  };

  it('lays the pages of each change over the last full build and gets the next full build, file for file', async () => {
    const admin = adminApi(cms.url);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const ok = (what: string, r: { status: number; json: unknown }) => expect(r.status, `${what}: ${JSON.stringify(r.json).slice(0, 300)}`).toBeLessThan(300);
    const data = (await graphql(cms.url, `{
      articles(pagination: { limit: 40 }, sort: ["editorialDate:desc"]) { documentId title channel }
      ledgers(pagination: { limit: 40 }, sort: ["activityDate:desc"]) { documentId activityDate community { documentId } }
      communities(pagination: { limit: 40 }) { documentId name ledgers(pagination: { limit: 1 }) { documentId } }
      pages { documentId title }
    }`, cms.buildToken)).json.data;
    const [edited, unpublished, moved] = [data.articles[3], data.articles[10], data.articles[20]];
    const withLedgers = data.communities.filter((c: { ledgers: unknown[] }) => c.ledgers.length > 0);
    const [host, renamed, hidden] = [withLedgers[0], withLedgers[1], withLedgers[2]];
    const middle = data.ledgers[15];
    const redated = data.ledgers[5];

    // An article's title corrected.
    ok('edit article', await admin.update(ARTICLE, edited.documentId, { title: `${edited.title}（更正）` }));
    ok('publish article', await admin.publish(ARTICLE, edited.documentId));
    await applyChange('article edited', 'article', edited.documentId);
    // A new ledger dated in the middle of a month.
    const created = await admin.create(LEDGER, { title: '增量发布测试台账', community: { connect: [{ documentId: host.documentId }] }, activityDate: middle.activityDate, serviceFocus: 'minors', volunteersCount: 7, peopleServed: 20, serviceHours: 14 });
    ok('create ledger', created);
    const ledgerId = (created.json as { data: { documentId: string } }).data.documentId;
    ok('publish ledger', await admin.publish(LEDGER, ledgerId));
    await applyChange('ledger added', 'ledger', ledgerId);
    // An article taken off the site.
    ok('unpublish article', await admin.unpublish(ARTICLE, unpublished.documentId));
    await applyChange('article unpublished', 'article', unpublished.documentId);
    // A ledger moved to another month and focus.
    ok('redate ledger', await admin.update(LEDGER, redated.documentId, { activityDate: '2023-06-15', serviceFocus: 'other' }));
    ok('publish ledger', await admin.publish(LEDGER, redated.documentId));
    await applyChange('ledger moved', 'ledger', redated.documentId);
    // An article moved to another channel.
    ok('move article', await admin.update(ARTICLE, moved.documentId, { channel: moved.channel === 'local_news' ? 'station_news' : 'local_news' }));
    ok('publish article', await admin.publish(ARTICLE, moved.documentId));
    await applyChange('article moved', 'article', moved.documentId);
    // Articles and ledgers alone: the renderer patched what it derives (site-index.ts) rather than
    // computing it again, and a later community change would compute it all afresh: compare here.
    await expectOverlayIsFullBuild('second');

    // A community renamed.
    ok('rename community', await admin.update(COMMUNITY, renamed.documentId, { name: `${renamed.name}新区` }));
    ok('publish community', await admin.publish(COMMUNITY, renamed.documentId));
    await applyChange('community renamed', 'community', renamed.documentId);
    // The About page edited, and a community taken off the site (its ledgers stay, unlinked).
    ok('edit page', await admin.update(PAGE, data.pages[0].documentId, { title: `${data.pages[0].title}（修订）` }));
    ok('publish page', await admin.publish(PAGE, data.pages[0].documentId));
    await applyChange('page edited', 'page', data.pages[0].documentId);
    ok('unpublish community', await admin.unpublish(COMMUNITY, hidden.documentId));
    await applyChange('community unpublished', 'community', hidden.documentId);
    // A ledger's figures corrected after that.
    ok('correct ledger', await admin.update(LEDGER, middle.documentId, { volunteersCount: 99, serviceHours: 2.5 }));
    ok('publish ledger', await admin.publish(LEDGER, middle.documentId));
    await applyChange('ledger corrected', 'ledger', middle.documentId);

    // The next full build of the same content.
    const full = await expectOverlayIsFullBuild('third');
    // Bounded: no change named more than a small part of the site.
    for (const a of applied) expect(a.pages, a.change).toBeLessThan(full.length / 4);
    expect(overlay.size).toBeGreaterThan(10);
  });
});
