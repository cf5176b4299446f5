import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAstroBuild } from '../../scripts/lib/build-and-serve-site.ts';
import { findSpamInRelease, scanReleaseForSpam } from '../../scripts/publisher/scan-release-for-spam.ts';
import { linkAllowlist } from '../../scripts/spam-guard/index.js';
import { findLiveMarkup, inlineScripts, pageText } from '../support/find-live-markup.ts';
import { startCms, type RunningCms } from '../support/start-cms.ts';
import { hostileUrls, xssPayloads } from '../support/xss-payloads.ts';

const text = (t: string) => ({ type: 'text', text: t });
// Every kind of rich-text node carrying the payload, and hostile link and picture targets.
const hostileBlocks = (payload: string, url: string) => [
  { type: 'heading', level: 2, children: [text(payload)] },
  { type: 'paragraph', children: [text(payload), { ...text(payload), bold: true, code: true }, { type: 'link', url, children: [text(payload)] }, { type: 'link', url: payload, children: [text('链接')] }] },
  { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text(payload)] }] },
  { type: 'quote', children: [text(payload)] },
  { type: 'code', children: [text(payload)] },
  { type: 'image', image: { url: payload, alternativeText: payload } },
];
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
type Problem = { documentId: string; type: string; action: string; fields: string[] };

// Data the CMS should never hold, written straight into its database (as an import gone wrong
// or a buggy migration would), must neither break the build nor vanish silently.
describe('a site build over bad CMS data', () => {
  let cms: RunningCms;
  let out: string;
  const ids: Record<string, string> = {};
  // Records that received XSS payloads: [type, documentId, built page, payload].
  const hostile: Array<{ type: string; documentId: string; page: string; payload: string }> = [];

  beforeAll(async () => {
    cms = await startCms();
    const db = new DatabaseSync(path.join(cms.dataDir, 'cms.db'));
    const pick = (table: string, offset: number) =>
      (db.prepare(`select document_id as id from ${table} where published_at is not null order by id limit 1 offset ${offset}`).get() as { id: string }).id;
    ids.negative = pick('ledgers', 0);
    ids.badBlocks = pick('ledgers', 1);
    ids.hostile = pick('articles', 0);
    ids.hostileSlug = (db.prepare('select slug from articles where document_id = ? and published_at is not null').get(ids.hostile) as { slug: string }).slug;
    db.prepare('update ledgers set people_served = -5 where document_id = ?').run(ids.negative);
    db.prepare('update ledgers set description = ? where document_id = ?').run(JSON.stringify([{ type: 'marquee', children: [] }]), ids.badBlocks);
    db.prepare('update articles set title = ?, summary = ? where document_id = ?').run('<script>alert("x")</script>恶意标题', '<img src=x onerror=alert(1)>摘要', ids.hostile);
    // The XSS corpus through every plain and rich-text field: one article per payload, and a
    // few ledgers and communities.
    xssPayloads.forEach((payload, i) => {
      const { id, slug } = db.prepare('select document_id as id, slug from articles where published_at is not null order by id limit 1 offset ?').get(i + 1) as { id: string; slug: string };
      db.prepare('update articles set title = ?, summary = ?, source = ?, author = ?, tags = ?, body = ? where document_id = ?')
        .run(payload, payload, payload, payload, payload, JSON.stringify(hostileBlocks(payload, hostileUrls[i % hostileUrls.length]!)), id);
      hostile.push({ type: 'article', documentId: id, page: `articles/${slug}/index.html`, payload });
    });
    xssPayloads.slice(0, 6).forEach((payload, i) => {
      const ledger = pick('ledgers', i + 2);
      db.prepare('update ledgers set title = ?, place = ?, description = ? where document_id = ?').run(payload, payload, JSON.stringify(hostileBlocks(payload, 'javascript:alert(1)')), ledger);
      hostile.push({ type: 'ledger', documentId: ledger, page: `ledgers/${ledger}/index.html`, payload });
      const { id, slug } = db.prepare('select document_id as id, slug from communities where published_at is not null order by id limit 1 offset ?').get(i) as { id: string; slug: string };
      db.prepare('update communities set name = ?, address = ?, station_name = ?, property_company = ?, introduction = ? where document_id = ?')
        .run(payload, payload, payload, payload, JSON.stringify(hostileBlocks(payload, 'data:text/html,x')), id);
      hostile.push({ type: 'community', documentId: id, page: `communities/${slug}/index.html`, payload });
    });
    db.prepare('update files set alternative_text = ? where id = (select min(id) from files)').run('"><img src=x onerror=alert(1)>替代文字');
    // SEO spam that bypassed the CMS's guard.
    const spam = db.prepare('select document_id as id, slug from articles where published_at is not null order by id limit 1 offset ?').get(xssPayloads.length + 1) as { id: string; slug: string };
    ids.spamSlug = spam.slug;
    db.prepare('update articles set summary = ? where document_id = ?').run('欢迎访问888体育，澳门真人', spam.id);
    db.close();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-bad-data-'));
    await runAstroBuild({ cmsUrl: cms.url, buildTokenFile: path.join(cms.dataDir, 'build-token'), outDir: out, siteUrl: 'http://127.0.0.1:4321' });
  });
  afterAll(async () => {
    await cms?.stop();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it('excludes a record with a wrong required field and names it and the field in the build report', () => {
    const report = JSON.parse(fs.readFileSync(path.join(out, 'build-report.json'), 'utf8'));
    const problem = report.problems.find((p: { documentId: string }) => p.documentId === ids.negative);
    expect(problem).toMatchObject({ type: 'ledger', action: 'excluded', fields: ['peopleServed'] });
    expect(fs.existsSync(path.join(out, 'ledgers', ids.negative, 'index.html'))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'ledgers', 'index.html'), 'utf8')).not.toContain(ids.negative);
  });

  it('renders a record without its broken optional field and reports the repair', () => {
    const report = JSON.parse(fs.readFileSync(path.join(out, 'build-report.json'), 'utf8'));
    expect(report.problems.find((p: { documentId: string }) => p.documentId === ids.badBlocks)).toMatchObject({ type: 'ledger', action: 'repaired', fields: ['description'] });
    expect(fs.existsSync(path.join(out, 'ledgers', ids.badBlocks, 'index.html'))).toBe(true);
  });

  it('renders markup in plain-text fields as inert text', () => {
    const html = fs.readFileSync(path.join(out, 'articles', ids.hostileSlug, 'index.html'), 'utf8');
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;恶意标题</h1>');
    expect(html).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;恶意标题');
    // Inside a quoted attribute (meta description, og:title) "<" is plain text; what must never
    // happen is markup outside one, so quoted values are blanked before looking for it.
    const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
    expect(outsideAttributes).not.toContain('<script>alert');
    expect(outsideAttributes).not.toMatch(/<img[^>]*onerror/);
  });

  it('still builds every other page', () => {
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true);
    const ledgerPages = fs.readdirSync(path.join(out, 'ledgers')).filter((d) => d.length > 20);
    expect(ledgerPages.length).toBeGreaterThanOrEqual(590);
  });

  it(`renders ${xssPayloads.length} XSS payloads in every plain and rich-text field of ${xssPayloads.length} articles, 6 ledgers and 6 communities inert on all built pages`, () => {
    const known = new Set([...inlineScripts(fs.readFileSync(path.join(out, 'about', 'index.html'), 'utf8')), ...inlineScripts(fs.readFileSync(path.join(out, 'search', 'index.html'), 'utf8'))]);
    // The site's own svg charts, search form, stylesheets; everything else active is reported.
    const siteElements = new Set(['svg', 'form', 'link', 'style']);
    const pages = fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    const live: string[] = [];
    for (const page of pages) {
      for (const found of findLiveMarkup(fs.readFileSync(path.join(out, page), 'utf8'), known, siteElements)) live.push(`${page}: ${found}`);
    }
    expect(pages.length).toBeGreaterThan(800);
    expect(live).toEqual([]);
  });

  it(`drops none of the ${xssPayloads.length + 12} hostile records silently: each is shown with its payload as text or named in the build report`, () => {
    const report = JSON.parse(fs.readFileSync(path.join(out, 'build-report.json'), 'utf8')) as { problems: Problem[] };
    for (const record of hostile) {
      const file = path.join(out, record.page);
      if (!fs.existsSync(file)) {
        expect(report.problems.find((p) => p.documentId === record.documentId), record.page).toBeDefined();
        continue;
      }
      const shown = pageText(fs.readFileSync(file, 'utf8')).replace(CONTROL, '');
      expect(shown, `${record.type} ${record.page}`).toContain(record.payload.replace(CONTROL, '').slice(0, 12));
    }
  });

  it('keeps every feed and the sitemap well-formed XML with the payloads (control characters included) in them', () => {
    const files = ['feeds/news.xml', ...fs.readdirSync(path.join(out, 'feeds')).map((f) => `feeds/${f}`), 'sitemap-index.xml', ...fs.readdirSync(path.join(out, 'sitemaps')).map((f) => `sitemaps/${f}`)];
    for (const file of new Set(files)) {
      const xml = fs.readFileSync(path.join(out, file), 'utf8');
      expect(XMLValidator.validate(xml), file).toBe(true);
      // XML 1.0 cannot carry these at all, not even as character references.
      expect(xml, file).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|&#(?:x0*(?:[0-8bcef]|1[0-9a-f])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));/i);
    }
  });

  it('refuses to release the built site when a page carries spam written straight into the database', () => {
    const allowlist = linkAllowlist({}, ['127.0.0.1']);
    const { spam } = findSpamInRelease(out, allowlist);
    const page = spam.find((p) => p.page === `/articles/${ids.spamSlug}/index.html`);
    expect(page?.findings.map((f) => `${f.signature} ${f.excerpt}`)).toEqual(expect.arrayContaining(['digits-gambling-brand 888体育', 'macau-gambling 澳门真人']));
    expect(() => scanReleaseForSpam(out, allowlist)).toThrow(/release carries SEO spam on \d+ page\(s\) \(refusing to publish\)/);
  });
});
