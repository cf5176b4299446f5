import fs from 'node:fs';
import path from 'node:path';
import { buildAndServeSite, serveSiteFolder } from '../lib/build-and-serve-site.ts';
import { launchChromium } from '../lib/chromium.ts';
import { repoRoot } from '../lib/paths.ts';
import { startTemporaryCms } from '../lib/start-temporary-cms.ts';

// Screenshots of the public site for the docs: home, an article, a community and the figures
// page, each on desktop (1280×900) and mobile (390×844), full page, as <page>-<device>.png.
//
//   node scripts/screenshots/capture-screenshots.ts [outDir] [--site <built folder>]
//
// By default a temporary CMS with the demo content is started and the site is built from it
// (about a minute). With CMS_URL (and SHEQU_BUILD_TOKEN_FILE, default .data/build-token) the
// site is built from that running CMS instead; with --site an existing build is served as is
// (e.g. --site .data/site/current). Exits 1 when one of the pages is missing.

const DEVICES = {
  desktop: { viewport: { width: 1280, height: 900 } },
  mobile: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
} as const;

function firstPage(dir: string, under: string): string | undefined {
  const base = path.join(dir, under);
  if (!fs.existsSync(base)) return undefined;
  const name = fs
    .readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !/^\d+$/.test(e.name) && fs.existsSync(path.join(base, e.name, 'index.html')))
    .map((e) => e.name)
    .sort()[0];
  return name && `/${under}/${name}/`;
}

export async function captureScreenshots(siteUrl: string, siteDir: string, outDir: string): Promise<{ written: string[]; missing: string[] }> {
  const pages: Array<[string, string | undefined]> = [
    ['home', '/'],
    ['article', firstPage(siteDir, 'articles')],
    ['community', firstPage(siteDir, 'communities')],
    ['figures', '/figures/'],
  ];
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const missing: string[] = [];
  const browser = await launchChromium();
  try {
    for (const [device, options] of Object.entries(DEVICES)) {
      const context = await browser.newContext({ ...options, reducedMotion: 'reduce', colorScheme: 'light' });
      const page = await context.newPage();
      for (const [name, urlPath] of pages) {
        if (!urlPath) {
          if (device === 'desktop') missing.push(`${name}: no such page in the build`);
          continue;
        }
        const response = await page.goto(`${siteUrl}${urlPath}`);
        if (response?.status() !== 200) {
          if (device === 'desktop') missing.push(`${name} ${urlPath}: HTTP ${response?.status()}`);
          continue;
        }
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const file = path.join(outDir, `${name}-${device}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { written, missing };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const siteFlag = args.indexOf('--site');
  const prebuilt = siteFlag >= 0 ? args[siteFlag + 1] : undefined;
  if (siteFlag >= 0 && !prebuilt) throw new Error('--site needs a folder');
  const positional = args.filter((a, i) => !a.startsWith('--') && (siteFlag < 0 || i !== siteFlag + 1));
  const outDir = path.resolve(positional[0] ?? path.join(repoRoot, 'docs', 'screenshots'));

  const cleanups: Array<() => Promise<void>> = [];
  try {
    let site: { url: string; dir: string };
    if (prebuilt) {
      const dir = fs.realpathSync(prebuilt);
      const served = await serveSiteFolder(dir);
      cleanups.unshift(served.close);
      site = { url: served.url, dir };
    } else {
      let cmsUrl = process.env.CMS_URL;
      let buildTokenFile = process.env.SHEQU_BUILD_TOKEN_FILE ?? path.join(repoRoot, '.data', 'build-token');
      if (!cmsUrl) {
        console.log('[screenshots] starting a temporary CMS with the demo content …');
        const cms = await startTemporaryCms();
        cleanups.unshift(cms.stop);
        cmsUrl = cms.url;
        buildTokenFile = cms.buildTokenFile;
      }
      console.log(`[screenshots] building the site from ${cmsUrl} …`);
      const built = await buildAndServeSite({ cmsUrl, buildTokenFile });
      cleanups.unshift(built.stop);
      site = built;
    }
    const { written, missing } = await captureScreenshots(site.url, site.dir, outDir);
    for (const file of written) console.log(`[screenshots] wrote ${path.relative(process.cwd(), file) || file}`);
    if (missing.length) {
      console.error(`[screenshots] missing pages, no screenshots taken of:\n  ${missing.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`[screenshots] failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
