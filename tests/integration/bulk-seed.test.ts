import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSlug } from '../../cms/src/domain/make-slug.ts';
import { adminApi, graphql } from '../support/admin-api.ts';
import { openRows, shape, type Row, type Rows } from '../support/read-database-rows.ts';
import { startCms, TEST_ADMIN, type RunningCms } from '../support/start-cms.ts';

// The bulk seeder writes straight into Strapi's tables. These tests hold it to the rows an
// editor's dashboard leaves: one community, ledger and article are made and published through
// the admin API, then the seeder adds a tiny fraction of a year to the same database, and the
// raw rows of a bulk entry are compared with the dashboard's column by column, component by
// component and link by link; finally the restarted CMS serves and edits the bulk entries.

const COMMUNITY = 'api::community.community';
const LEDGER = 'api::ledger.ledger';
const ARTICLE = 'api::article.article';
const SCALE = '0.0005'; // 10 communities, 60 ledgers, 35 articles
const databases: Array<'sqlite' | 'postgres'> = ['sqlite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];
const repoRoot = path.resolve(import.meta.dirname, '../..');

function runSeeder(cms: RunningCms, args: string[]): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, SHEQU_DATA_DIR: cms.dataDir, CMS_PORT: new URL(cms.url).port };
  delete env.DATABASE_URL;
  if (cms.databaseUrl) env.DATABASE_URL = cms.databaseUrl;
  const child = spawn(process.execPath, ['scripts/launch/with-node.mjs', 'scripts/seed/seed-at-scale.ts', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

// Columns that hold the editor (the dashboard's user; the seeder is nobody) or row identity.
const IDENTITY = new Set(['id', 'document_id', 'created_by_id', 'updated_by_id']);

function expectSameShape(bulk: Row, api: Row, what: string): void {
  expect(Object.keys(bulk).sort(), `${what}: columns`).toEqual(Object.keys(api).sort());
  for (const column of Object.keys(api)) {
    if (IDENTITY.has(column)) continue;
    expect(shape(bulk[column]), `${what}: column ${column}`).toEqual(shape(api[column]));
  }
}

describe.each(databases)('Loading a year of content in bulk (%s)', (database) => {
  let cms: RunningCms;
  let rows: Rows;
  let admin: ReturnType<typeof adminApi>;
  const made: Record<string, string> = {};
  let refused: { code: number | null; output: string };
  let seeded: { code: number | null; output: string };

  const documentRows = async (table: string, documentId: string) =>
    rows.all(`select * from ${table} where document_id = $1 order by published_at is not null, id`, [documentId]);

  beforeAll(async () => {
    cms = await startCms({ database, env: { SHEQU_DEMO_CONTENT: 'none' } });
    admin = adminApi(cms.url);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    // 1. One entry of each type through the dashboard's own API, filled as the generator fills them.
    const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });
    const community = await admin.create(COMMUNITY, {
      name: '测试和平社区', divisionCode: '420102002003', address: '江岸区大智街道和平社区党群服务中心', isLiaisonPoint: true, joinedOn: '2020-05-01',
      liaisonOfficer: { name: '张三', role: '社区党委书记', phone: '027-1234567' }, stationName: '和平社区志愿服务站', propertyCompany: '和平物业',
      volunteerTeams: [{ name: '党员先锋队', kind: 'party_member', membersCount: 12 }, { name: '青年突击队', kind: 'youth', membersCount: 5 }],
      introduction: [paragraph('和平社区位于湖北省武汉市。'), paragraph('社区组建了两支志愿服务队。')],
    });
    expect(community.status, JSON.stringify(community.json)).toBe(201);
    made.community = community.json.data.documentId;
    expect((await admin.publish(COMMUNITY, made.community)).status).toBe(200);
    const ledger = await admin.create(LEDGER, {
      title: '和平社区敬老活动', community: { connect: [{ documentId: made.community }] }, activityDate: '2024-03-01', serviceFocus: 'empty_nest_elderly',
      serviceTypes: [{ kind: 'daily_companionship' }, { kind: 'housework_help' }], teamTypes: [{ kind: 'party_member' }],
      volunteersCount: 12, peopleServed: 40, serviceHours: 36.5, place: '社区党群服务中心', description: [paragraph('志愿者上门看望空巢老人。')],
    });
    expect(ledger.status, JSON.stringify(ledger.json)).toBe(201);
    made.ledger = ledger.json.data.documentId;
    expect((await admin.publish(LEDGER, made.ledger)).status).toBe(200);
    const article = await admin.create(ARTICLE, {
      title: '和平社区志愿者守护居民平安', summary: '和平社区志愿者守护居民平安。', body: [paragraph('正文第一段。'), { type: 'heading', level: 2, children: [{ type: 'text', text: '主要做法' }] }, paragraph('正文第二段。')],
      channel: 'community_news', editorialDate: '2024-05-01', source: '社区志愿服务站', author: '李四', province: 'cn_42',
      community: { connect: [{ documentId: made.community }] }, tags: '志愿服务',
    });
    expect(article.status, JSON.stringify(article.json)).toBe(201);
    made.article = article.json.data.documentId;
    expect((await admin.publish(ARTICLE, made.article)).status).toBe(200);
    // 2. The CMS stops; the seeder refuses a non-empty database, then appends when asked to.
    await cms.stopServer();
    refused = await runSeeder(cms, ['--scale', SCALE]);
    seeded = await runSeeder(cms, ['--scale', SCALE, '--append']);
    rows = await openRows(cms);
  });

  afterAll(async () => {
    await rows?.close();
    await cms?.stop();
  });

  it('refuses to seed into a database that already holds content, unless appending', () => {
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/--append/);
  });

  it('loads the asked fraction of a year and reports its rate on the last line', async () => {
    expect(seeded.code, seeded.output.slice(-3000)).toBe(0);
    const report = JSON.parse(seeded.output.trim().split('\n').findLast((l) => l.startsWith('{'))!);
    expect(report).toMatchObject({ communities: 10, ledgers: 60, articles: 35, entries: 105 });
    expect(report.entriesPerSecond).toBeGreaterThan(0);
    for (const [table, n] of [['communities', 11], ['ledgers', 61], ['articles', 36]] as const) {
      const [count] = await rows.all(`select count(*) as rows, count(distinct document_id) as docs, count(published_at) as published from ${table}`);
      expect(Number(count.docs), table).toBe(n);
      expect(Number(count.rows), table).toBe(2 * n);
      expect(Number(count.published), table).toBe(n);
    }
  });

  it('leaves the query planner statistics of the tables it grew, and the index the publisher\'s change check sorts by', async () => {
    const grown = ['articles', 'ledgers', 'ledgers_cmps'];
    if (database === 'sqlite') {
      const stats = await rows.all(`select distinct tbl from sqlite_stat1 where tbl in (${grown.map((t) => `'${t}'`).join(', ')})`);
      expect(stats.map((s) => s.tbl).sort()).toEqual(grown);
      const plan = async (sql: string) => (await rows.all(`explain query plan ${sql}`)).map((p) => p.detail).join(' | ');
      // Strapi's component join: by the entity's id, not by the two-valued field name.
      expect(await plan(`select distinct t1."order", t0.id, t0.kind from components_ledger_service_types as t0 left join ledgers_cmps as t1 on t0.id = t1.cmp_id and t1.field = 'serviceTypes' where t1.entity_id in (1, 2, 3)`)).toContain('ledgers_entity_fk');
      expect(await plan(`select id, updated_at from ledgers where published_at is not null order by updated_at desc limit 1`)).toContain('ledgers_updated_at_idx');
    } else {
      const analyzed = await rows.all(`select relname, last_analyze from pg_stat_user_tables where relname in (${grown.map((t) => `'${t}'`).join(', ')})`);
      expect(analyzed.map((t) => t.relname).sort()).toEqual(grown);
      for (const t of analyzed) expect(t.last_analyze, String(t.relname)).not.toBeNull();
      expect(await rows.all(`select indexname from pg_indexes where indexname = 'ledgers_updated_at_idx'`)).toHaveLength(1);
    }
  });

  it('writes communities from real division codes with the place names and slugs the middleware derives', async () => {
    const bulk = await rows.all(`select * from communities where published_at is not null and document_id <> $1`, [made.community]);
    expect(new Set(bulk.map((c) => c.province_code)).size).toBe(10);
    for (const c of bulk) {
      expect(String(c.division_code)).toMatch(new RegExp(`^${c.province_code}\\d{10}$`));
      expect(String(c.slug)).toMatch(new RegExp(`^${makeSlug(String(c.name))}(-\\d+)?$`));
    }
  });

  for (const [label, table, pick] of [
    ['community', 'communities', `property_company is not null`],
    ['ledger', 'ledgers', `1 = 1`],
    ['article', 'articles', `channel = 'community_news'`],
  ] as const) {
    it(`leaves a bulk ${label}'s draft and published rows exactly as the dashboard leaves them, column by column`, async () => {
      const apiRows = await documentRows(table, made[label]);
      const [{ document_id: bulkId }] = await rows.all(`select document_id from ${table} where document_id <> $1 and ${pick} order by id limit 1`, [made[label]]);
      const bulkRows = await documentRows(table, String(bulkId));
      for (const set of [apiRows, bulkRows]) {
        expect(set).toHaveLength(2);
        const [draft, published] = set;
        expect(draft.published_at).toBeNull();
        expect(published.published_at).not.toBeNull();
        // The published row is the draft at the moment of publishing.
        for (const column of Object.keys(draft)) if (column !== 'id' && column !== 'published_at') expect(published[column], column).toEqual(draft[column]);
      }
      expectSameShape(bulkRows[0], apiRows[0], `${label} draft`);
      expectSameShape(bulkRows[1], apiRows[1], `${label} published`);
      expect(bulkRows[0].created_by_id ?? null).toBeNull();
    });
  }

  for (const [label, table] of [['community', 'communities'], ['ledger', 'ledgers']] as const) {
    it(`gives each row of a bulk ${label} its own components, linked and ordered as the dashboard links them`, async () => {
      const components = async (entityId: unknown) => {
        const links = await rows.all(`select * from ${table}_cmps where entity_id = $1 order by id`, [entityId]);
        return Promise.all(links.map(async (link) => {
          const componentTable = `components_${String(link.component_type).replace('.', '_').replace(/-/g, '_')}s`;
          const [component] = await rows.all(`select * from ${componentTable} where id = $1`, [link.cmp_id]);
          expect(component, `${componentTable} ${link.cmp_id}`).toBeDefined();
          return { link, component };
        }));
      };
      const signature = (list: Awaited<ReturnType<typeof components>>) => [...new Set(list.map(({ link }) => `${link.component_type}/${link.field}/${link.order === null ? 'single' : 'ordered'}`))];
      const [{ document_id: bulkId }] = await rows.all(`select document_id from ${table} where document_id <> $1 order by id limit 1`, [made[label]]);
      const signatures: string[][] = [];
      for (const documentId of [made[label], String(bulkId)]) {
        const [draft, published] = await documentRows(table, documentId);
        const [ofDraft, ofPublished] = [await components(draft.id), await components(published.id)];
        expect(ofDraft.length).toBeGreaterThan(0);
        // Same values, separate copies.
        expect(ofPublished.map(({ link, component }) => [link.field, link.order, { ...component, id: 0 }])).toEqual(ofDraft.map(({ link, component }) => [link.field, link.order, { ...component, id: 0 }]));
        const draftCopies = new Set(ofDraft.map(({ link }) => `${link.component_type}:${link.cmp_id}`));
        expect(ofPublished.filter(({ link }) => draftCopies.has(`${link.component_type}:${link.cmp_id}`))).toEqual([]);
        // Repeatable components ordered 1, 2, … per field.
        for (const field of new Set(ofDraft.map(({ link }) => String(link.field)))) {
          const orders = ofDraft.filter(({ link }) => link.field === field).map(({ link }) => link.order);
          if (orders[0] !== null) expect(orders.map(Number)).toEqual(orders.map((_, i) => i + 1));
        }
        for (const { component } of ofDraft) for (const [k, v] of Object.entries(component)) if (k !== 'id') expect(v, `${label} component ${k}`).not.toBeNull();
        signatures.push(signature(ofDraft));
      }
      expect(signatures[1]).toEqual(signatures[0]);
    });
  }

  for (const [label, table, column] of [['ledger', 'ledgers_community_lnk', 'ledger'], ['article', 'articles_community_lnk', 'article']] as const) {
    it(`links a bulk ${label}'s draft to its community's draft and its published row to the published one`, async () => {
      const own = `${label}_id`;
      const mainTable = `${column}s`;
      const [{ document_id: bulkId }] = await rows.all(
        `select m.document_id from ${mainTable} m join ${table} l on l.${own} = m.id where m.document_id <> $1 order by m.id limit 1`, [made[label]]);
      for (const documentId of [made[label], String(bulkId)]) {
        const [draft, published] = await documentRows(mainTable, documentId);
        const [toDraft] = await rows.all(`select c.document_id, c.published_at, l.* from ${table} l join communities c on c.id = l.community_id where l.${own} = $1`, [draft.id]);
        const [toPublished] = await rows.all(`select c.document_id, c.published_at, l.* from ${table} l join communities c on c.id = l.community_id where l.${own} = $1`, [published.id]);
        expect(toDraft.published_at).toBeNull();
        expect(toPublished.published_at).not.toBeNull();
        expect(toPublished.document_id).toBe(toDraft.document_id);
        expect(Number(toDraft[`${column}_ord`])).toBeGreaterThanOrEqual(1);
      }
      // The community side lists its entries in order 1, 2, … per community row.
      const orders = await rows.all(`select community_id, ${column}_ord as ord from ${table} order by community_id, ${column}_ord`);
      const byCommunity = new Map<unknown, number[]>();
      for (const o of orders) byCommunity.set(o.community_id, [...(byCommunity.get(o.community_id) ?? []), Number(o.ord)]);
      for (const list of byCommunity.values()) expect(list).toEqual(list.map((_, i) => i + 1));
    });
  }

  describe('after a restart', () => {
    let bulk: { community: string; ledger: string; article: string };

    beforeAll(async () => {
      await rows.close();
      await cms.startServer();
      rows = await openRows(cms);
      const pick = async (table: string, where: string, exclude: string) =>
        String((await rows.all(`select document_id from ${table} where document_id <> $1 and ${where} order by id limit 1`, [exclude]))[0].document_id);
      bulk = {
        community: await pick('communities', '1 = 1', made.community),
        ledger: await pick('ledgers', '1 = 1', made.ledger),
        article: await pick('articles', `channel = 'community_news'`, made.article),
      };
    });

    it('serves bulk entries to the site build through GraphQL, components and relations included', async () => {
      const r = await graphql(cms.url, `query ($c: ID!, $l: ID!, $a: ID!) {
        community(documentId: $c) { name slug provinceName liaisonOfficer { name } volunteerTeams { name kind } }
        ledger(documentId: $l) { title serviceTypes { kind } teamTypes { kind } community { documentId name } }
        article(documentId: $a) { title slug community { documentId } }
        communities_connection { pageInfo { total } }
      }`, cms.buildToken, { c: bulk.community, l: bulk.ledger, a: bulk.article });
      expect(r.json.errors).toBeUndefined();
      const { community, ledger, article } = r.json.data;
      expect(community.name).toBeTruthy();
      expect(community.liaisonOfficer.name).toBeTruthy();
      expect(community.volunteerTeams.length).toBeGreaterThanOrEqual(2);
      expect(ledger.serviceTypes.length).toBeGreaterThan(0);
      expect(ledger.teamTypes.length).toBeGreaterThan(0);
      expect(ledger.title.startsWith(ledger.community.name)).toBe(true);
      expect(article.community.documentId).toBeTruthy();
      expect(r.json.data.communities_connection.pageInfo.total).toBe(11);
    });

    it('opens a bulk entry\'s draft in the dashboard with its components and relation', async () => {
      const r = await admin.call('GET', `/content-manager/collection-types/${LEDGER}/${bulk.ledger}`);
      expect(r.status).toBe(200);
      expect(r.json.data.serviceTypes.length).toBeGreaterThan(0);
      expect(r.json.data.community.count).toBe(1);
      expect(r.json.meta.availableStatus).toEqual([expect.objectContaining({ publishedAt: expect.any(String) })]);
    });

    it('lets an editor update and republish bulk entries, the middleware deriving the same fields again', async () => {
      const before = (await documentRows('communities', bulk.community))[0];
      const community = await admin.update(COMMUNITY, bulk.community, { name: before.name, divisionCode: before.division_code });
      expect(community.status, JSON.stringify(community.json)).toBe(200);
      expect((await admin.publish(COMMUNITY, bulk.community)).status).toBe(200);
      const after = await documentRows('communities', bulk.community);
      expect(after).toHaveLength(2);
      for (const column of ['name', 'slug', 'province_code', 'province_name', 'city_name', 'district_name', 'street_name']) expect(after[1][column], column).toEqual(before[column]);

      const ledger = await admin.update(LEDGER, bulk.ledger, { title: '批量台账已修改', serviceTypes: [{ kind: 'legal_aid' }] });
      expect(ledger.status, JSON.stringify(ledger.json)).toBe(200);
      expect((await admin.publish(LEDGER, bulk.ledger)).status).toBe(200);
      const shown = await graphql(cms.url, `query ($l: ID!) { ledger(documentId: $l) { title serviceTypes { kind } community { documentId } } }`, cms.buildToken, { l: bulk.ledger });
      expect(shown.json.data.ledger.title).toBe('批量台账已修改');
      expect(shown.json.data.ledger.serviceTypes).toEqual([{ kind: 'legal_aid' }]);
      expect(shown.json.data.ledger.community.documentId).toBeTruthy();
    });
  });
});
