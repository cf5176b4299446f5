import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAstroBuild, serveSiteFolder } from '../../scripts/lib/build-and-serve-site.ts';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { adminApi, graphql } from '../support/admin-api.ts';
import { formatViolation, horizontalOverflow, runAxe } from '../support/browser-checks.ts';
import { startCms, TEST_ADMIN, type RunningCms } from '../support/start-cms.ts';
import { validateHtml } from '../support/static-checks.ts';

const HELP = 'api::help-request.help-request';
const RATE_LIMIT = 6;

// Help requests end to end: one CMS (no demo content, so the build is quick), the site built
// from it and served, real Chromium submitting the built form with and without JavaScript, and
// hostile submissions straight at the receiver. Each hostile case comes from its own address
// (X-Forwarded-For, trusted here as behind nginx) so the rate limit is tested on its own.
describe('help requests', () => {
  let cms: RunningCms;
  let admin: ReturnType<typeof adminApi>;
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };
  const siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-help-site-'));
  let formToken = '';
  let submitUrl = '';
  let address = 0;
  // Strapi's webhooks land here (standing in for the publisher) to see what they carry.
  const webhooks: string[] = [];
  const hookServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      webhooks.push(body);
      res.writeHead(202).end();
    });
  });
  const nextAddress = () => `203.0.113.${(address += 1)}`;

  const reader = { name: '测试求助人王阿姨', contact: '13912345678', place: '武汉市江岸区测试社区', description: '家中独居老人需要每周上门陪护和代购生活用品，谢谢。' };

  const build = (outDir: string) => runAstroBuild({ cmsUrl: cms.url, buildTokenFile: cms.buildTokenFile, outDir, siteUrl: site.url });
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(submitUrl, { method: 'POST', redirect: 'manual', headers: { 'x-forwarded-for': nextAddress(), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers }, body });
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const stored = async () => {
    const r = await admin.list(HELP, 'page=1&pageSize=100&sort=id:asc');
    return r.json.results as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const signToken = (issuedAt: number) => {
    const secret = fs.readFileSync(path.join(cms.dataDir, 'help-form-secret'), 'utf8').trim();
    const payload = `v1.${issuedAt.toString(36)}.testnonce`;
    return `${payload}.${crypto.createHmac('sha256', secret).update(payload).digest('base64url')}`;
  };
  const fillForm = async (page: Page, who: typeof reader) => {
    await page.getByLabel('称呼').fill(who.name);
    await page.getByLabel('联系方式').fill(who.contact);
    await page.getByLabel('所在社区或地点').fill(who.place);
    await page.getByLabel('老年人').check();
    await page.getByLabel('需要什么帮助').fill(who.description);
  };

  beforeAll(async () => {
    // The site's address first: the CMS sends readers without JavaScript back to it.
    site = await serveSiteFolder(siteDir, '127.0.0.1', () => cms.url);
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hookServer.address() as net.AddressInfo).port}/hooks/strapi`;
    cms = await startCms({
      env: { SHEQU_DEMO_CONTENT: 'none', SITE_URL: site.url, CMS_TRUST_PROXY: 'true', HELP_REQUEST_RATE_LIMIT: String(RATE_LIMIT), SHEQU_WEBHOOK_URL: hookUrl, SHEQU_WEBHOOK_SECRET: 'test-secret' },
    });
    admin = adminApi(cms.url);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    await build(siteDir);
    const html = fs.readFileSync(path.join(siteDir, 'help', 'index.html'), 'utf8');
    formToken = /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
    submitUrl = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '';
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await cms?.stop();
    hookServer.close();
    fs.rmSync(siteDir, { recursive: true, force: true });
  });

  it('builds a help page whose form posts to the CMS with a signed build-time token', () => {
    expect(submitUrl).toBe(`${cms.url}/api/help-requests/submit`);
    expect(formToken).toMatch(/^v1\.[0-9a-z]+\.[\w-]+\.[\w-]+$/);
    const home = fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8');
    expect(home).toContain('href="/help/"');
  });

  it('has accessible, valid help pages in both reading modes, without sideways scrolling at 360 px', async () => {
    const problems = validateHtml(siteDir, ['/help/', '/help/sent/']);
    // axe is injected as an inline script, which the site's CSP rightly blocks.
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    try {
      for (const mode of ['normal', 'elderly'] as const) {
        await page.goto(`${site.url}/help/`);
        if (mode === 'elderly') await page.evaluate(() => document.documentElement.classList.add('elder'));
        for (const v of await runAxe(page)) problems.push(formatViolation(`/help/ (${mode})`, v));
        const overflow = await horizontalOverflow(page);
        if (overflow.culprit) problems.push(`/help/ (${mode}) scrolls sideways: ${overflow.culprit}`);
      }
    } finally {
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('takes a request from a reader without JavaScript and sends them to /help/sent/', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${site.url}/help/`);
      await fillForm(page, reader);
      await Promise.all([page.waitForURL(`${site.url}/help/sent/`), page.getByRole('button', { name: '提交求助' }).click()]);
      await expect(page.locator('h1').textContent()).resolves.toBe('已收到您的求助');
    } finally {
      await context.close();
    }
    const entry = (await stored()).find((r) => r.name === reader.name);
    expect(entry).toMatchObject({ contact: reader.contact, place: reader.place, kind: 'elderly', handlingStatus: 'new', description: reader.description });
    expect(entry?.submittedAt).toBeTruthy();
    expect(entry?.clientHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('shows the answer inline when JavaScript runs, across origins', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${site.url}/help/`);
      await fillForm(page, { ...reader, name: '脚本求助人', contact: 'helper@example.org' });
      await page.getByRole('button', { name: '提交求助' }).click();
      await expect(page.locator('[data-help-result]')).toBeDefined();
      await page.waitForFunction(() => document.querySelector('[data-help-result]')?.textContent?.includes('已收到您的求助'));
      expect(page.url()).toBe(`${site.url}/help/`);
      // Field errors from the CMS appear next to their fields.
      await page.getByLabel('称呼').fill('某人');
      await page.getByLabel('联系方式').fill('not a phone');
      await page.getByLabel('所在社区或地点').fill('某地');
      await page.getByLabel('其他').check();
      await page.getByLabel('需要什么帮助').fill('需要帮助需要帮助需要帮助');
      await page.getByRole('button', { name: '提交求助' }).click();
      await page.waitForFunction(() => !document.querySelector('[data-error-for="contact"]')?.hasAttribute('hidden'));
      expect(await page.locator('[data-error-for="contact"]').textContent()).toContain('手机号码');
      expect(await page.getByLabel('联系方式').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('需要什么帮助').inputValue()).toBe('需要帮助需要帮助需要帮助');
    } finally {
      await page.close();
    }
    expect((await stored()).some((r) => r.name === '脚本求助人' && r.handlingStatus === 'new')).toBe(true);
  });

  it('sends webhooks about help requests without any personal data', async () => {
    await vi.waitFor(() => expect(webhooks.some((w) => w.includes('"model":"help-request"'))).toBe(true), { timeout: 30_000 });
    for (const body of webhooks.filter((w) => w.includes('help-request'))) {
      for (const personal of [reader.name, reader.contact, reader.place, reader.description, 'helper@example.org']) expect(body).not.toContain(personal);
    }
  });

  it('keeps help requests from the build token, from anonymous callers and from REST', async () => {
    for (const token of [cms.buildToken, undefined]) {
      const list = await graphql(cms.url, '{ helpRequests { documentId name contact } }', token);
      expect(list.json.data?.helpRequests ?? null).toBeNull();
      expect(list.json.errors ?? list.json.error).toBeTruthy();
      const type = await graphql(cms.url, '{ __type(name: "HelpRequest") { name } }', token);
      expect(type.json.data?.__type ?? null).toBeNull();
      for (const url of [`${cms.url}/api/help-requests`, `${cms.url}/api/help-requests/submit`]) {
        const rest = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
        expect([403, 404, 405]).toContain(rest.status);
      }
    }
    const anonymous = await graphql(cms.url, '{ helpRequestFigures { received } }');
    expect(anonymous.json.data?.helpRequestFigures ?? null).toBeNull();
    const build = await graphql(cms.url, '{ helpRequestFigures { received byKind { key received } } }', cms.buildToken);
    expect(build.json.data.helpRequestFigures.received).toBe(2);
  });

  it('refuses a body over the size limit (413), a wrong content type (415), and no token (400)', async () => {
    const huge = form({ formToken, ...reader, kind: 'other', description: '长'.repeat(5000) });
    expect((await post(huge)).status).toBe(413);
    expect((await post(JSON.stringify({ ...reader, formToken }), { 'content-type': 'text/plain' })).status).toBe(415);
    const missing = await post(form({ ...reader, kind: 'other' }));
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors[0].message).toContain('刷新');
  });

  it('refuses a tampered token and an expired one (403)', async () => {
    const tampered = formToken.replace(/\.([0-9a-z]+)\./, (_, t: string) => `.${(parseInt(t, 36) + 1000).toString(36)}.`);
    expect((await post(form({ formToken: tampered, ...reader, kind: 'other' }))).status).toBe(403);
    const expired = signToken(Date.now() - 8 * 24 * 3600e3);
    const r = await post(form({ formToken: expired, ...reader, kind: 'other' }));
    expect(r.status).toBe(403);
    expect((await r.json()).errors[0].message).toContain('过期');
    // The same signature scheme with a fresh time is accepted: the refusals above are about age and tampering.
    const fresh = await post(form({ formToken: signToken(Date.now()), ...reader, name: '新令牌求助人', kind: 'other' }));
    expect(fresh.status).toBe(201);
  });

  it('refuses the same submission with the same token again (409), storing it once', async () => {
    const body = form({ formToken, ...reader, name: '重复提交人', kind: 'hardship' });
    expect((await post(body)).status).toBe(201);
    const again = await post(body);
    expect(again.status).toBe(409);
    expect((await again.json()).duplicate).toBe(true);
    expect((await stored()).filter((r) => r.name === '重复提交人')).toHaveLength(1);
  });

  it('refuses a filled honeypot and stores nothing', async () => {
    const r = await post(form({ formToken, ...reader, name: '机器人', kind: 'other', website: 'http://spam.example' }));
    expect(r.status).toBe(400);
    expect((await stored()).some((x) => x.name === '机器人')).toBe(false);
  });

  it('names every bad field in Chinese, and without JavaScript shows the reader their own text, escaped', async () => {
    const bad = { formToken, name: '', contact: '12', place: 'x'.repeat(101), kind: 'aliens', description: '<b>短</b>' };
    const json = await post(form(bad));
    expect(json.status).toBe(422);
    const errors = (await json.json()).errors as Array<{ field: string; message: string }>;
    expect(errors.map((e) => e.field).sort()).toEqual(['contact', 'description', 'kind', 'name', 'place']);
    expect(errors.find((e) => e.field === 'name')?.message).toBe('请填写「称呼」');
    const html = await post(form(bad), { accept: 'text/html' });
    expect(html.status).toBe(422);
    const page = await html.text();
    expect(page).toContain('&#60;b&#62;短&#60;/b&#62;');
    expect(page).not.toContain('<b>');
    expect(page).toContain(`${site.url}/help/`);
  });

  it(`answers 429 to an address after ${RATE_LIMIT} attempts within the window`, async () => {
    const flood = { 'x-forwarded-for': '198.51.100.7' };
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 2; i += 1) statuses.push((await post(form({ formToken, ...reader, name: `洪水${i}`, kind: 'other' }), flood)).status);
    expect(statuses.slice(0, RATE_LIMIT).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(RATE_LIMIT)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await post(form({ formToken, ...reader, name: '另一地址', kind: 'minors' }))).status).toBe(201);
  });

  it('lets an editor triage: status, assigned community, notes and a resolution date', async () => {
    const community = await admin.create('api::community.community', { name: '求助测试社区', divisionCode: '420102002003' });
    expect(community.status).toBe(201);
    const entry = (await stored()).find((r) => r.name === reader.name)!;
    const r = await admin.update(HELP, entry.documentId, { handlingStatus: 'resolved', assignedCommunity: { connect: [community.json.data.documentId] }, notes: '已安排志愿者每周二上门。' });
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({ handlingStatus: 'resolved', notes: '已安排志愿者每周二上门。' });
    expect(r.json.data.resolvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const future = await admin.update(HELP, entry.documentId, { resolvedOn: '2999-01-01' });
    expect(future.status).toBe(400);
    // The dashboard lists them newest first, with kind and handling status, under Chinese labels.
    const config = await admin.call('GET', `/content-manager/content-types/${HELP}/configuration`);
    expect(config.json.data.contentType.layouts.list).toEqual(expect.arrayContaining(['kind', 'handlingStatus', 'submittedAt']));
    expect(config.json.data.contentType.settings).toMatchObject({ defaultSortBy: 'submittedAt', defaultSortOrder: 'DESC' });
    expect(config.json.data.contentType.metadatas.handlingStatus.edit.label).toBe('处理状态');
  });

  it('rebuilds a site that shows the counts and no personal data anywhere', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-help-rebuild-'));
    try {
      await build(out);
      const all = await stored();
      const html = fs.readFileSync(path.join(out, 'help', 'index.html'), 'utf8');
      const figures = html.slice(html.indexOf('求助办理情况'));
      expect(figures).toMatch(new RegExp(`<strong[^>]*>${all.length}</strong>收到求助`));
      expect(figures).toMatch(/<strong[^>]*>1<\/strong>已解决/);
      const figuresPage = fs.readFileSync(path.join(out, 'figures', 'index.html'), 'utf8');
      expect(figuresPage).toMatch(new RegExp(`<strong[^>]*>${all.length}</strong>收到求助`));
      const files = fs.readdirSync(out, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
      for (const f of files) {
        const text = fs.readFileSync(path.join(f.parentPath, f.name)).toString('utf8');
        for (const secret of [reader.name, reader.contact, reader.description, 'helper@example.org', '已安排志愿者']) {
          expect(text.includes(secret), `${f.name} contains "${secret}"`).toBe(false);
        }
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
