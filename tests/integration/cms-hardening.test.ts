import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, graphql } from '../support/admin-api.ts';
import { ARTICLES, COMMUNITIES, LEDGERS } from '../../site/src/lib/cms/queries.ts';
import { startCms, TEST_ADMIN, type RunningCms } from '../support/start-cms.ts';

// The CMS's security promises, each against a real Strapi: who may read and write, drafts for
// the preview token only, no private field reachable through filters, rate-limited dashboard
// login, and an upload allowlist. One CMS for the whole file (SQLite).

const ARTICLE = 'api::article.article';
const LOGIN_LIMIT = 3; // ADMIN_LOGIN_RATE_LIMIT_MAX for this CMS, so the flood stays short
const DRAFT_TITLE = `仅有草稿的文章-${Date.now()}`;

const TYPES = [
  { name: 'Article', plural: 'articles', data: '{ title: "x", channel: local_news, editorialDate: "2024-01-01" }' },
  { name: 'Community', plural: 'communities', data: '{ name: "x", divisionCode: "420102002003" }' },
  { name: 'Ledger', plural: 'ledgers', data: '{ title: "x", activityDate: "2024-01-01", serviceFocus: minors }' },
  { name: 'Page', plural: 'pages', data: '{ title: "x" }' },
];

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const WEBP = Buffer.from('UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp41'), Buffer.from([0, 0, 0, 8]), Buffer.from('free')]);
const WEBM = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x8f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]), Buffer.from('webm'), Buffer.from([0x42, 0x87, 0x81, 0x02])]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');

function form(name: string, content: Buffer, type: string): FormData {
  const f = new FormData();
  f.append('files', new Blob([new Uint8Array(content)], { type }), name);
  return f;
}

describe('the hardened CMS', () => {
  let cms: RunningCms;
  let admin: ReturnType<typeof adminApi>;
  let previewToken: string;
  let uploaderToken: string;
  let draftId: string;
  const published: Record<string, { documentId: string; label: string }> = {};

  const rest = async (method: string, pathname: string, token?: string, body?: unknown) => {
    const res = await fetch(`${cms.url}${pathname}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: JSON.parse(text || 'null') };
  };
  const createToken = async (name: string, type: 'read-only' | 'full-access') => {
    const r = await admin.call('POST', '/admin/api-tokens', { name, description: 'test', type, lifespan: null });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    return r.json.data.accessKey as string;
  };

  beforeAll(async () => {
    cms = await startCms({ env: { ADMIN_LOGIN_RATE_LIMIT_MAX: String(LOGIN_LIMIT) } });
    admin = adminApi(cms.url);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    // The CMS makes the preview token on first start and keeps its key in the data folder.
    previewToken = fs.readFileSync(path.join(cms.dataDir, 'preview-token'), 'utf8').trim();
    uploaderToken = await createToken('test-uploader', 'full-access');
    const draft = await admin.create(ARTICLE, { title: DRAFT_TITLE, channel: 'local_news', editorialDate: '2024-05-01' });
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    draftId = draft.json.data.documentId;
    for (const t of TYPES) {
      const field = t.name === 'Community' ? 'name' : 'title';
      const r = await graphql(cms.url, `{ ${t.plural}(pagination: { pageSize: 1 }) { documentId ${field} } }`, cms.buildToken);
      published[t.name] = { documentId: r.json.data[t.plural][0].documentId, label: r.json.data[t.plural][0][field] };
    }
  });
  afterAll(async () => {
    await cms?.stop();
  });

  describe('who may read and write', () => {
    it('refuses anonymous GraphQL queries and mutations and anonymous REST reads and writes', async () => {
      const query = await graphql(cms.url, '{ pages { title } }');
      expect([401, 403]).toContain(query.status);
      expect(query.json.data?.pages ?? null).toBeNull();
      const mutation = await graphql(cms.url, `mutation { deleteArticle(documentId: "${published.Article.documentId}") { documentId } }`);
      expect([401, 403]).toContain(mutation.status);
      expect(mutation.json.data?.deleteArticle ?? null).toBeNull();
      expect([401, 403]).toContain((await rest('GET', '/api/pages')).status);
      expect([401, 403]).toContain((await rest('POST', '/api/articles', undefined, { data: { title: 'x' } })).status);
      expect([401, 403]).toContain((await rest('DELETE', `/api/articles/${published.Article.documentId}`)).status);
    });

    it('refuses every GraphQL and REST write of the build token, for each type, and changes nothing', async () => {
      const totals = async () => {
        const r = await graphql(cms.url, `{ ${TYPES.map((t) => `${t.plural}_connection { pageInfo { total } }`).join(' ')} }`, cms.buildToken);
        return TYPES.map((t) => r.json.data[`${t.plural}_connection`].pageInfo.total);
      };
      const before = await totals();
      for (const t of TYPES) {
        const id = published[t.name].documentId;
        for (const m of [
          `mutation { create${t.name}(data: ${t.data}) { documentId } }`,
          `mutation { update${t.name}(documentId: "${id}", data: ${t.data}) { documentId } }`,
          `mutation { delete${t.name}(documentId: "${id}") { documentId } }`,
        ]) {
          const r = await graphql(cms.url, m, cms.buildToken);
          expect(r.json.errors?.length ?? 0, m).toBeGreaterThan(0);
          expect(Object.values(r.json.data ?? {}).filter(Boolean), m).toEqual([]);
        }
        expect((await rest('POST', `/api/${t.plural}`, cms.buildToken, { data: { title: 'x', name: 'x' } })).status).toBe(403);
        expect((await rest('PUT', `/api/${t.plural}/${id}`, cms.buildToken, { data: { title: 'x', name: 'x' } })).status).toBe(403);
        expect((await rest('DELETE', `/api/${t.plural}/${id}`, cms.buildToken)).status).toBe(403);
      }
      expect(await totals()).toEqual(before);
      for (const t of TYPES) {
        const r = await rest('GET', `/api/${t.plural}/${published[t.name].documentId}`, cms.buildToken);
        expect(r.status).toBe(200);
        expect(r.text).toContain(published[t.name].label);
      }
    });
  });

  describe('drafts', () => {
    // Each query is first run as it would read published content, so the refusal is proved to
    // come from asking for drafts and not from a malformed query.
    const variants: Array<{ name: string; query: (status: string) => string; variables?: (status: string) => Record<string, unknown> }> = [
      { name: 'a literal', query: (s) => `{ articles(status: ${s}, filters: { title: { eq: "${DRAFT_TITLE}" } }) { title } }` },
      { name: 'a connection', query: (s) => `{ articles_connection(status: ${s}) { nodes { title } } }` },
      { name: 'one document', query: (s) => `{ article(documentId: "${draftId}", status: ${s}) { title } }` },
      { name: 'an alias beside a published read', query: (s) => `{ live: pages { title } hidden: articles(status: ${s}) { title } }` },
      { name: 'a fragment', query: (s) => `query { ...Hidden } fragment Hidden on Query { articles(status: ${s}) { title } }` },
      { name: 'a variable', query: () => 'query Read($s: PublicationStatus) { articles(status: $s) { title } }', variables: (s) => ({ s }) },
      { name: 'a variable default', query: (s) => `query Read($s: PublicationStatus = ${s}) { articles(status: $s) { title } }` },
    ];

    for (const v of variants) {
      it(`refuses the build token status: DRAFT through ${v.name}, with 403`, async () => {
        const live = await graphql(cms.url, v.query('PUBLISHED'), cms.buildToken, v.variables?.('PUBLISHED'));
        expect(live.status, JSON.stringify(live.json)).toBe(200);
        expect(live.json.errors).toBeUndefined();
        expect(JSON.stringify(live.json)).not.toContain(DRAFT_TITLE);
        const r = await graphql(cms.url, v.query('DRAFT'), cms.buildToken, v.variables?.('DRAFT'));
        expect(r.status).toBe(403);
        expect(r.json.data).toBeUndefined();
        expect(r.json.errors?.[0].message).toContain('草稿仅供预览令牌');
      });
    }

    it('refuses the build token REST status=draft and Strapi 4 publicationState=preview, with 403', async () => {
      const filter = `filters[title][$eq]=${encodeURIComponent(DRAFT_TITLE)}`;
      for (const q of [`status=draft&${filter}`, `publicationState=preview&${filter}`, 'status[0]=draft']) {
        const r = await rest('GET', `/api/articles?${q}`, cms.buildToken);
        expect(r.status, q).toBe(403);
        expect(r.json.error.message).toContain('草稿仅供预览令牌');
        expect(r.text).not.toContain(DRAFT_TITLE);
      }
      expect((await rest('GET', `/api/articles/${draftId}?status=draft`, cms.buildToken)).status).toBe(403);
      expect((await rest('GET', `/api/articles?status=published&${filter}`, cms.buildToken)).status).toBe(200);
    });

    it('refuses status: DRAFT sent as a URL-encoded form (Apollo runs those given a preflight header), with 403', async () => {
      const send = (status: string) =>
        fetch(`${cms.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'apollo-require-preflight': 'true', authorization: `Bearer ${cms.buildToken}` },
          body: new URLSearchParams({ query: `{ articles(status: ${status}, filters: { title: { eq: "${DRAFT_TITLE}" } }) { title } }` }),
        });
      const live = await send('PUBLISHED');
      expect(await live.json()).toEqual({ data: { articles: [] } });
      const r = await send('DRAFT');
      expect(r.status).toBe(403);
      expect(await r.text()).not.toContain(DRAFT_TITLE);
    });

    it('refuses status: DRAFT at the GraphQL and REST addresses spelt otherwise (/GraphQL/, /API/), with 403', async () => {
      const r = await fetch(`${cms.url}/GraphQL/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cms.buildToken}` },
        body: JSON.stringify({ query: `{ articles(status: DRAFT, filters: { title: { eq: "${DRAFT_TITLE}" } }) { title } }` }),
      });
      expect(r.status).toBe(403);
      expect(await r.text()).not.toContain(DRAFT_TITLE);
      const rest403 = await rest('GET', `/API/articles/?status=draft`, cms.buildToken);
      expect(rest403.status).toBe(403);
    });

    it('never shows a draft-only document to the build token through its ordinary reads', async () => {
      expect((await rest('GET', `/api/articles/${draftId}`, cms.buildToken)).status).toBe(404);
      const list = await rest('GET', `/api/articles?filters[documentId][$eq]=${draftId}`, cms.buildToken);
      expect(list.json.data).toEqual([]);
      const one = await graphql(cms.url, `{ article(documentId: "${draftId}") { title } articles(filters: { documentId: { eq: "${draftId}" } }) { title } }`, cms.buildToken);
      expect(one.json.data).toEqual({ article: null, articles: [] });
    });

    it('refuses a draft read that bypasses the HTTP check (a GraphQL persisted query) in the document service', async () => {
      const query = `query Read($s: PublicationStatus) { articles(status: $s, filters: { title: { eq: "${DRAFT_TITLE}" } }) { title } }`;
      const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
      const register = await fetch(`${cms.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cms.buildToken}` },
        body: JSON.stringify({ query, variables: { s: 'PUBLISHED' }, extensions: { persistedQuery } }),
      });
      expect(await register.json()).toEqual({ data: { articles: [] } });
      const byHash = await fetch(`${cms.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cms.buildToken}` },
        body: JSON.stringify({ variables: { s: 'DRAFT' }, extensions: { persistedQuery } }),
      });
      const text = await byHash.text();
      expect(text).not.toContain(DRAFT_TITLE);
      const body = JSON.parse(text) as { data?: { articles: unknown }; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      expect(body.data?.articles ?? null).toBeNull();
      expect(body.errors?.[0].message).toContain('草稿仅供预览令牌');
    });

    it('lets the shequ-preview token read drafts through GraphQL and REST', async () => {
      const g = await graphql(cms.url, `{ articles(status: DRAFT, filters: { title: { eq: "${DRAFT_TITLE}" } }) { documentId title } }`, previewToken);
      expect(g.status, JSON.stringify(g.json)).toBe(200);
      expect(g.json.data.articles).toEqual([{ documentId: draftId, title: DRAFT_TITLE }]);
      const r = await rest('GET', `/api/articles/${draftId}?status=draft`, previewToken);
      expect(r.status).toBe(200);
      expect(r.json.data.title).toBe(DRAFT_TITLE);
    });
  });

  describe('private fields', () => {
    // Each probe is run with a value that would match the secret and one that would not: the
    // answers must be the same refusal, so nothing can be learned one bit at a time.
    const restProbes: Array<[string, string]> = [
      ['filters[createdBy][password][$startsWith]=$2', 'filters[createdBy][password][$startsWith]=zz'],
      ['filters[updatedBy][email][$startsWith]=editor', 'filters[updatedBy][email][$startsWith]=zz'],
      ['filters[createdBy][resetPasswordToken][$null]=true', 'filters[createdBy][resetPasswordToken][$notNull]=true'],
      ['filters[$or][0][createdBy][email][$eq]=editor@example.org', 'filters[$or][0][createdBy][email][$eq]=no@example.org'],
      ['filters[community][createdBy][email][$startsWith]=editor', 'filters[community][createdBy][email][$startsWith]=zz'],
      ['sort=createdBy.password:asc', 'sort=createdBy.password:desc'],
      ['sort=updatedBy.email:asc', 'sort=updatedBy.email:desc'],
      // A `private: true` attribute (the media file's folder path) through a relation.
      ['filters[cover][folderPath][$startsWith]=/', 'filters[cover][folderPath][$startsWith]=zz'],
    ];

    it('refuses REST filters and sorts on admin users\u2019 secrets and private fields, whatever the value', async () => {
      for (const type of ['articles', 'ledgers']) {
        for (const [matching, missing] of restProbes) {
          const a = await rest('GET', `/api/${type}?${matching}`, cms.buildToken);
          const b = await rest('GET', `/api/${type}?${missing}`, cms.buildToken);
          expect(a.status, matching).toBe(400);
          expect(a.json.data, matching).toBeNull();
          expect(b.status).toBe(a.status);
          expect(b.json.error.name).toBe(a.json.error.name);
          expect(b.json.error.details.path).toBe(a.json.error.details.path);
        }
      }
      const users = await rest('GET', '/api/users?filters[password][$startsWith]=$2', cms.buildToken);
      expect(users.status).toBe(400);
    });

    it('offers no GraphQL filter or sort on createdBy, updatedBy or private fields, whatever the value', async () => {
      const probes: Array<[string, string]> = [
        ['filters: { createdBy: { password: { startsWith: "$2" } } }', 'filters: { createdBy: { password: { startsWith: "zz" } } }'],
        ['filters: { updatedBy: { email: { startsWith: "editor" } } }', 'filters: { updatedBy: { email: { startsWith: "zz" } } }'],
        ['filters: { createdBy: { resetPasswordToken: { null: true } } }', 'filters: { createdBy: { resetPasswordToken: { notNull: true } } }'],
        ['filters: { community: { createdBy: { email: { eq: "editor@example.org" } } } }', 'filters: { community: { createdBy: { email: { eq: "no@example.org" } } } }'],
        ['sort: "createdBy.password:asc"', 'sort: "createdBy.password:desc"'],
      ];
      for (const [matching, missing] of probes) {
        const a = await graphql(cms.url, `{ ledgers(${matching}) { documentId } }`, cms.buildToken);
        const b = await graphql(cms.url, `{ ledgers(${missing}) { documentId } }`, cms.buildToken);
        expect(a.json.data?.ledgers ?? null, matching).toBeNull();
        expect(a.json.errors?.length ?? 0, matching).toBeGreaterThan(0);
        expect(b.json.data?.ledgers ?? null).toBeNull();
        expect(b.status).toBe(a.status);
      }
      const photos = await graphql(cms.url, '{ uploadFiles(filters: { folderPath: { startsWith: "/" } }) { name } }', cms.buildToken);
      expect(photos.json.data?.uploadFiles ?? null).toBeNull();
    });
  });

  describe('uploads', () => {
    const fileCount = async () => (await admin.call('GET', '/upload/files?page=1&pageSize=1')).json.pagination.total as number;

    it('keeps the seeded demo pictures and accepts pictures, PDF and video in the media library', async () => {
      expect(await fileCount()).toBeGreaterThanOrEqual(6);
      for (const [name, content, type] of [
        ['合影.png', PNG, 'image/png'], ['标志.gif', GIF, 'image/gif'], ['海报.webp', WEBP, 'image/webp'],
        ['节目单.pdf', PDF, 'application/pdf'], ['晚会.mp4', MP4, 'video/mp4'], ['晚会.webm', WEBM, 'video/webm'],
      ] as const) {
        const r = await admin.upload(form(name, content, type));
        expect(r.status, `${name}: ${JSON.stringify(r.json)}`).toBe(201);
        expect(r.json[0].mime).toBe(type);
      }
    });

    const refused: Array<[string, Buffer, string, string]> = [
      ['page.html', HTML, 'text/html', '不允许上传'],
      ['logo.svg', SVG, 'image/svg+xml', '不允许上传'],
      ['photo.jpg', HTML, 'image/jpeg', '内容不是允许的'],
      ['photo.png', SVG, 'image/png', '内容不是允许的'],
      ['photo.pdf', HTML, 'application/pdf', '内容不是允许的'],
      ['x.html.png', PNG, 'image/png', '含有不允许的扩展名'],
      ['setup.exe', Buffer.from('MZ\x90\x00\x03'), 'application/octet-stream', '不允许上传'],
      ['notes', PDF, 'application/pdf', '没有扩展名'],
    ];

    it('refuses HTML, SVG, disguised and double-extension files and executables in the media library with a Chinese reason, storing nothing', async () => {
      const before = await fileCount();
      for (const [name, content, type, reason] of refused) {
        const r = await admin.upload(form(name, content, type));
        expect(r.status, name).toBe(400);
        expect(r.json.error.message, name).toContain(reason);
        expect(r.json.error.message, name).toContain(name);
      }
      // Replacing a stored picture's content goes through the same check.
      const stored = await admin.upload(form('换图.png', PNG, 'image/png'));
      const replaced = await admin.upload(form('换图.png', HTML, 'image/png'), stored.json[0].id);
      expect(replaced.status).toBe(400);
      expect(await fileCount()).toBe(before + 1);
    });

    it('applies the same allowlist to the content-API upload', async () => {
      const upload = (f: FormData) => fetch(`${cms.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${uploaderToken}` }, body: f });
      const bad = await upload(form('photo.jpg', HTML, 'image/jpeg'));
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('内容不是允许的');
      const good = await upload(form('社区.png', PNG, 'image/png'));
      expect(good.status).toBe(201);
    });
  });

  describe('dashboard login', () => {
    it(`answers 429 after ${LOGIN_LIMIT} attempts for one address, then refuses the right password too, and leaves other editors alone`, async () => {
      // A second editor, invited and registered as in the dashboard, takes the flood.
      const roles = await admin.call('GET', '/admin/roles');
      const editorRole = roles.json.data.find((r: { code: string }) => r.code === 'strapi-editor');
      const email = 'flooded@example.org';
      const password = 'Flooded1234pass';
      const invited = await admin.call('POST', '/admin/users', { firstname: '测试', lastname: '编辑', email, roles: [editorRole.id] });
      expect(invited.status, JSON.stringify(invited.json)).toBe(201);
      const registered = await admin.call('POST', '/admin/register', { registrationToken: invited.json.data.registrationToken, userInfo: { firstname: '测试', lastname: '编辑', password } });
      expect(registered.status, JSON.stringify(registered.json)).toBe(200);

      const login = (pw: string) => rest('POST', '/admin/login', undefined, { email, password: pw });
      for (let i = 0; i < LOGIN_LIMIT; i += 1) expect((await login(`wrong-${i}`)).status).toBe(400);
      const blocked = await login('wrong-again');
      expect(blocked.status).toBe(429);
      const right = await login(password);
      expect(right.status).toBe(429);
      expect(right.text).not.toContain('token');
      // The same limit per address: the flood does not lock out another editor.
      const other = await rest('POST', '/admin/login', undefined, { email: TEST_ADMIN.email, password: TEST_ADMIN.password });
      expect(other.status).toBe(200);
    });
  });
  describe('the bulk reads the full build uses', () => {
    const BULK = [
      { field: 'articlesBulk', connection: 'articles_connection', query: ARTICLES },
      { field: 'communitiesBulk', connection: 'communities_connection', query: COMMUNITIES },
      { field: 'ledgersBulk', connection: 'ledgers_connection', query: LEDGERS },
    ];
    const readAll = async (query: string, field: string, token?: string) => {
      const nodes: Array<Record<string, unknown>> = [];
      for (let page = 1; ; page++) {
        const r = await graphql(cms.url, query, token, { page, pageSize: 100 });
        if (!r.json.data?.[field]) return { status: r.status, nodes, errors: r.json.errors };
        nodes.push(...r.json.data[field].nodes);
        if (page >= r.json.data[field].pageInfo.pageCount) return { status: r.status, nodes, errors: undefined };
      }
    };
    const byId = (nodes: Array<Record<string, unknown>>) => [...nodes].sort((a, b) => String(a.documentId).localeCompare(String(b.documentId)));

    it("gives exactly the nodes GraphQL's own connection queries give, for every published article, community and ledger", async () => {
      for (const b of BULK) {
        const bulk = await readAll(`query($page: Int!, $pageSize: Int!) { ${b.field}(page: $page, pageSize: $pageSize) { nodes pageInfo { page pageSize pageCount total } } }`, b.field, cms.buildToken);
        const plain = await readAll(b.query, b.connection, cms.buildToken);
        expect(bulk.errors, b.field).toBeUndefined();
        expect(bulk.nodes.length, b.field).toBeGreaterThan(0);
        expect(byId(bulk.nodes), b.field).toEqual(byId(plain.nodes));
      }
    });

    it('leaves drafts and private fields out, caps the page at the CMS limit and refuses anonymous callers', async () => {
      const q = `{ articlesBulk(page: 1, pageSize: 100000) { nodes pageInfo { pageSize total } } }`;
      const r = await graphql(cms.url, q, cms.buildToken);
      expect(r.json.data.articlesBulk.pageInfo.pageSize).toBeLessThanOrEqual(500);
      const text = JSON.stringify(r.json.data.articlesBulk.nodes);
      expect(text).not.toContain(DRAFT_TITLE);
      expect(text).not.toContain(draftId);
      const ledgers = await graphql(cms.url, `{ ledgersBulk(page: 1, pageSize: 5) { nodes } }`, cms.buildToken);
      for (const node of ledgers.json.data.ledgersBulk.nodes) expect(Object.keys(node)).not.toContain('importKey');
      const anonymous = await graphql(cms.url, q);
      expect([401, 403]).toContain(anonymous.status);
      expect(anonymous.json.data?.articlesBulk ?? null).toBeNull();
    });
  });
});
