import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedSite } from '../../scripts/lib/build-and-serve-site.ts';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { ELDER_STORAGE_KEY, ELDER_TOGGLE, elderState, formatViolation, horizontalOverflow, rootFontPx, runAxe, scriptInventory, touchTargets } from '../support/browser-checks.ts';
import { CHANNELS, describePage, firstHeading, htmlFiles, pathOfFile, presentPages, samplePages, type PageType } from '../support/site-pages.ts';
import { siteUnderTest } from '../support/site-under-test.ts';
import { brokenInternalLinks, checkFeeds, checkSitemap, validateHtml } from '../support/static-checks.ts';

// The public site as readers get it: a real CMS with the demo content, a real `astro build`,
// the production site server, and Debian's Chromium. One build serves every check below.
// A page type the build does not contain yet fails the checks that need it, named at the end
// of the failure message.

let site: ServedSite;
let browser: Browser;
let types: PageType[];
let present: Array<PageType & { path: string }>;
let missing: string[];

const MOBILE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, hasTouch: true, isMobile: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const MIN_TARGET = 44; // px, in one dimension …
const MIN_OTHER = 24; // … and at least WCAG 2.5.8's minimum in the other
const ELDER_SCRIPT_BUDGET = 1500; // bytes, the one script of a reading page
const ELDER_SCRIPT = /^\/_astro\/elder-mode\.[\w-]+\.js$/;
const ARTICLE_BUDGET = 50 * 1024; // bytes gzip: HTML + CSS + JS

beforeAll(async () => {
  site = await siteUnderTest();
  browser = await launchChromium();
  types = samplePages(site.dir);
  ({ present, missing } = presentPages(site.dir, types));
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

// Fails with every problem on its own line; pages missing from the build are named last.
function expectNoProblems(problems: string[], options: { skipped?: string[] } = {}) {
  const skipped = options.skipped ?? missing;
  const lines = [...problems];
  if (skipped.length) lines.push(`not checked, no such page in the build (see the first test): ${skipped.join(', ')}`);
  if (lines.length) expect.fail(`${problems.length} problem(s)${skipped.length ? ` and ${skipped.length} page type(s) missing` : ''}:\n  ${lines.join('\n  ')}`);
}

async function withPage<T>(options: BrowserContextOptions, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

const pathname = (page: Page) => new URL(page.url()).pathname;

async function open(page: Page, p: string): Promise<number> {
  const response = await page.goto(`${site.url}${p}`);
  return response?.status() ?? 0;
}

// Turns elderly mode on with the header button on the home page; the choice then applies to
// every page of the context. Returns a problem, or undefined when it worked.
async function switchElderOn(page: Page): Promise<string | undefined> {
  await open(page, '/');
  const toggle = page.locator(ELDER_TOGGLE);
  if ((await toggle.count()) !== 1) return `the home page has ${await toggle.count()} ${ELDER_TOGGLE} (expected 1), so elderly mode could not be switched on`;
  await toggle.click();
  return (await elderState(page)).htmlClass ? undefined : `clicking ${ELDER_TOGGLE} did not add class "elder" to <html>`;
}

describe('the public site in Chromium', () => {
  it('renders every page type with status 200, lang zh-CN, exactly one h1 and a title', async () => {
    const problems: string[] = [];
    await withPage(DESKTOP, async (page) => {
      for (const t of types) {
        if (!t.path) {
          problems.push(`${t.name}: no page matching ${t.contract} in the build`);
          continue;
        }
        const status = await open(page, t.path);
        if (status !== 200) {
          problems.push(`${describePage(t)}: HTTP ${status}${status === 404 ? ' (not in the build)' : ''}`);
          continue;
        }
        const facts = await page.evaluate(() => ({ lang: document.documentElement.getAttribute('lang'), h1: document.querySelectorAll('h1').length, title: document.title.trim() }));
        if (facts.lang !== 'zh-CN') problems.push(`${describePage(t)}: <html lang="${facts.lang}">, expected zh-CN`);
        if (facts.h1 !== 1) problems.push(`${describePage(t)}: ${facts.h1} <h1> elements, expected exactly 1`);
        if (!facts.title) problems.push(`${describePage(t)}: empty or missing <title>`);
      }
    });
    expectNoProblems(problems, { skipped: [] });
  });

  it('answers an unknown address with status 404 and the 404 page', async () => {
    const res = await fetch(`${site.url}/no-such-page-${Date.now()}/`);
    const body = await res.text();
    expect(res.status).toBe(404);
    expect(body, 'the body of a 404 answer should be /404.html').toBe(fs.readFileSync(path.join(site.dir, '404.html'), 'utf8'));
  });

  it('leads from the home page to each channel page through the main navigation', async () => {
    const problems: string[] = [];
    await withPage(DESKTOP, async (page) => {
      for (const channel of CHANNELS) {
        const href = `/channels/${channel}/`;
        await open(page, '/');
        const link = page.locator(`header nav.main a[href="${href}"]`);
        if ((await link.count()) !== 1) {
          problems.push(`home page: ${await link.count()} links to ${href} in header nav.main, expected 1`);
          continue;
        }
        const [response] = await Promise.all([page.waitForEvent('response', (r) => r.request().isNavigationRequest()), link.click()]);
        await page.waitForLoadState();
        if (pathname(page) !== href || response.status() !== 200) problems.push(`clicking ${href} in nav.main reached ${pathname(page)} with HTTP ${response.status()}`);
      }
    });
    expectNoProblems(problems, { skipped: [] });
  });

  it('leads from an article to its channel and from a ledger to its community', async () => {
    const problems: string[] = [];
    const article = types.find((t) => t.name === 'article')?.path;
    const ledger = types.find((t) => t.name === 'ledger')?.path;
    await withPage(DESKTOP, async (page) => {
      const follow = async (from: string | undefined, what: string, selector: string, pattern: RegExp) => {
        if (!from) return problems.push(`no ${what} page in the build to start from`);
        const status = await open(page, from);
        if (status !== 200) return problems.push(`${from}: HTTP ${status}`);
        const link = page.locator(selector).first();
        if ((await link.count()) === 0) return problems.push(`${from}: no link matching ${selector}`);
        const href = (await link.getAttribute('href')) ?? '';
        const [response] = await Promise.all([page.waitForEvent('response', (r) => r.request().isNavigationRequest()), link.click()]);
        await page.waitForLoadState();
        if (response.status() !== 200 || pathname(page) !== href || !pattern.test(href)) problems.push(`${from}: following ${selector} (${href}) reached ${pathname(page)} with HTTP ${response.status()}`);
      };
      await follow(article, 'article', 'main a[href^="/channels/"]', /^\/channels\/[a-z-]+\/$/);
      await follow(ledger, 'ledger', 'main a[href^="/communities/"]', /^\/communities\/[^/]+\/$/);
    });
    expectNoProblems(problems, { skipped: [] });
  });

  it('switches elderly mode on and off with the header button, remembering it across pages and reloads', async () => {
    const article = present.find((t) => t.name === 'article')?.path ?? '/about/';
    await withPage(DESKTOP, async (page) => {
      expect(await open(page, '/'), 'home page status').toBe(200);
      const toggle = page.locator(ELDER_TOGGLE);
      expect(await toggle.count(), `expected one ${ELDER_TOGGLE} on the home page`).toBe(1);
      const before = await elderState(page);
      expect(before, 'before the first click elderly mode is off').toMatchObject({ htmlClass: false, pressed: 'false' });

      await toggle.click();
      const on = await elderState(page);
      expect(on.htmlClass, 'after the click <html> has class "elder"').toBe(true);
      expect(on.pressed, 'after the click the button has aria-pressed="true"').toBe('true');
      expect(on.rootFontPx, `the root font size grows (was ${before.rootFontPx}px)`).toBeGreaterThan(before.rootFontPx);
      expect(on.stored, `localStorage["${ELDER_STORAGE_KEY}"] is set`).not.toBeNull();

      expect(await open(page, article), `${article} status`).toBe(200);
      expect(await elderState(page), `elderly mode persists on ${article}`).toMatchObject({ htmlClass: true, pressed: 'true' });
      await page.reload();
      const reloaded = await elderState(page);
      expect(reloaded, `elderly mode persists after reloading ${article}`).toMatchObject({ htmlClass: true, pressed: 'true' });
      expect(reloaded.rootFontPx).toBeGreaterThan(before.rootFontPx);

      await page.locator(ELDER_TOGGLE).click();
      const off = await elderState(page);
      expect(off, 'a second click turns elderly mode off').toMatchObject({ htmlClass: false, pressed: 'false', rootFontPx: before.rootFontPx });
      await page.reload();
      expect(await elderState(page), 'off survives a reload').toMatchObject({ htmlClass: false, pressed: 'false' });
    });
  });

  it('turns the elderly styles on without JavaScript through the #elder fragment', async () => {
    const problems: string[] = [];
    const article = present.find((t) => t.name === 'article')?.path;
    await withPage({ ...DESKTOP, javaScriptEnabled: false }, async (page) => {
      for (const p of ['/', ...(article ? [article] : [])]) {
        await open(page, p);
        const plain = await rootFontPx(page);
        await page.goto('about:blank');
        await open(page, `${p}#elder`);
        const elder = await rootFontPx(page);
        if (!(elder > plain)) problems.push(`${p}#elder with JavaScript off: root font size ${elder}px, not larger than ${plain}px without the fragment`);
      }
    });
    expectNoProblems(problems, { skipped: article ? [] : ['article'] });
  });

  it('never scrolls horizontally at 360 px on any page type, in normal or elderly mode', async () => {
    const problems: string[] = [];
    for (const mode of ['normal', 'elderly'] as const) {
      await withPage(MOBILE, async (page) => {
        if (mode === 'elderly') {
          const problem = await switchElderOn(page);
          if (problem) return problems.push(`elderly mode: ${problem}`);
        }
        for (const t of present) {
          await open(page, t.path);
          if (mode === 'elderly' && !(await elderState(page)).htmlClass) problems.push(`${describePage(t)}: elderly mode is not on after switching it on on the home page`);
          const { width, culprit } = await horizontalOverflow(page);
          if (width > 360) problems.push(`${describePage(t)} (${mode} mode): scrollWidth ${width} px > 360 px${culprit ? `; widest overflowing element ${culprit}` : ''}`);
        }
      });
    }
    expectNoProblems(problems);
  });

  it(`gives every link and button in the header and navigation a touch target of at least ${MIN_TARGET} px`, async () => {
    const offenders = new Map<string, string[]>();
    await withPage(MOBILE, async (page) => {
      for (const t of present) {
        await open(page, t.path);
        for (const target of await touchTargets(page)) {
          const big = Math.max(target.width, target.height);
          const small = Math.min(target.width, target.height);
          if (big >= MIN_TARGET && small >= MIN_OTHER) continue;
          const key = `${target.selector} “${target.text}”: ${target.width}×${target.height} px`;
          offenders.set(key, [...(offenders.get(key) ?? []), t.path]);
        }
      }
    });
    const problems = [...offenders].map(([key, pages]) => `${key} on ${pages.slice(0, 3).join(', ')}${pages.length > 3 ? ` and ${pages.length - 3} more` : ''}`);
    if (problems.length) problems.unshift(`(a target needs ≥ ${MIN_TARGET} px in one dimension and ≥ ${MIN_OTHER} px in the other, measured at 360 px width)`);
    expectNoProblems(problems);
  });

  it('finds 空巢老人, 志愿服务, a community name and 湖北省 on the search page', async () => {
    const community = present.find((t) => t.name === 'community');
    const communityName = community ? firstHeading(site.dir, community.path) : undefined;
    const queries = ['空巢老人', '志愿服务', ...(communityName ? [communityName] : []), '湖北省'];
    const problems: string[] = communityName ? [] : ['no community page with an <h1> in the build to take a community name from'];
    await withPage(DESKTOP, async (page) => {
      for (const q of queries) {
        const status = await open(page, `/search/?q=${encodeURIComponent(q)}`);
        if (status !== 200) {
          problems.push(`/search/ answers HTTP ${status}`);
          break;
        }
        const results = page.locator('a.pagefind-ui__result-link');
        await results.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
        const count = await results.count();
        if (count === 0) problems.push(`/search/?q=${q}: no a.pagefind-ui__result-link after 15 s`);
      }
    });
    expectNoProblems(problems, { skipped: [] });
  });

  it('loads Pagefind on the search page only', async () => {
    const problems: string[] = [];
    // Every built page: no script, stylesheet or other reference to Pagefind's files or code
    // (data-pagefind-* attributes that mark what to index are fine).
    for (const rel of htmlFiles(site.dir)) {
      if (rel === 'search/index.html') continue;
      const html = fs.readFileSync(path.join(site.dir, rel), 'utf8');
      const refs = [...html.matchAll(/<script\b[^>]*>[\s\S]*?<\/script>|<link\b[^>]*>|\s(?:src|href)\s*=\s*["']?[^"'\s>]*pagefind[^"'\s>]*/gi)].filter((m) => /pagefind/i.test(m[0]));
      if (refs.length) problems.push(`${pathOfFile(rel)} references Pagefind: ${refs[0][0].replace(/\s+/g, ' ').trim().slice(0, 100)}`);
    }
    // And in the browser: no request for anything of Pagefind's.
    await withPage(DESKTOP, async (page) => {
      let current = '';
      page.on('request', (r) => {
        if (/pagefind/i.test(r.url())) problems.push(`${current} requests ${new URL(r.url()).pathname}`);
      });
      for (const t of present) {
        if (t.name === 'search') continue;
        current = t.path;
        await open(page, t.path);
      }
    });
    expectNoProblems(problems.slice(0, 30));
  });

  it('runs no JavaScript on reading pages except the small elderly-mode switch, and no inline script at all', async () => {
    const problems: string[] = [];
    await withPage(DESKTOP, async (page) => {
      let current = '';
      page.on('request', (r) => {
        const p = r.url().replace(site.url, '');
        if (r.resourceType() === 'script' && !ELDER_SCRIPT.test(p)) problems.push(`${current} loads the script ${p}`);
      });
      for (const t of present) {
        if (t.name === 'search') continue;
        current = describePage(t);
        await open(page, t.path);
        const scripts = await scriptInventory(page);
        if (scripts.external.length !== 1 || !ELDER_SCRIPT.test(scripts.external[0])) problems.push(`${current} has <script src> ${JSON.stringify(scripts.external)}, expected only /_astro/elder-mode.*.js`);
        if (scripts.inlineCount) problems.push(`${current}: ${scripts.inlineCount} inline script(s) (${scripts.inlineBytes} bytes); the CSP allows none`);
      }
    });
    const elder = fs.readdirSync(path.join(site.dir, '_astro')).filter((f) => ELDER_SCRIPT.test(`/_astro/${f}`));
    for (const f of elder) {
      const size = fs.statSync(path.join(site.dir, '_astro', f)).size;
      if (size >= ELDER_SCRIPT_BUDGET) problems.push(`/_astro/${f} is ${size} bytes ≥ ${ELDER_SCRIPT_BUDGET}`);
    }
    expectNoProblems([...new Set(problems)]);
  });

  it('keeps an article page with its CSS and JavaScript within 50 KB gzip-compressed', async () => {
    const article = present.find((t) => t.name === 'article');
    if (!article) return expectNoProblems([], { skipped: ['/articles/<slug>/'] });
    const urls = new Set<string>();
    await withPage(DESKTOP, async (page) => {
      page.on('request', (r) => {
        if (['document', 'stylesheet', 'script'].includes(r.resourceType()) && r.url().startsWith(site.url)) urls.add(r.url().replace(/#.*$/, ''));
      });
      await open(page, article.path);
      // Also what the HTML references but the browser did not need to fetch (e.g. print CSS).
      for (const href of await page.evaluate(() => [...document.querySelectorAll('link[rel~="stylesheet"][href], link[rel="modulepreload"][href], script[src]')].map((e) => (e as HTMLLinkElement).href || (e as HTMLScriptElement).src))) {
        if (href.startsWith(site.url)) urls.add(href);
      }
    });
    const parts: Array<{ url: string; raw: number; gzip: number }> = [];
    for (const url of urls) {
      const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.status, `${url} status`).toBe(200);
      parts.push({ url: url.replace(site.url, ''), raw: body.length, gzip: gzipSync(body).length });
    }
    const total = parts.reduce((s, p) => s + p.gzip, 0);
    const breakdown = parts.map((p) => `${p.url}: ${p.raw} B, ${p.gzip} B gzip`).join('; ');
    expect(total, `${article.path} weighs ${total} B gzip (${breakdown})`).toBeLessThanOrEqual(ARTICLE_BUDGET);
  });

  for (const mode of ['normal', 'elderly'] as const) {
    it(`has no axe-core WCAG 2.1 A/AA violations on any page type in ${mode} mode`, async () => {
      const problems: string[] = [];
      // axe-core is injected as an inline script, which the site's CSP rightly refuses.
      await withPage({ ...DESKTOP, bypassCSP: true }, async (page) => {
        if (mode === 'elderly') {
          const problem = await switchElderOn(page);
          if (problem) return problems.push(problem);
        }
        for (const t of present) {
          await open(page, t.path);
          for (const v of await runAxe(page)) problems.push(formatViolation(describePage(t), v));
        }
      });
      expectNoProblems(problems);
    });
  }
});

describe('the Content-Security-Policy in Chromium', () => {
  it('comes with the other security headers and Chromium reports no violation on the home page, an article, a search with results and in elderly mode', async () => {
    const problems: string[] = [];
    const article = present.find((t) => t.name === 'article');
    const context = await browser.newContext(DESKTOP);
    try {
      // Both ways Chromium reports a violation: the DOM event (page scripts, styles, fetches)
      // and the console (everything, WebAssembly compilation included).
      await context.addInitScript(() => {
        const w = window as unknown as { cspViolations: string[] };
        w.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'an inline script or style'} in ${e.sourceFile || 'the page'}`));
      });
      const page = await context.newPage();
      let step = '';
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`${step}: console: ${m.text().slice(0, 200)}`);
      });
      const collect = async () => {
        for (const v of await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)) problems.push(`${step}: ${v}`);
      };

      // 1. The headers, on the home page.
      step = '/';
      const home = await page.goto(`${site.url}/`);
      const h = home?.headers() ?? {};
      const csp = h['content-security-policy'] ?? '';
      if (!/(^|;)\s*script-src 'self'(;|$)/.test(csp)) problems.push(`/: Content-Security-Policy without script-src 'self' alone: "${csp}"`);
      if (!/frame-ancestors 'none'/.test(csp)) problems.push(`/: Content-Security-Policy without frame-ancestors 'none'`);
      if (/unsafe-inline/.test(csp)) problems.push(`/: Content-Security-Policy allows 'unsafe-inline'`);
      if (h['x-content-type-options'] !== 'nosniff') problems.push(`/: X-Content-Type-Options is ${h['x-content-type-options']}`);
      if (!h['referrer-policy']) problems.push('/: no Referrer-Policy');
      await collect();

      // 2. An article.
      if (article) {
        step = article.path;
        await open(page, article.path);
        await collect();
      } else problems.push('no article page in the build');

      // 3. A search, which must still find something.
      step = '/search/?q=志愿服务';
      await open(page, `/search/?q=${encodeURIComponent('志愿服务')}`);
      const results = page.locator('a.pagefind-ui__result-link');
      await results.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
      if ((await results.count()) === 0) problems.push(`${step}: no search results after 15 s`);
      await collect();

      // 4. Elderly mode switched on, then a reading page in it.
      step = 'elderly mode';
      const failed = await switchElderOn(page);
      if (failed) problems.push(failed);
      await collect();
      if (article) {
        step = `${article.path} in elderly mode`;
        await open(page, article.path);
        if (!(await elderState(page)).htmlClass) problems.push(`${step}: <html> lacks class "elder" after switching it on`);
        await collect();
      }
    } finally {
      await context.close();
    }
    expectNoProblems(problems, { skipped: [] });
  });
});

describe('the built site folder', () => {
  it('passes the Nu Html Checker on one page of each type', () => {
    expectNoProblems(validateHtml(site.dir, present.map((t) => t.path)));
  });

  it('has no inline script, style element, style attribute or event-handler attribute on any page (the CSP allows none)', () => {
    const problems: string[] = [];
    for (const rel of htmlFiles(site.dir)) {
      const html = fs.readFileSync(path.join(site.dir, rel), 'utf8');
      for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
        const inlineScript = /^<script\b/i.test(tag) && !/\ssrc=/i.test(tag) && !/\stype="?application\/(ld\+)?json/i.test(tag);
        if (inlineScript || /^<style\b/i.test(tag) || /\sstyle=|\son[a-z]+=/i.test(tag)) problems.push(`${pathOfFile(rel)}: ${tag.slice(0, 100)}`);
      }
    }
    expectNoProblems(problems.slice(0, 20), { skipped: [] });
  });

  it('has no internal link or resource reference to a missing file', () => {
    const { count, pages, broken } = brokenInternalLinks(site.dir, site.url);
    const shown = broken.slice(0, 20);
    if (count > shown.length) shown.push(`… ${count - shown.length} more broken link(s) in ${pages} pages`);
    expectNoProblems(shown, { skipped: [] });
  });

  it('publishes every feed as RSS 2.0 with a title, a link and dated items', () => {
    expectNoProblems(checkFeeds(site.dir).problems, { skipped: [] });
  });

  it('lists every public page in the sitemap and nothing else', () => {
    const { problems } = checkSitemap(site.dir);
    const robots = fs.existsSync(path.join(site.dir, 'robots.txt')) ? fs.readFileSync(path.join(site.dir, 'robots.txt'), 'utf8') : '';
    if (!/^Sitemap:\s*\S+\/sitemap-index\.xml\s*$/m.test(robots)) problems.push('/robots.txt does not point at /sitemap-index.xml');
    expectNoProblems(problems, { skipped: [] });
  });
});
