import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, graphql } from '../support/admin-api.ts';
import { startCms, TEST_ADMIN, type RunningCms } from '../support/start-cms.ts';

const ARTICLE = 'api::article.article';
const COMMUNITY = 'api::community.community';
const LEDGER = 'api::ledger.ledger';

// The same checks on the embedded SQLite and, when CI provides one, on PostgreSQL.
const databases: Array<'sqlite' | 'postgres'> = ['sqlite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

describe.each(databases)('the CMS on %s', (database) => {
  let cms: RunningCms;
  let admin: ReturnType<typeof adminApi>;
  let someCommunity: { documentId: string; name: string };

  beforeAll(async () => {
    cms = await startCms({ database });
    admin = adminApi(cms.url);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const r = await graphql(cms.url, '{ communities(pagination: { pageSize: 1 }) { documentId name } }', cms.buildToken);
    someCommunity = r.json.data.communities[0];
  });
  afterAll(async () => {
    await cms?.stop();
  });

  describe('demo content', () => {
    it('seeds at least 120 real communities covering all 31 provinces', async () => {
      const r = await graphql(cms.url, '{ communities_connection(pagination: { pageSize: 500 }) { nodes { provinceCode divisionCode provinceName districtName } pageInfo { total } } }', cms.buildToken);
      const { nodes, pageInfo } = r.json.data.communities_connection;
      expect(pageInfo.total).toBeGreaterThanOrEqual(120);
      expect(new Set(nodes.map((n: { provinceCode: string }) => n.provinceCode)).size).toBe(31);
      for (const n of nodes) {
        expect(n.divisionCode).toMatch(/^\d{12}$/);
        expect(n.provinceName).toBeTruthy();
      }
    });

    it('seeds about 600 ledgers over the last 12 months across every service focus', async () => {
      const r = await graphql(cms.url, '{ ledgers_connection(pagination: { pageSize: 1 }) { pageInfo { total } } }', cms.buildToken);
      expect(r.json.data.ledgers_connection.pageInfo.total).toBeGreaterThanOrEqual(500);
      for (const focus of ['empty_nest_elderly', 'minors', 'vulnerable_groups', 'disability_assistance', 'other']) {
        const f = await graphql(cms.url, `{ ledgers_connection(filters: { serviceFocus: { eq: "${focus}" } }, pagination: { pageSize: 1 }) { pageInfo { total } } }`, cms.buildToken);
        expect(f.json.data.ledgers_connection.pageInfo.total, focus).toBeGreaterThan(0);
      }
      const oldest = await graphql(cms.url, '{ ledgers(sort: "activityDate:asc", pagination: { pageSize: 1 }) { activityDate } }', cms.buildToken);
      const yearAgo = new Date(Date.now() - 366 * 86400e3).toISOString().slice(0, 10);
      expect(oldest.json.data.ledgers[0].activityDate >= yearAgo).toBe(true);
    });

    it('seeds about 100 articles in every channel and the About page', async () => {
      const r = await graphql(cms.url, '{ articles_connection(pagination: { pageSize: 1 }) { pageInfo { total } } pages(filters: { slug: { eq: "about" } }) { title } }', cms.buildToken);
      expect(r.json.data.articles_connection.pageInfo.total).toBeGreaterThanOrEqual(80);
      expect(r.json.data.pages[0].title).toBe('关于我们');
      for (const channel of ['central_policy', 'station_news', 'local_news', 'community_news', 'model_community']) {
        const c = await graphql(cms.url, `{ articles_connection(filters: { channel: { eq: "${channel}" } }, pagination: { pageSize: 1 }) { pageInfo { total } } }`, cms.buildToken);
        expect(c.json.data.articles_connection.pageInfo.total, channel).toBeGreaterThan(0);
      }
    });
  });

  describe('access', () => {
    it('refuses anonymous GraphQL and REST reads', async () => {
      const g = await graphql(cms.url, '{ articles { documentId title } }');
      expect(g.json.data?.articles ?? null).toBeNull();
      expect([401, 403]).toContain(g.status);
      const rest = await fetch(`${cms.url}/api/articles`);
      expect([401, 403]).toContain(rest.status);
    });

    it('lets the read-only build token read but not write', async () => {
      const read = await graphql(cms.url, '{ articles(pagination: { pageSize: 1 }) { title } }', cms.buildToken);
      expect(read.json.data.articles).toHaveLength(1);
      const write = await graphql(cms.url, 'mutation { createArticle(data: { title: "x", channel: local_news, editorialDate: "2024-01-01" }) { documentId } }', cms.buildToken);
      expect(write.json.data?.createArticle ?? null).toBeNull();
      expect(write.json.errors?.length ?? 0).toBeGreaterThan(0);
    });

    it('caps the GraphQL page size and reports paging in pageInfo', async () => {
      const r = await graphql(cms.url, '{ ledgers_connection(pagination: { page: 1, pageSize: 100000 }) { nodes { documentId } pageInfo { pageSize pageCount total } } }', cms.buildToken);
      const { nodes, pageInfo } = r.json.data.ledgers_connection;
      expect(pageInfo.pageSize).toBeLessThanOrEqual(500);
      expect(nodes.length).toBe(Math.min(pageInfo.pageSize, pageInfo.total));
      expect(pageInfo.pageCount).toBe(Math.ceil(pageInfo.total / pageInfo.pageSize));
    });
  });

  describe('editing', () => {
    it('generates a unique pinyin slug and place names from the division code', async () => {
      const created = await admin.create(COMMUNITY, { name: '测试和平社区', divisionCode: '420102002003' });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      expect(created.json.data.slug).toBe('ce-shi-he-ping-she-qu');
      expect(created.json.data.provinceName).toBe('湖北省');
      expect(created.json.data.cityName).toBe('武汉市');
      expect(created.json.data.districtName).toBe('江岸区');
      const a1 = await admin.create(ARTICLE, { title: '同名文章', channel: 'local_news', editorialDate: '2024-05-01' });
      const a2 = await admin.create(ARTICLE, { title: '同名文章', channel: 'local_news', editorialDate: '2024-05-01' });
      expect(a1.json.data.slug).toBe('tong-ming-wen-zhang');
      expect(a2.json.data.slug).toBe('tong-ming-wen-zhang-2');
    });

    it('refuses an unknown division code with a Chinese message naming the field', async () => {
      const r = await admin.create(COMMUNITY, { name: '不存在社区', divisionCode: '999999999999' });
      expect(r.status).toBe(400);
      expect(r.json.error.message).toContain('不在国家统计局区划代码表中');
      expect(r.json.error.details.errors[0].path).toEqual(['divisionCode']);
      const short = await admin.create(COMMUNITY, { name: '短代码社区', divisionCode: '4201' });
      expect(short.status).toBe(400);
      expect(short.json.error.message).toContain('12位数字');
    });

    it('refuses a division code another community already uses', async () => {
      const r = await admin.create(COMMUNITY, { name: '重复社区', divisionCode: '420102002003' });
      expect(r.status).toBe(400);
      expect(r.json.error.message).toContain('已被社区「测试和平社区」使用');
    });

    it('refuses negative counts and hours', async () => {
      const r = await admin.create(LEDGER, {
        title: '负数台账', activityDate: '2024-03-01', serviceFocus: 'minors',
        volunteersCount: -1, peopleServed: -5, serviceHours: -2,
        community: { connect: [{ documentId: someCommunity.documentId }] },
      });
      expect(r.status).toBe(400);
      const paths = r.json.error.details.errors.map((e: { path: string[] }) => e.path[0]);
      expect(paths).toEqual(expect.arrayContaining(['volunteersCount', 'peopleServed', 'serviceHours']));
      expect(r.json.error.message).toContain('「志愿者人数」不能为负数');
    });

    it('refuses a ledger without a community, on create and on publish', async () => {
      const r = await admin.create(LEDGER, { title: '无社区台账', activityDate: '2024-03-01', serviceFocus: 'minors' });
      expect(r.status).toBe(400);
      expect(r.json.error.message).toContain('活动台账必须关联一个社区');
      const ok = await admin.create(LEDGER, {
        title: '有社区台账', activityDate: '2024-03-01', serviceFocus: 'minors',
        community: { connect: [{ documentId: someCommunity.documentId }] },
      });
      expect(ok.status, JSON.stringify(ok.json)).toBe(201);
      const cleared = await admin.update(LEDGER, ok.json.data.documentId, { community: { connect: [], disconnect: [{ documentId: someCommunity.documentId }] } });
      expect(cleared.status).toBe(400);
      expect(cleared.json.error.message).toContain('活动台账必须关联一个社区');
    });

    it('refuses to publish a draft that lacks a required field, naming it in Chinese', async () => {
      const draft = await admin.create(ARTICLE, { title: '缺少日期的草稿', channel: 'local_news' });
      expect(draft.status, JSON.stringify(draft.json)).toBe(201);
      const r = await admin.publish(ARTICLE, draft.json.data.documentId);
      expect(r.status).toBe(400);
      expect(r.json.error.message).toContain('「发布日期」不能为空');
    });

    it('refuses to publish a picture without alternative text, and publishes it once the text is given', async () => {
      const form = new FormData();
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
      form.append('files', new Blob([png], { type: 'image/png' }), 'no-alt.png');
      const uploaded = await admin.upload(form);
      expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
      const file = uploaded.json[0];
      const draft = await admin.create(ARTICLE, { title: '无替代文字的封面', channel: 'local_news', editorialDate: '2024-05-01', cover: file.id });
      expect(draft.status).toBe(201);
      const refused = await admin.publish(ARTICLE, draft.json.data.documentId);
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toContain('「封面图片」中的图片缺少替代文字');
      const info = new FormData();
      info.append('fileInfo', JSON.stringify({ alternativeText: '社区志愿者合影', name: 'no-alt.png' }));
      expect((await admin.upload(info, file.id)).status).toBe(200);
      expect((await admin.publish(ARTICLE, draft.json.data.documentId)).status).toBe(200);
    });

    it('refuses an activity date in the future', async () => {
      const future = new Date(Date.now() + 3 * 86400e3).toISOString().slice(0, 10);
      const r = await admin.create(LEDGER, {
        title: '未来台账', activityDate: future, serviceFocus: 'minors',
        community: { connect: [{ documentId: someCommunity.documentId }] },
      });
      expect(r.status).toBe(400);
      expect(r.json.error.message).toContain('不能晚于今天');
    });

    it('refuses a duplicate or malformed slug', async () => {
      const first = await admin.create(ARTICLE, { title: '唯一网址', slug: 'wei-yi-wang-zhi', channel: 'station_news', editorialDate: '2024-05-01' });
      expect(first.status).toBe(201);
      const dup = await admin.create(ARTICLE, { title: '另一篇', slug: 'wei-yi-wang-zhi', channel: 'station_news', editorialDate: '2024-05-01' });
      expect(dup.status).toBe(400);
      expect(dup.json.error.message).toContain('网址别名「wei-yi-wang-zhi」已被使用');
      const bad = await admin.create(ARTICLE, { title: '坏网址', slug: 'Bad Slug!', channel: 'station_news', editorialDate: '2024-05-01' });
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toContain('网址别名只能包含');
    });

    it('hides a draft ledger from the build token and shows it with its components once published', async () => {
      const draft = await admin.create(LEDGER, {
        title: '发布测试台账', activityDate: '2024-04-01', serviceFocus: 'empty_nest_elderly',
        volunteersCount: 3, peopleServed: 12, serviceHours: 6,
        serviceTypes: [{ kind: 'daily_companionship' }], teamTypes: [{ kind: 'party_member' }],
        community: { connect: [{ documentId: someCommunity.documentId }] },
      });
      expect(draft.status).toBe(201);
      const id = draft.json.data.documentId;
      const hidden = await graphql(cms.url, `{ ledger(documentId: "${id}") { title } }`, cms.buildToken);
      expect(hidden.json.data.ledger).toBeNull();
      expect((await admin.publish(LEDGER, id)).status).toBe(200);
      const shown = await graphql(cms.url, `{ ledger(documentId: "${id}") { title serviceTypes { kind } community { documentId } } }`, cms.buildToken);
      expect(shown.json.data.ledger).toEqual({ title: '发布测试台账', serviceTypes: [{ kind: 'daily_companionship' }], community: { documentId: someCommunity.documentId } });
    });
  });

  describe('dashboard', () => {
    it('shows Chinese display names and field labels', async () => {
      const types = await admin.call('GET', '/content-manager/content-types');
      const byUid = Object.fromEntries(types.json.data.map((t: { uid: string; info: { displayName: string } }) => [t.uid, t.info.displayName]));
      expect(byUid[ARTICLE]).toBe('文章');
      expect(byUid[COMMUNITY]).toBe('社区档案');
      expect(byUid[LEDGER]).toBe('活动台账');
      const config = await admin.call('GET', `/content-manager/content-types/${LEDGER}/configuration`);
      expect(config.json.data.contentType.metadatas.volunteersCount.edit.label).toBe('志愿者人数');
      expect(config.json.data.contentType.metadatas.serviceFocus.list.label).toBe('服务重点');
    });
  });

  describe('spam guard', () => {
    const body = (...children: unknown[]) => [{ type: 'paragraph', children }];
    const text = (t: string) => ({ type: 'text', text: t });

    it('refuses gambling text in a named plain-text field with a Chinese message', async () => {
      const r = await admin.create(ARTICLE, { title: '社区新闻', summary: '欢迎访问888体育官网', channel: 'local_news', editorialDate: '2024-05-01' });
      expect(r.status).toBe(400);
      expect(r.json.error.message).toContain('「摘要」含有疑似垃圾广告内容');
      expect(r.json.error.message).toContain('“888体育”');
      expect(r.json.error.details.errors[0].path).toEqual(['summary']);
    });

    it('refuses hidden links and links outside the allowlist in rich text, and any address in plain text', async () => {
      const hidden = await admin.create(ARTICLE, {
        title: '隐藏链接', channel: 'local_news', editorialDate: '2024-05-01',
        body: body(text('<div style="display:none">'), { type: 'link', url: 'https://bet888.example/', children: [text('链接')] }),
      });
      expect(hidden.status).toBe(400);
      expect(hidden.json.error.message).toContain('「正文」含有疑似垃圾广告内容：隐藏内容的样式');
      expect(hidden.json.error.message).toContain('「正文」含有指向未允许网站的链接（bet888.example）');
      const address = await admin.create(LEDGER, {
        title: '活动', place: '详见 www.hg0088.com', activityDate: '2024-03-01', serviceFocus: 'minors',
        community: { connect: [{ documentId: someCommunity.documentId }] },
      });
      expect(address.status).toBe(400);
      expect(address.json.error.message).toContain('「活动地点」含有指向未允许网站的链接（hg0088.com）');
    });

    it('names the component field, on update too', async () => {
      const r = await admin.update(COMMUNITY, someCommunity.documentId, { liaisonOfficer: { name: '澳门真人', role: '书记' } });
      expect(r.status).toBe(400);
      expect(r.json.error.message).toContain('「联络员 · 姓名」含有疑似垃圾广告内容：澳门博彩');
    });

    it('accepts and publishes ordinary community news with a link to a government site', async () => {
      const r = await admin.create(ARTICLE, {
        title: '社区体育活动迎接国际志愿者日', summary: '全民健身进体育公园，老年大学学员参加', channel: 'community_news', editorialDate: '2024-12-05',
        body: body(text('社区棋牌室和体育彩票投注站旁的体育公园里，'), { type: 'link', url: 'https://www.mca.gov.cn/', children: [text('民政部')] }, text('志愿者为老人服务。')),
      });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      const published = await admin.publish(ARTICLE, r.json.data.documentId);
      expect(published.status, JSON.stringify(published.json)).toBe(200);
    });
  });
});
