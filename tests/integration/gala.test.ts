import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAstroBuild } from '../../scripts/lib/build-and-serve-site.ts';
import { fetchCmsFingerprint } from '../../scripts/publisher/fetch-cms-fingerprint.ts';
import type { PublisherConfig } from '../../scripts/publisher/publisher-config.ts';
import { adminApi, graphql } from '../support/admin-api.ts';
import { startCms, TEST_ADMIN, type RunningCms } from '../support/start-cms.ts';

const EDITION = 'api::gala-edition.gala-edition';
const VENUE = 'api::gala-venue.gala-venue';
const PROGRAMME = 'api::gala-programme.gala-programme';

// The online gala on one real Strapi with demo content: the gala pages of a real site build
// from the seeded data (first, before the tests below change anything), what is seeded, and
// what an editor is refused, in Chinese, naming the field.
describe('the online gala in the CMS', () => {
  let cms: RunningCms;
  let admin: ReturnType<typeof adminApi>;
  let edition: { documentId: string; year: number };
  let venue: { documentId: string };
  let community: { documentId: string };
  const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4));
  const connect = (documentId: string) => ({ connect: [{ documentId }] });
  const programme = (over: Record<string, unknown> = {}) => ({
    title: '测试节目', kind: 'song', durationMinutes: 4, performersCount: 3,
    edition: connect(edition.documentId), venue: connect(venue.documentId), community: connect(community.documentId), ...over,
  });

  beforeAll(async () => {
    cms = await startCms();
    admin = adminApi(cms.url);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const r = await graphql(cms.url, '{ galaEditions { documentId year } galaVenues(pagination: { pageSize: 1 }) { documentId } communities(pagination: { pageSize: 1 }) { documentId } }', cms.buildToken);
    [edition] = r.json.data.galaEditions;
    [venue] = r.json.data.galaVenues;
    [community] = r.json.data.communities;
  });
  afterAll(async () => {
    await cms?.stop();
  });

  describe('the gala pages built from the demo content', () => {
    type Node = { documentId: string; kind: string; durationMinutes: number; performersCount: number; videoUrl: string | null; community: { documentId: string; provinceCode: string } | null; venue: { documentId: string } | null };
    let dir: string;
    let year: number;
    let venueIds: string[];
    let programmes: Node[];
    // A tiny MP4 (just its file-type box): enough for the build to copy and the page to play.
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.from([0, 0, 0, 0]), Buffer.from('mp42isom')]);
    let videoProgramme: string;
    let videoFile: string;
    // Two programmes spoiled in the database itself, as a bad import would: one must be left
    // out, the other shown without its link, and the build report must name both.
    let badDuration: string;
    let hostileLink: string;
    const html = (urlPath: string) => fs.readFileSync(path.join(dir, urlPath, 'index.html'), 'utf8');
    const folders = (urlPath: string) => fs.readdirSync(path.join(dir, urlPath)).sort();
    const figuresOn = (page: string) => Object.fromEntries([...page.matchAll(/data-figure="(\w+)"><strong>([\d,]+)<\/strong>/g)].map((m) => [m[1], Number(m[2].replace(/,/g, ''))]));

    beforeAll(async () => {
      const form = new FormData();
      form.append('files', new Blob([mp4], { type: 'video/mp4' }), 'chun-wan-test.mp4');
      const up = await admin.upload(form);
      expect(up.status, JSON.stringify(up.json)).toBe(201);
      videoFile = String(up.json[0].url).split('/').pop()!;
      const first = await graphql(cms.url, '{ galaProgrammes(pagination: { pageSize: 1 }) { documentId } }', cms.buildToken);
      videoProgramme = first.json.data.galaProgrammes[0].documentId;
      expect((await admin.update(PROGRAMME, videoProgramme, { video: up.json[0].id })).status).toBe(200);
      expect((await admin.publish(PROGRAMME, videoProgramme)).status).toBe(200);

      const db = new DatabaseSync(path.join(cms.dataDir, 'cms.db'));
      // Two other programmes get broken fields (never the one with the video, whose page must exist).
      const rows = db.prepare('select document_id as id, duration_minutes as minutes, video_url as link from gala_programmes where published_at is not null and document_id <> ? order by id desc limit 2').all(videoProgramme) as Array<{ id: string; minutes: number; link: string | null }>;
      [{ id: badDuration }, { id: hostileLink }] = rows;
      db.prepare('update gala_programmes set duration_minutes = 0 where document_id = ?').run(badDuration);
      db.prepare("update gala_programmes set video_url = 'javascript:alert(1)' where document_id = ?").run(hostileLink);

      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-gala-site-'));
      try {
        await runAstroBuild({ cmsUrl: cms.url, buildTokenFile: cms.buildTokenFile, outDir: dir, siteUrl: 'http://127.0.0.1:4321' });
      } finally {
        // The tests after this block see the seeded data again.
        db.prepare('update gala_programmes set duration_minutes = ? where document_id = ?').run(rows[0].minutes, badDuration);
        db.prepare('update gala_programmes set video_url = ? where document_id = ?').run(rows[1].link, hostileLink);
        db.close();
      }

      const r = await graphql(cms.url, `{
        galaEditions { year }
        galaVenues(pagination: { pageSize: 100 }) { documentId }
        galaProgrammes(pagination: { pageSize: 500 }) {
          documentId kind durationMinutes performersCount videoUrl community { documentId provinceCode } venue { documentId }
        }
      }`, cms.buildToken);
      [{ year }] = r.json.data.galaEditions;
      venueIds = r.json.data.galaVenues.map((v: { documentId: string }) => v.documentId).sort();
      programmes = r.json.data.galaProgrammes.filter((p: Node) => p.documentId !== badDuration);
    });
    afterAll(() => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('shows the edition\'s figures as computed from the seeded programmes', () => {
      const communities = new Set(programmes.map((p) => p.community!.documentId));
      const provinces = new Set(programmes.map((p) => p.community!.provinceCode));
      expect(figuresOn(html(`gala/${year}`))).toEqual({
        communities: communities.size,
        provinces: provinces.size,
        venues: venueIds.length,
        programmes: programmes.length,
        performers: programmes.reduce((s, p) => s + p.performersCount, 0),
        minutes: Math.round(programmes.reduce((s, p) => s + p.durationMinutes, 0)),
      });
      expect(html('gala')).toContain(`href="/gala/${year}/"`);
    });

    it('leaves out a programme with an impossible duration and shows one with a non-web link without it, naming both', () => {
      const report = JSON.parse(fs.readFileSync(path.join(dir, 'build-report.json'), 'utf8')) as { problems: Array<{ type: string; documentId: string }> };
      const gala = report.problems.filter((p) => p.type.startsWith('gala'));
      expect(gala).toHaveLength(2);
      expect(gala).toEqual(expect.arrayContaining([
        expect.objectContaining({ type: 'galaProgramme', documentId: hostileLink, action: 'repaired', fields: ['videoUrl'] }),
        expect.objectContaining({ type: 'galaProgramme', documentId: badDuration, action: 'excluded', fields: ['durationMinutes'] }),
      ]));
      expect(fs.existsSync(path.join(dir, `gala/${year}/programmes/${badDuration}`))).toBe(false);
      expect(html(`gala/${year}/programmes/${hostileLink}`)).not.toContain('javascript:');
    });

    it('builds a page per sub-venue, per kind and per programme, each venue with its own programmes', () => {
      expect(folders(`gala/${year}/venues`)).toEqual(venueIds);
      expect(folders(`gala/${year}/kinds`)).toEqual([...new Set(programmes.map((p) => p.kind))].sort());
      expect(folders(`gala/${year}/programmes`)).toEqual(programmes.map((p) => p.documentId).sort());
      for (const venue of venueIds) {
        const own = programmes.filter((p) => p.venue?.documentId === venue);
        expect(figuresOn(html(`gala/${year}/venues/${venue}`)).programmes, venue).toBe(own.length);
        for (const p of own) expect(html(`gala/${year}/venues/${venue}`)).toContain(`href="/gala/${year}/programmes/${p.documentId}/"`);
      }
    });

    it('links to other video sites without embedding them, and plays uploaded videos from the site itself', () => {
      const linked = programmes.find((p) => p.videoUrl?.startsWith('https://') && p.documentId !== hostileLink)!;
      expect(html(`gala/${year}/programmes/${linked.documentId}`)).toContain(`<a href="${linked.videoUrl}" rel="nofollow noopener noreferrer">`);
      for (const p of programmes) expect(html(`gala/${year}/programmes/${p.documentId}`)).not.toMatch(/<(iframe|embed|object)\b/);
      const page = html(`gala/${year}/programmes/${videoProgramme}`);
      expect(page).toContain(`<video controls preload="none" src="/gala/videos/${videoFile}"`);
      expect(page).toMatch(/<figcaption id="video-text">/);
      expect(fs.readFileSync(path.join(dir, 'gala', 'videos', videoFile)).equals(mp4)).toBe(true);
    });
  });

  it('seeds this year\'s edition with sub-venues in different provinces and programmes of seeded communities', async () => {
    const r = await graphql(cms.url, `{
      galaEditions { year theme startDate endDate }
      galaVenues(pagination: { pageSize: 100 }) { name province hostCommunity { documentId } edition { documentId } }
      galaProgrammes_connection(pagination: { pageSize: 500 }) {
        nodes { kind durationMinutes performersCount videoUrl community { documentId } edition { documentId } venue { edition { documentId } } }
        pageInfo { total }
      }
    }`, cms.buildToken);
    const { galaEditions, galaVenues, galaProgrammes_connection: programmes } = r.json.data;
    expect(galaEditions).toHaveLength(1);
    expect(galaEditions[0].year).toBe(thisYear);
    expect(galaEditions[0].theme).toBeTruthy();
    expect(galaEditions[0].startDate <= galaEditions[0].endDate).toBe(true);
    expect(galaVenues.length).toBeGreaterThanOrEqual(8);
    expect(galaVenues.length).toBeLessThanOrEqual(12);
    expect(new Set(galaVenues.map((v: { province: string }) => v.province)).size).toBe(galaVenues.length);
    for (const v of galaVenues) expect(v.hostCommunity?.documentId, v.name).toBeTruthy();
    expect(programmes.pageInfo.total).toBeGreaterThanOrEqual(100);
    expect(programmes.pageInfo.total).toBeLessThanOrEqual(150);
    for (const p of programmes.nodes) {
      expect(p.durationMinutes).toBeGreaterThan(0);
      expect(p.durationMinutes).toBeLessThanOrEqual(60);
      expect(p.performersCount).toBeGreaterThanOrEqual(1);
      expect(p.community?.documentId).toBeTruthy();
      expect(p.venue.edition.documentId).toBe(p.edition.documentId);
      if (p.videoUrl) expect(p.videoUrl).toMatch(/^https:\/\//);
    }
    expect(new Set(programmes.nodes.map((p: { kind: string }) => p.kind)).size).toBeGreaterThanOrEqual(5);
  });

  it('refuses programme durations, performer counts, video links and kinds out of range, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ durationMinutes: 0 }, 'durationMinutes', '「时长（分钟）」必须大于 0 且不超过 60 分钟'],
      [{ durationMinutes: 61 }, 'durationMinutes', '「时长（分钟）」必须大于 0 且不超过 60 分钟'],
      [{ performersCount: 0 }, 'performersCount', '「演员人数」至少为 1 人'],
      [{ videoUrl: 'javascript:alert(1)' }, 'videoUrl', '必须是以 http:// 或 https:// 开头的网址'],
      [{ videoUrl: 'ftp://example.org/a.mp4' }, 'videoUrl', '必须是以 http:// 或 https:// 开头的网址'],
      [{ kind: 'ballet' }, 'kind', '「节目类型」只能是：歌曲、舞蹈、戏曲、朗诵、小品、其他'],
    ];
    for (const [over, field, message] of cases) {
      const r = await admin.create(PROGRAMME, programme(over));
      expect(r.status, JSON.stringify(over)).toBe(400);
      expect(r.json.error.message).toContain(message);
      expect(r.json.error.details.errors[0].path).toEqual([field]);
    }
    const ok = await admin.create(PROGRAMME, programme({ durationMinutes: 3.5, videoUrl: ' https://www.bilibili.com/video/BV1xx411c7mD/ ' }));
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    expect(ok.json.data.videoUrl).toBe('https://www.bilibili.com/video/BV1xx411c7mD/');
  });

  it('refuses insane years, a second edition of the same year and dates out of order', async () => {
    const old = await admin.create(EDITION, { year: 1999 });
    expect(old.status).toBe(400);
    expect(old.json.error.message).toContain('「年份」应在 2012 年');
    const far = await admin.create(EDITION, { year: thisYear + 5 });
    expect(far.status).toBe(400);
    const twice = await admin.create(EDITION, { year: thisYear });
    expect(twice.status).toBe(400);
    expect(twice.json.error.message).toContain(`${thisYear} 年的网络春晚已经存在`);
    const backwards = await admin.create(EDITION, { year: thisYear - 3, startDate: `${thisYear - 3}-02-20`, endDate: `${thisYear - 3}-02-01` });
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.message).toContain('「开始日期」不能晚于「结束日期」');
    // A partial update is judged against the stored dates.
    const ok = await admin.create(EDITION, { year: thisYear - 3, startDate: `${thisYear - 3}-02-01`, endDate: `${thisYear - 3}-02-20` });
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    const later = await admin.update(EDITION, ok.json.data.documentId, { startDate: `${thisYear - 3}-03-01` });
    expect(later.status).toBe(400);
    expect(later.json.error.message).toContain('「开始日期」不能晚于「结束日期」');
  });

  it('keeps a programme\'s sub-venue in the programme\'s own edition', async () => {
    const other = await admin.create(EDITION, { year: thisYear - 1, theme: '往届' });
    expect(other.status, JSON.stringify(other.json)).toBe(201);
    const otherVenue = await admin.create(VENUE, { name: '往届分会场', province: 'cn_42', edition: connect(other.json.data.documentId) });
    expect(otherVenue.status, JSON.stringify(otherVenue.json)).toBe(201);
    const mixed = await admin.create(PROGRAMME, programme({ venue: connect(otherVenue.json.data.documentId) }));
    expect(mixed.status).toBe(400);
    expect(mixed.json.error.message).toContain('分会场「往届分会场」属于另一届网络春晚');
    expect(mixed.json.error.details.errors[0].path).toEqual(['venue']);
    // Without an edition, the programme joins its venue's.
    const follows = await admin.create(PROGRAMME, programme({ edition: undefined, venue: connect(otherVenue.json.data.documentId) }));
    expect(follows.status, JSON.stringify(follows.json)).toBe(201);
    const stored = await admin.call('GET', `/content-manager/relations/${PROGRAMME}/${follows.json.data.documentId}/edition`);
    expect(stored.json.results?.map((e: { documentId: string }) => e.documentId), JSON.stringify(stored.json)).toEqual([other.json.data.documentId]);
    // Moving the venue to another edition would strand that programme.
    const moved = await admin.update(VENUE, otherVenue.json.data.documentId, { edition: connect(edition.documentId) });
    expect(moved.status).toBe(400);
    expect(moved.json.error.message).toContain('该分会场下有 1 个节目属于原来的届次');
  });

  it('publishes a programme only with its community, and then the build token reads it and the publisher sees a change', async () => {
    const fingerprint = () => fetchCmsFingerprint({ cmsUrl: cms.url, buildTokenFile: cms.buildTokenFile } as PublisherConfig);
    const before = await fingerprint();
    expect(before).toMatch(/galaEditions:1:.*\|galaVenues:\d+:.*\|galaProgrammes:\d+:/);
    const bare = await admin.create(PROGRAMME, programme({ title: '无社区节目', community: undefined }));
    expect(bare.status, JSON.stringify(bare.json)).toBe(201);
    const refused = await admin.publish(PROGRAMME, bare.json.data.documentId);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toContain('春晚节目必须选择「表演社区」');
    await admin.update(PROGRAMME, bare.json.data.documentId, { community: connect(community.documentId) });
    const published = await admin.publish(PROGRAMME, bare.json.data.documentId);
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    const shown = await graphql(cms.url, `{ galaProgramme(documentId: "${bare.json.data.documentId}") { title edition { year } community { documentId } } }`, cms.buildToken);
    expect(shown.json.data.galaProgramme).toEqual({ title: '无社区节目', edition: { year: thisYear }, community: { documentId: community.documentId } });
    expect(await fingerprint()).not.toBe(before);
  });
});
