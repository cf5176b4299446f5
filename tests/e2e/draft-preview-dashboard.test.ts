import crypto from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { adminApi } from '../support/admin-api.ts';
import { startCms, TEST_ADMIN, type RunningCms } from '../support/start-cms.ts';
import { previewAddress, startPreviewServer, type RunningPreviewServer } from '../support/start-preview-server.ts';

const ARTICLE = 'api::article.article';

// An editor in the real dashboard (Chromium) presses 打开预览 on a draft article: the
// dashboard frames the preview server (the CMS's CSP frame-src and the preview's
// frame-ancestors must both allow it) and the draft shows with the site's layout.
describe('the dashboard preview', () => {
  let cms: RunningCms;
  let preview: RunningPreviewServer;
  let browser: Browser;
  let documentId: string;

  beforeAll(async () => {
    const secret = crypto.randomBytes(24).toString('base64url');
    const address = await previewAddress();
    cms = await startCms({ env: { SHEQU_DEMO_CONTENT: 'none', CMS_SERVE_ADMIN: 'true', SHEQU_PREVIEW_SECRET: secret, PREVIEW_URL: address.url } });
    const api = adminApi(cms.url);
    await api.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const draft = await api.create(ARTICLE, {
      title: '控制台里预览的草稿', channel: 'station_news', editorialDate: '2024-06-01',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: '只有编辑能看到的正文' }] }],
    });
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    documentId = draft.json.data.documentId;
    preview = await startPreviewServer({ cms, port: address.port, secret });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    await cms?.stop();
  });

  it('opens the draft from the edit view in the dashboard frame', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${cms.url}/admin/auth/login`);
      await page.fill('input[name="email"]', TEST_ADMIN.email);
      await page.fill('input[name="password"]', TEST_ADMIN.password);
      await page.click('button[type="submit"]');
      await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
      await page.goto(`${cms.url}/admin/content-manager/collection-types/${ARTICLE}/${documentId}`);
      await page.getByText('打开预览').click({ timeout: 60_000 });
      const frame = page.frameLocator('iframe');
      await expect.poll(() => frame.locator('h1').textContent({ timeout: 30_000 }), { timeout: 30_000 }).toBe('控制台里预览的草稿');
      expect(page.frames().some((f) => f.url().startsWith(`${preview.url}/preview/articles/${documentId}?secret=`))).toBe(true);
      expect(await frame.locator('main').textContent()).toContain('只有编辑能看到的正文');
      expect(await frame.locator('.preview-banner').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
