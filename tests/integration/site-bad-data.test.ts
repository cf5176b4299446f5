import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAstroBuild } from '../../scripts/lib/build-and-serve-site.ts';
import { startCms, type RunningCms } from '../support/start-cms.ts';

// Data the CMS should never hold, written straight into its database (as an import gone wrong
// or a buggy migration would), must neither break the build nor vanish silently.
describe('a site build over bad CMS data', () => {
  let cms: RunningCms;
  let out: string;
  const ids: Record<string, string> = {};

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
});
