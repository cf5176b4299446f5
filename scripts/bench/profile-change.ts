import fs from 'node:fs';
import path from 'node:path';
import { adminClient, expectOk } from '../lib/admin-client.ts';
import { repoRoot } from '../lib/paths.ts';
import { startTemporaryCms } from '../lib/start-temporary-cms.ts';
import { ensureRendererBuilt } from '../publisher/build-renderer.ts';
import { startRenderer, type Renderer } from '../publisher/start-renderer.ts';
import { readSiteData } from './read-site-data.ts';

// Where the time of one incremental change goes, without a publisher or a release: the warm
// renderer's apply (its steps: read, join, index, affected) and the rendering of the pages it
// names, one by one (the slowest shown), for a few articles, ledgers and a community of a
// seeded data folder. Nothing is changed in the CMS: each record is applied as it is, which costs
// what a real change costs. For looking into the incremental path at scale, e.g.
//   SHEQU_DATA_DIR=/tmp/year npm run seed -- --scale year
//   node scripts/launch/with-node.mjs scripts/bench/profile-change.ts /tmp/year [--cold]
// The data the renderer starts from is read once into <folder>-snapshot.json and kept.
// NODE_OPTIONS="--cpu-prof --cpu-prof-dir=…" profiles the renderer too.

const SITE_URL = 'http://127.0.0.1:4321';

async function run(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir || !fs.existsSync(dataDir)) throw new Error('usage: profile-change.ts <seeded data folder> [--cold]');
  // 1. The CMS on the seeded folder, and the snapshot the renderer starts from.
  const cms = await startTemporaryCms({ dataDir, env: { SHEQU_DEMO_CONTENT: 'none' } });
  try {
    const snapshotFile = `${path.resolve(dataDir)}-snapshot.json`;
    if (!fs.existsSync(snapshotFile)) await readSiteData({ cmsUrl: cms.url, token: fs.readFileSync(cms.buildTokenFile, 'utf8').trim(), snapshotFile });
    const snapshot = JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as Record<string, Array<{ documentId: string }>>;
    // 2. The renderer, loaded as the publisher loads it after a full build.
    // Started from the snapshot, as the publisher starts it after a full build (not from a whole read of the CMS).
    const env = { ...process.env, SHEQU_SITE_SNAPSHOT: snapshotFile, CMS_URL: cms.url, CMS_PUBLIC_URL: cms.url, SITE_URL, SHEQU_BUILD_TOKEN_FILE: cms.buildTokenFile, SHEQU_MEDIA_CACHE: path.join(path.resolve(dataDir), 'media-cache'), ASTRO_TELEMETRY_DISABLED: '1' };
    ensureRendererBuilt(env);
    const renderer = await startRenderer({ siteDir: path.join(repoRoot, 'site'), env, onLine: () => {} });
    try {
      // The publisher's warm-up after a start (keep-renderer-warm.ts); --cold leaves it out.
      if (!process.argv.includes('--cold')) {
        const started = performance.now();
        const { pages } = await renderer.control<{ pages: string[] }>('warmup', null);
        await renderer.render(pages);
        console.log(`warm-up: ${pages.length} pages in ${Math.round(performance.now() - started)} ms`);
      }
      // 3. Changes, one at a time.
      const pick = (field: string, n: number) => snapshot[field]![n % snapshot[field]!.length]!.documentId;
      const changes: Array<[string, string]> = [];
      for (let i = 0; i < 4; i++) changes.push(['ledger', pick('ledgers_connection', i * 997)], ['article', pick('articles_connection', i * 991)]);
      changes.push(['community', pick('communities_connection', 5)]);
      for (const [model, documentId] of changes) await profileOne(renderer, model, documentId);
      // Edits the benchmark makes (the newest articles' titles), when the folder has admin credentials.
      const credentials = path.join(dataDir, 'admin-credentials.json');
      if (fs.existsSync(credentials)) {
        const { email, password } = JSON.parse(fs.readFileSync(credentials, 'utf8')) as { email: string; password: string };
        const editor = adminClient(cms.url);
        await editor.login(email, password);
        for (let i = 0; i < 3; i++) {
          const article = snapshot.articles_connection![i]! as unknown as { documentId: string; title: string };
          expectOk('edit', await editor.update('api::article.article', article.documentId, { title: `${article.title.slice(0, 150)}（剖析${Date.now().toString(36)}）` }));
          expectOk('publish', await editor.publish('api::article.article', article.documentId));
          await profileOne(renderer, 'article', article.documentId);
        }
      }
    } finally {
      await renderer.close();
    }
  } finally {
    await cms.stop();
  }
}

async function profileOne(renderer: Renderer, model: string, documentId: string): Promise<void> {
  let started = performance.now();
  const applied = await renderer.control<{ pages: string[]; steps: Record<string, number> }>('apply', { changes: [{ model, documentId }] });
  const applyMs = Math.round(performance.now() - started);
  const times: Array<[number, string]> = [];
  started = performance.now();
  for (const page of applied.pages) {
    const one = performance.now();
    await renderer.render([page], 1);
    times.push([Math.round(performance.now() - one), page]);
  }
  const renderMs = Math.round(performance.now() - started);
  times.sort((a, b) => b[0] - a[0]);
  console.log(`${model}: apply ${applyMs} ms ${JSON.stringify(applied.steps)}, ${applied.pages.length} pages rendered in ${renderMs} ms; slowest ${times.slice(0, 4).map(([ms, p]) => `${p} ${ms} ms`).join(', ')}`);
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
