import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { adminApi } from '../support/admin-api.ts';
import { startCms, TEST_ADMIN, type RunningCms } from '../support/start-cms.ts';

// The dashboard's 导入台账 page as an editor uses it: log in, open the page from the menu,
// upload the committed .xlsx template, read the report.

const repo = path.resolve(import.meta.dirname, '../..');

describe('the dashboard ledger import page', () => {
  let cms: RunningCms;
  let browser: Browser;

  beforeAll(async () => {
    cms = await startCms({ env: { SHEQU_DEMO_CONTENT: 'none', CMS_SERVE_ADMIN: 'true' } });
    const admin = adminApi(cms.url);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const created = await admin.create('api::community.community', { name: '和平社区', divisionCode: '420102002003' });
    await admin.publish('api::community.community', created.json.data.documentId);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await cms?.stop();
  });

  it('imports the template from the menu entry and shows the report in Chinese', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(`${cms.url}/admin/auth/login`);
    await page.fill('input[name="email"]', TEST_ADMIN.email);
    await page.fill('input[name="password"]', TEST_ADMIN.password);
    await page.click('button[type="submit"]');
    await page.getByRole('link', { name: '导入台账' }).click();
    await expect.poll(() => page.url()).toContain('/admin/ledger-import');
    // The file input of this page's own form (the dashboard can hold other file inputs, such as
    // the media library's), chosen again if a re-render of the page dropped it.
    const importButton = page.getByRole('button', { name: '导入', exact: true });
    const fileInput = page.locator('form', { has: importButton }).locator('input[type="file"]');
    await expect
      .poll(
        async () => {
          await fileInput.setInputFiles(path.join(repo, 'docs/ledger-import/台账模板.xlsx'));
          return importButton.isEnabled();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(true);
    await importButton.click();
    const report = page.getByTestId('ledger-import-report');
    await report.waitFor();
    expect(await report.innerText()).toContain('导入 2 行，已存在跳过 0 行，有问题未导入 0 行');
    // The same file again: both rows are already there.
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect.poll(() => report.innerText()).toContain('导入 0 行，已存在跳过 2 行');
    expect(await report.innerText()).toContain('已存在');
  });
});
