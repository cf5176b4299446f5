import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strapiEventSchema, type StrapiEvent } from '../../scripts/publisher/verify-and-receive.ts';
import { adminApi, graphql } from '../support/admin-api.ts';
import { encodeGb18030 } from '../support/gb18030.ts';
import { openRows, shape, type Row, type Rows } from '../support/read-database-rows.ts';
import { startCms, TEST_ADMIN, type RunningCms } from '../support/start-cms.ts';

// The ledger-sheet import on a real CMS: the admin route the dashboard page posts to, and the
// `npm run import:ledgers` CLI that posts to it over HTTP.

const COMMUNITY = 'api::community.community';
const LEDGER = 'api::ledger.ledger';
const HEPING = '420102002003';
const DUOFU = '110101001001';
const HEADER = '社区区划代码,活动名称,活动日期,服务重点,服务类型,参与队伍类型,志愿者人数,服务人次,服务时长（小时）,活动地点,活动记录,是否发布';
const repo = path.resolve(import.meta.dirname, '../..');

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const NEXT_YEAR = dayOffset(400);

// Rows 2, 3 and 11 are good; 4–9 are bad in one way each; 10 is blank; 12 repeats row 3.
const MIXED_CSV = [
  HEADER,
  `${HEPING},和平社区上门探访空巢老人,2026/3/5,空巢老人,日常陪护、代购,党员志愿服务队；青年志愿服务队,12,35,24.5,和平社区党群服务中心,"上门探访独居老人。\n为老人测量血压。",是`,
  `${HEPING},和平社区四点半学校,2026年3月6日,未成年人,学业辅导,教师志愿服务队,6,28,12,社区课堂,,`,
  `110101001002,不存在社区的活动,2026-03-05,助残,,,1,1,1,,,`,
  `${HEPING},日期写错的活动,2026-13-01,助残,,,1,1,1,,,`,
  `${HEPING},明年的活动,${NEXT_YEAR},助残,,,1,1,1,,,`,
  `${HEPING},人数为负的活动,2026-03-07,助残,,,-3,1,1,,,`,
  `${HEPING},服务重点写错的活动,2026-03-08,老人,,,1,1,1,,,`,
  `${HEPING},,2026-03-09,其他,,,1,1,1,,,`,
  ',,,,,,,,,,,',
  `${DUOFU},多福巷社区法律咨询,2026-02-01,弱势群体,法律援助,其他,3,40,6,多福巷社区居委会,,否`,
  `${HEPING},和平社区四点半学校,2026-03-06,未成年人,学业辅导,教师志愿服务队,6,28,12,社区课堂,,`,
].join('\r\n');

const EXPECTED_PROBLEMS = [
  { row: 4, column: '社区区划代码', problem: expect.stringContaining('找不到区划代码为 110101001002 的社区档案') },
  { row: 5, column: '活动日期', problem: expect.stringContaining('不是有效日期') },
  { row: 6, column: '活动日期', problem: expect.stringContaining('不能晚于今天') },
  { row: 7, column: '志愿者人数', problem: '「志愿者人数」不能为负数' },
  { row: 8, column: '服务重点', problem: expect.stringContaining('「老人」无法识别') },
  { row: 9, column: '活动名称', problem: '「活动名称」不能为空' },
];

interface Report { total: number; imported: number; skipped: number; rejected: number; published: number; problems: unknown[]; skippedRows: Array<{ row: number; reason: string }> }

// On the embedded SQLite and, when CI provides one, on PostgreSQL (whose transactions are
// unusable after an error unless rolled back to a savepoint: the per-row savepoints matter there).
const databases: Array<'sqlite' | 'postgres'> = ['sqlite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

describe.each(databases)('importing ledger sheets on %s', (database) => {
  let cms: RunningCms;
  let admin: ReturnType<typeof adminApi>;
  let token: string;
  let work: string;
  const communityIds: Record<string, string> = {};
  // Strapi's webhook calls, as the publisher would receive them.
  const hookEvents: StrapiEvent[] = [];
  const hookServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      hookEvents.push(JSON.parse(body));
      res.writeHead(202).end();
    });
  });
  const eventuallyReceived = async (seen: (e: StrapiEvent) => boolean, from: number) => {
    for (let i = 0; i < 200 && !hookEvents.slice(from).some(seen); i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(hookEvents.slice(from).some(seen)).toBe(true);
  };

  const post = async (bytes: Buffer | string, fileName: string, options: { publish?: boolean; accept?: string; auth?: boolean } = {}) => {
    const form = new FormData();
    form.append('publish', String(options.publish ?? false));
    form.append('files', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), fileName);
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
    if (options.auth !== false) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${cms.url}/ledger-import`, { method: 'POST', headers, body: form });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  const importFile = async (bytes: Buffer | string, fileName: string, publish = false): Promise<Report> => {
    const r = await post(bytes, fileName, { publish });
    expect(r.status, r.text).toBe(200);
    return JSON.parse(r.text);
  };
  const ledgerCount = async () => (await admin.list(LEDGER, 'page=1&pageSize=1')).json.pagination.total as number;
  const cli = (args: string[]) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['scripts/ledger-import/import-ledgers.ts', ...args], {
        cwd: repo,
        env: { ...process.env, CMS_URL: cms.url, SHEQU_ADMIN_EMAIL: TEST_ADMIN.email, SHEQU_ADMIN_PASSWORD: TEST_ADMIN.password },
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (code) => resolve({ code, out }));
    });

  beforeAll(async () => {
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hookServer.address() as net.AddressInfo).port}/hooks/strapi`;
    cms = await startCms({ database, env: { SHEQU_DEMO_CONTENT: 'none', SHEQU_WEBHOOK_URL: hookUrl, SHEQU_WEBHOOK_SECRET: 'test-secret' } });
    admin = adminApi(cms.url);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    token = (await admin.call('POST', '/admin/login', TEST_ADMIN)).json.data.token;
    for (const [name, divisionCode] of [['和平社区', HEPING], ['多福巷社区', DUOFU]]) {
      const created = await admin.create(COMMUNITY, { name, divisionCode });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      communityIds[divisionCode] = created.json.data.documentId;
      expect((await admin.publish(COMMUNITY, created.json.data.documentId)).status).toBe(200);
    }
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-import-'));
  });
  afterAll(async () => {
    await cms?.stop();
    hookServer.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('refuses callers without a dashboard login', async () => {
    const r = await post(MIXED_CSV, 'a.csv', { auth: false });
    expect(r.status).toBe(401);
    const forged = await fetch(`${cms.url}/ledger-import`, { method: 'POST', headers: { authorization: `Bearer ${cms.buildToken}` }, body: new FormData() });
    expect(forged.status).toBe(401);
    expect(await ledgerCount()).toBe(0);
  });

  it('lets an author without the publish permission import drafts only', async () => {
    const roles = await admin.call('GET', '/admin/roles');
    const author = roles.json.data.find((r: { code: string }) => r.code === 'strapi-author');
    const invited = await admin.call('POST', '/admin/users', { firstname: '作者', lastname: '', email: 'author@example.org', roles: [author.id] });
    expect(invited.status, JSON.stringify(invited.json)).toBe(201);
    const password = 'Author1234pass';
    const registered = await admin.call('POST', '/admin/register', { registrationToken: invited.json.data.registrationToken, userInfo: { firstname: '作者', lastname: '', password } });
    expect(registered.status, JSON.stringify(registered.json)).toBe(200);
    const authorToken = (await admin.call('POST', '/admin/login', { email: 'author@example.org', password })).json.data.token;
    const send = async (csv: string, publish: boolean) => {
      const form = new FormData();
      form.append('publish', String(publish));
      form.append('files', new Blob([csv]), 'author.csv');
      const res = await fetch(`${cms.url}/ledger-import`, { method: 'POST', headers: { authorization: `Bearer ${authorToken}` }, body: form });
      return { status: res.status, json: await res.json() };
    };
    const csv = `${HEADER}\r\n${HEPING},作者想发布的活动,2026-01-02,其他,,,1,1,1,,,是\r\n`;
    expect((await send(csv, true)).status).toBe(403);
    const r = await send(csv, false);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ imported: 0, rejected: 1, problems: [{ row: 2, column: '是否发布', problem: expect.stringContaining('没有发布活动台账的权限') }] });
    expect(await ledgerCount()).toBe(0);
  });

  it('imports exactly the good rows of a CSV and reports each bad one by row, column and problem', async () => {
    const report = await importFile(MIXED_CSV, '台账.csv');
    expect(report).toMatchObject({ total: 10, imported: 3, rejected: 6, skipped: 1, published: 1 });
    expect(report.problems).toEqual(EXPECTED_PROBLEMS);
    expect(report.skippedRows).toEqual([{ row: 12, reason: expect.stringContaining('与第 3 行是同一条台账') }]);
    expect(await ledgerCount()).toBe(3);

    // The published row, read as the site reads it, with every field.
    const r = await graphql(cms.url, '{ ledgers { title activityDate serviceFocus serviceTypes { kind } teamTypes { kind } volunteersCount peopleServed serviceHours place description community { divisionCode name } } }', cms.buildToken);
    expect(r.json.errors).toBeUndefined();
    expect(r.json.data.ledgers).toEqual([{
      title: '和平社区上门探访空巢老人', activityDate: '2026-03-05', serviceFocus: 'empty_nest_elderly',
      serviceTypes: [{ kind: 'daily_companionship' }, { kind: 'shopping_errands' }], teamTypes: [{ kind: 'party_member' }, { kind: 'youth' }],
      volunteersCount: 12, peopleServed: 35, serviceHours: 24.5, place: '和平社区党群服务中心',
      description: [{ type: 'paragraph', children: [{ type: 'text', text: '上门探访独居老人。' }] }, { type: 'paragraph', children: [{ type: 'text', text: '为老人测量血压。' }] }],
      community: { divisionCode: HEPING, name: '和平社区' },
    }]);
    // The drafts, as the dashboard lists them.
    const drafts = await admin.list(LEDGER, 'page=1&pageSize=10&sort=title:ASC&populate=*');
    const byTitle = Object.fromEntries(drafts.json.results.map((d: { title: string }) => [d.title, d]));
    expect(Object.keys(byTitle).sort()).toEqual(['和平社区上门探访空巢老人', '和平社区四点半学校', '多福巷社区法律咨询'].sort());
    expect(byTitle['多福巷社区法律咨询']).toMatchObject({ activityDate: '2026-02-01', serviceFocus: 'vulnerable_groups', peopleServed: 40, status: 'draft' });
    // The import key is the CMS's own bookkeeping: not part of the public API.
    expect((await graphql(cms.url, '{ ledgers { importKey } }', cms.buildToken)).json.errors?.[0].message).toContain('importKey');
  });

  it('adds nothing when the same file is imported again', async () => {
    const report = await importFile(MIXED_CSV, '台账.csv');
    expect(report).toMatchObject({ imported: 0, skipped: 4, rejected: 6 });
    expect(report.skippedRows.map((s) => s.row)).toEqual([2, 3, 11, 12]);
    expect(report.skippedRows[0].reason).toContain('已存在');
    expect(await ledgerCount()).toBe(3);
  });

  it('imports an .xlsx with Excel dates and numbers, and reports its bad rows', async () => {
    const sheet = [
      ['社区区划代码', '活动名称', '活动日期', '服务领域', '服务类型', '志愿者人数', '服务人数'],
      [HEPING, '表格里的日期单元格', new Date(Date.UTC(2026, 0, 15)), '助残', '医疗救助', 4, 10],
      [Number(DUOFU), '表格里的日期序号', 46090, '其他', '', 2, 8],
      [HEPING, '服务类型写错', '2026-01-20', '其他', '跳舞', 2, 8],
    ].map((row) => row.map((value) => (value instanceof Date ? { value, type: Date, format: 'yyyy-mm-dd' } : { value })));
    const file = path.join(work, '台账.xlsx');
    await writeXlsxFile(sheet as never).toFile(file);
    const report = await importFile(fs.readFileSync(file), '台账.xlsx', true);
    expect(report).toMatchObject({ total: 3, imported: 2, rejected: 1, published: 2 });
    expect(report.problems).toEqual([{ row: 4, column: '服务类型', problem: expect.stringContaining('「跳舞」无法识别') }]);
    const r = await graphql(cms.url, '{ ledgers(filters: { title: { startsWith: "表格里" } }, sort: "title") { title activityDate peopleServed community { divisionCode } } }', cms.buildToken);
    expect(r.json.data.ledgers).toEqual([
      { title: '表格里的日期单元格', activityDate: '2026-01-15', peopleServed: 10, community: { divisionCode: HEPING } },
      { title: '表格里的日期序号', activityDate: '2026-03-09', peopleServed: 8, community: { divisionCode: DUOFU } },
    ]);
  });

  it('imports a CSV saved by Chinese Excel in GBK', async () => {
    const csv = `${HEADER}\r\n${DUOFU},多福巷社区重阳敬老宴,2025-10-29,空巢老人,文体活动,巾帼志愿服务队,10,60,30,社区食堂,,\r\n`;
    const report = await importFile(encodeGb18030(csv), '台账（GBK）.csv');
    expect(report).toMatchObject({ imported: 1, rejected: 0 });
    expect((await admin.list(LEDGER, `page=1&pageSize=1&filters[title][$eq]=${encodeURIComponent('多福巷社区重阳敬老宴')}`)).json.pagination.total).toBe(1);
  });

  it('refuses a file with a wrong header as a whole, in Chinese, writing nothing', async () => {
    const before = await ledgerCount();
    const r = await post(MIXED_CSV.replace('服务重点', '服务领城'), 'a.csv');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.message).toContain('无法识别的列：服务领城');
    const missing = await post('活动名称,活动日期\r\n探访,2026-03-05\r\n', 'b.csv', { accept: 'application/x-ndjson' });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text).error.message).toContain('缺少必填列：社区区划代码、服务重点');
    expect((await post('%PDF-1.4', 'c.pdf')).status).toBe(400);
    expect(await ledgerCount()).toBe(before);
  });

  // The bulk and command-line checks do not depend on the database: SQLite only, to save time.
  it.skipIf(database === 'postgres')('streams progress and imports a thousand rows in one file', async () => {
    const ROWS = 1000;
    const rows = Array.from({ length: ROWS }, (_, i) => `${i % 2 ? HEPING : DUOFU},批量活动第${i + 1}场,${dayOffset(-(i % 300) - 1)},其他,文体活动,其他,${i % 20},${i % 50},${(i % 8) / 2},活动室${i % 7},第${i + 1}场活动。,`);
    const started = Date.now();
    const form = new FormData();
    form.append('files', new Blob([[HEADER, ...rows].join('\r\n')]), 'bulk.csv');
    const res = await fetch(`${cms.url}/ledger-import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, accept: 'application/x-ndjson' }, body: form });
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    // Progress leaves while the import runs (once per batch), not all at once at the end.
    const chunks: string[] = [];
    for await (const chunk of res.body!.pipeThrough(new TextDecoderStream())) chunks.push(chunk);
    const seconds = (Date.now() - started) / 1000;
    expect(chunks[0]).toContain('"type":"progress"');
    expect(chunks[0]).not.toContain('"type":"report"');
    const lines = chunks.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'progress').length).toBeGreaterThan(3);
    expect(lines.at(-2)).toEqual({ type: 'progress', done: ROWS, total: ROWS });
    expect(lines.at(-1).report).toMatchObject({ total: ROWS, imported: ROWS, rejected: 0 });
    console.log(`[import-ledgers test] ${ROWS} rows in ${seconds.toFixed(1)} s (${Math.round(ROWS / seconds)} rows/s, report says ${lines.at(-1).report.seconds} s)`);
  });

  it.skipIf(database === 'postgres')('runs from the command line, printing progress and the report, exit code 1 when rows were rejected', async () => {
    const file = path.join(work, '混合.csv');
    fs.writeFileSync(file, MIXED_CSV.replace(/和平社区四点半学校/g, '和平社区周末课堂'));
    const first = await cli([file]);
    expect(first.code, first.out).toBe(1);
    expect(first.out).toContain('导入进度');
    expect(first.out).toContain('导入 1 行');
    expect(first.out).toContain('第 6 行 | 活动日期 | 「活动日期」不能晚于今天');
    const clean = path.join(work, '已导入.csv');
    fs.writeFileSync(clean, MIXED_CSV.split('\r\n').slice(0, 4).filter((_, i) => i !== 3).join('\r\n'));
    const again = await cli([clean]);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('已存在跳过 2 行');
    const refused = await cli([path.join(repo, 'package.json')]);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('不支持的文件');
  });
  it('refuses a row whose cell holds spam, naming row and column with the message the dashboard gives', async () => {
    const before = await ledgerCount();
    const csv = [
      HEADER,
      `${HEPING},和平社区棋牌活动,2026-01-03,其他,,,1,1,1,澳门新葡京娱乐场,,`,
      `${HEPING},和平社区周末活动,2026-01-04,其他,,,1,1,1,,欢迎体验真人荷官,`,
    ].join('\r\n');
    const report = await importFile(csv, '垃圾.csv', true);
    expect(report).toMatchObject({ imported: 0, rejected: 2 });
    const problems = report.problems as Array<{ row: number; column: string; problem: string }>;
    expect(problems.map((p) => [p.row, p.column])).toEqual([[2, '活动地点'], [2, '活动地点'], [3, '活动记录']]);
    for (const p of problems) expect(p.problem).toContain('疑似垃圾广告');
    const dashboard = await admin.create(LEDGER, {
      title: '和平社区棋牌活动', community: { connect: [{ documentId: communityIds[HEPING] }] }, activityDate: '2026-01-03', serviceFocus: 'other', place: '澳门新葡京娱乐场',
    });
    expect(dashboard.status).toBe(400);
    expect(dashboard.json.error.message).toBe(problems.filter((p) => p.row === 2).map((p) => p.problem).join('；'));
    expect(await ledgerCount()).toBe(before);
  });

  it('tells the publisher about a bulk import with one event it accepts, naming no one', async () => {
    const from = hookEvents.length;
    const rows = [1, 2, 3].map((n) => `${DUOFU},多福巷社区通知测试第${n}场,2026-01-1${n},其他,,,1,1,1,,,是`);
    expect(await importFile([HEADER, ...rows].join('\r\n'), '通知.csv', true)).toMatchObject({ imported: 3, published: 3 });
    await eventuallyReceived((e) => e.uid === LEDGER, from);
    // A later dashboard write: its event comes after anything the import sent.
    const marker = await admin.create('api::article.article', { title: '导入通知测试标记' });
    expect(marker.status, JSON.stringify(marker.json)).toBe(201);
    await eventuallyReceived((e) => e.uid === 'api::article.article', from);
    // Every import so far went the bulk way: none fell back to writing row by row.
    expect(cms.logs.filter((l) => l.includes('writing them one by one'))).toEqual([]);
    const ledgerEvents = hookEvents.slice(from).filter((e) => e.uid === LEDGER);
    expect(ledgerEvents).toHaveLength(1);
    expect(strapiEventSchema.safeParse(ledgerEvents[0]).success).toBe(true);
    expect(ledgerEvents[0]).toMatchObject({ event: 'entry.publish', model: 'ledger', uid: LEDGER });
    expect(Object.keys(ledgerEvents[0].entry ?? {})).toEqual(['documentId']);
    const written = await admin.list(LEDGER, `page=1&pageSize=5&filters[title][$startsWith]=${encodeURIComponent('多福巷社区通知测试')}`);
    expect(written.json.results.map((l: { documentId: string }) => l.documentId)).toContain(ledgerEvents[0].entry?.documentId);
  });

  describe('an imported ledger next to one made in the dashboard', () => {
    let rows: Rows;
    const ids: Record<'dashboardDraft' | 'dashboardPublished' | 'importedDraft' | 'importedPublished', string> = { dashboardDraft: '', dashboardPublished: '', importedDraft: '', importedPublished: '' };
    const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });
    const fields = {
      activityDate: '2026-02-10', serviceFocus: 'empty_nest_elderly', serviceTypes: [{ kind: 'daily_companionship' }, { kind: 'shopping_errands' }], teamTypes: [{ kind: 'party_member' }],
      volunteersCount: 8, peopleServed: 20, serviceHours: 6.5, place: '和平社区活动室', description: [paragraph('志愿者陪老人聊天。'), paragraph('帮老人采购日用品。')],
    };
    const ledgerRows = (documentId: string) => rows.all(`select * from ledgers where document_id = $1 order by published_at is not null, id`, [documentId]);
    // Columns that name the document, its editor, its title and import key, or the time of writing.
    const OWN = new Set(['id', 'document_id', 'created_by_id', 'updated_by_id', 'title', 'import_key', 'created_at', 'updated_at', 'published_at']);
    const expectSameRow = (imported: Row, dashboard: Row, what: string) => {
      expect(Object.keys(imported).sort(), what).toEqual(Object.keys(dashboard).sort());
      for (const column of Object.keys(dashboard)) {
        if (OWN.has(column)) expect(shape(imported[column]), `${what}: ${column}`).toEqual(column === 'import_key' || column === 'created_by_id' || column === 'updated_by_id' ? shape(imported[column]) : shape(dashboard[column]));
        else expect(imported[column], `${what}: ${column}`).toEqual(dashboard[column]);
      }
    };
    const componentsOf = async (ledgerRowId: unknown) => {
      const links = await rows.all(`select * from ledgers_cmps where entity_id = $1 order by id`, [ledgerRowId]);
      return Promise.all(links.map(async (link) => {
        const table = `components_${String(link.component_type).replace('.', '_').replace(/-/g, '_')}s`;
        const [component] = await rows.all(`select * from ${table} where id = $1`, [link.cmp_id]);
        return { field: link.field, order: Number(link.order), type: link.component_type, kind: component.kind };
      }));
    };
    const communityLinkOf = async (ledgerRowId: unknown) => (await rows.all(`select c.document_id, c.published_at, l.* from ledgers_community_lnk l join communities c on c.id = l.community_id where l.ledger_id = $1`, [ledgerRowId]))[0];

    beforeAll(async () => {
      const community = { connect: [{ documentId: communityIds[HEPING] }] };
      const draft = await admin.create(LEDGER, { title: '看板草稿台账', community, ...fields });
      expect(draft.status, JSON.stringify(draft.json)).toBe(201);
      ids.dashboardDraft = draft.json.data.documentId;
      const published = await admin.create(LEDGER, { title: '看板发布台账', community, ...fields });
      expect(published.status, JSON.stringify(published.json)).toBe(201);
      ids.dashboardPublished = published.json.data.documentId;
      expect((await admin.publish(LEDGER, ids.dashboardPublished)).status).toBe(200);
      const cells = '2026-02-10,空巢老人,日常陪护、代购,党员志愿服务队,8,20,6.5,和平社区活动室,"志愿者陪老人聊天。\n帮老人采购日用品。"';
      const report = await importFile([HEADER, `${HEPING},导入草稿台账,${cells},否`, `${HEPING},导入发布台账,${cells},是`].join('\r\n'), '对照.csv', true);
      expect(report).toMatchObject({ imported: 2, rejected: 0, published: 1 });
      rows = await openRows(cms);
      for (const [key, title] of [['importedDraft', '导入草稿台账'], ['importedPublished', '导入发布台账']] as const) {
        ids[key] = String((await rows.all(`select document_id from ledgers where title = $1`, [title]))[0].document_id);
      }
    });
    afterAll(async () => {
      await rows?.close();
    });

    it('stores a draft-only row and a published row exactly as the dashboard stores a saved draft and a published entry', async () => {
      for (const [imported, dashboard, versions] of [[ids.importedDraft, ids.dashboardDraft, 1], [ids.importedPublished, ids.dashboardPublished, 2]] as const) {
        const [importedRows, dashboardRows] = [await ledgerRows(imported), await ledgerRows(dashboard)];
        expect(importedRows).toHaveLength(versions);
        expect(dashboardRows).toHaveLength(versions);
        for (let v = 0; v < versions; v += 1) {
          const what = `${imported} ${v ? 'published' : 'draft'} row`;
          expectSameRow(importedRows[v], dashboardRows[v], what);
          expect(importedRows[v].published_at === null, what).toBe(v === 0);
          expect(await componentsOf(importedRows[v].id), what).toEqual(await componentsOf(dashboardRows[v].id));
          const [importedLink, dashboardLink] = [await communityLinkOf(importedRows[v].id), await communityLinkOf(dashboardRows[v].id)];
          expect(importedLink.community_id, what).toEqual(dashboardLink.community_id);
          expect(importedLink.published_at === null, what).toBe(v === 0);
        }
        expect(importedRows[0].import_key).toMatch(/^[0-9a-f]{64}$/);
      }
      // A community's draft lists its ledgers in order 1, 2, …, imported or not; a published
      // link keeps its draft link's order, as publishing copies it.
      const links = await rows.all(`select l.community_id, l.ledger_ord, m.document_id, m.published_at from ledgers_community_lnk l join ledgers m on m.id = l.ledger_id order by l.community_id, l.ledger_ord`);
      const draftOrders = new Map<unknown, number[]>();
      const orderOfDraft = new Map<unknown, number>();
      for (const l of links.filter((l) => l.published_at === null)) {
        draftOrders.set(l.community_id, [...(draftOrders.get(l.community_id) ?? []), Number(l.ledger_ord)]);
        orderOfDraft.set(l.document_id, Number(l.ledger_ord));
      }
      for (const list of draftOrders.values()) expect(list).toEqual(list.map((_, i) => i + 1));
      for (const l of links.filter((l) => l.published_at !== null)) expect(Number(l.ledger_ord), String(l.document_id)).toBe(orderOfDraft.get(l.document_id));
    });

    it('serves the imported published ledger to the build token exactly as the dashboard one, and neither draft', async () => {
      const query = `query ($d: ID!) { ledger(documentId: $d) { title activityDate serviceFocus serviceTypes { kind } teamTypes { kind } volunteersCount peopleServed serviceHours place description community { documentId name divisionCode } } }`;
      const read = async (documentId: string) => {
        const r = await graphql(cms.url, query, cms.buildToken, { d: documentId });
        expect(r.json.errors, JSON.stringify(r.json.errors)).toBeUndefined();
        return r.json.data.ledger;
      };
      const dashboard = await read(ids.dashboardPublished);
      expect(dashboard.community.documentId).toBe(communityIds[HEPING]);
      expect(await read(ids.importedPublished)).toEqual({ ...dashboard, title: '导入发布台账' });
      expect(await read(ids.dashboardDraft)).toBeNull();
      expect(await read(ids.importedDraft)).toBeNull();
    });

    it('lets an editor update and republish the imported ledger, and publish the imported draft', async () => {
      const opened = await admin.call('GET', `/content-manager/collection-types/${LEDGER}/${ids.importedDraft}`);
      expect(opened.status).toBe(200);
      expect(opened.json.data.community.count).toBe(1);
      expect(opened.json.meta.availableStatus).toEqual([]);
      const updated = await admin.update(LEDGER, ids.importedPublished, { title: '导入发布台账已修改', serviceTypes: [{ kind: 'legal_aid' }] });
      expect(updated.status, JSON.stringify(updated.json)).toBe(200);
      expect((await admin.publish(LEDGER, ids.importedPublished)).status).toBe(200);
      expect((await admin.publish(LEDGER, ids.importedDraft)).status).toBe(200);
      const r = await graphql(cms.url, `query ($a: ID!, $b: ID!) { a: ledger(documentId: $a) { title serviceTypes { kind } community { documentId } } b: ledger(documentId: $b) { title teamTypes { kind } community { documentId } } }`, cms.buildToken, { a: ids.importedPublished, b: ids.importedDraft });
      expect(r.json.errors).toBeUndefined();
      expect(r.json.data.a).toEqual({ title: '导入发布台账已修改', serviceTypes: [{ kind: 'legal_aid' }], community: { documentId: communityIds[HEPING] } });
      expect(r.json.data.b).toEqual({ title: '导入草稿台账', teamTypes: [{ kind: 'party_member' }], community: { documentId: communityIds[HEPING] } });
    });
  });
});
