import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ensureProjectReady } from '../launch/install-project.ts';
import { adminClient, expectOk } from '../lib/admin-client.ts';
import { freePort } from '../lib/free-port.ts';
import { sitePaths } from '../lib/paths.ts';
import { startTemporaryCms, type TemporaryCms } from '../lib/start-temporary-cms.ts';
import { listReleases } from '../publisher/read-release.ts';
import { compareBuilds } from './compare-builds.ts';
import { measurePublishToLive, startPublisher, type PublishTarget } from './measure-publish-to-live.ts';
import { parseBenchArguments } from './parse-bench-arguments.ts';
import { readSiteData } from './read-site-data.ts';
import { measureSearchShard } from './measure-search-shard.ts';
import { seedDataFolder } from './seed-data-folder.ts';
import { round } from './time-site-build.ts';
import { formatBenchTable, writeBenchResults, type BenchResults } from './write-bench-results.ts';

// `npm run bench`: the system as it is, measured in one run on one machine — bulk seeding,
// GraphQL reads, a full site build against a baseline build from a local JSON snapshot, and
// publish-to-live per kind of change — into bench/results.json and a table. Everything runs on
// a fresh temporary data folder and free ports; the portal's own .data is never touched.
// What each figure means: bench/README.md.

const log = (line: string) => console.error(`[bench] ${line}`);

const nodeSchema = z.object({ documentId: z.string(), slug: z.string(), title: z.string() });

function publishTarget(snapshot: Record<string, unknown>, edits: number): PublishTarget {
  const articles = z.array(nodeSchema).parse(snapshot.articles_connection).slice(0, 2 * edits);
  const community = z.array(z.object({ documentId: z.string() })).parse(snapshot.communities_connection)[0];
  if (!community) throw new Error('the seeded CMS has no published community');
  return { articles, communityDocumentId: community.documentId };
}

async function run(): Promise<void> {
  const options = parseBenchArguments(process.argv.slice(2));
  ensureProjectReady();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-bench-'));
  const dataDir = path.join(work, 'data');
  fs.mkdirSync(dataDir, { mode: 0o700 });
  const [cmsPort, sitePort, publisherPort] = [await freePort(), await freePort(), await freePort()];
  const admin = { email: 'bench@shequ.local', password: `Bench-${crypto.randomBytes(9).toString('base64url')}-a1A` };
  const webhookSecret = crypto.randomBytes(24).toString('base64url');
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  const env: NodeJS.ProcessEnv = {
    SHEQU_DATA_DIR: dataDir,
    CMS_PORT: String(cmsPort),
    SHEQU_ADMIN_EMAIL: admin.email,
    SHEQU_ADMIN_PASSWORD: admin.password,
    SHEQU_DEMO_CONTENT: 'none',
    SHEQU_WEBHOOK_URL: `http://127.0.0.1:${publisherPort}/hooks/strapi`,
    SHEQU_WEBHOOK_SECRET: webhookSecret,
  };
  let cms: TemporaryCms | undefined;
  let publisher: { stop: () => Promise<void> } | undefined;
  try {
    // 1. Seed a fresh data folder in bulk at the asked scale.
    log(`seeding --scale ${options.scale} into ${dataDir}`);
    const seed = await seedDataFolder({ dataDir, scale: options.scale, env });

    // 2. Start the CMS on it, add the About page every release needs, and read everything the
    //    site reads over GraphQL (timed); the answers become the baseline's snapshot.
    log('starting the CMS');
    cms = await startTemporaryCms({ dataDir, port: cmsPort, env });
    const editor = adminClient(cms.url);
    await editor.login(admin.email, admin.password);
    const about = expectOk('create the About page', await editor.create('api::page.page', { title: '关于我们', slug: 'about', summary: '中国社区网简介' }));
    expectOk('publish the About page', await editor.publish('api::page.page', String(about.documentId)));
    const token = fs.readFileSync(cms.buildTokenFile, 'utf8').trim();
    const snapshotFile = path.join(work, 'site-snapshot.json');
    // Only a few articles are kept from the snapshot (inside this function, so that the rest can
    // go): holding a year of records in this process made its garbage collector pause for seconds
    // while it timed publish-to-live.
    const { read, target } = await (async () => {
      const { snapshot, ...read } = await readSiteData({ cmsUrl: cms!.url, token, snapshotFile });
      return { read, target: options.edits > 0 ? publishTarget(snapshot, options.edits) : undefined };
    })();
    log(`read ${read.entries} entries over GraphQL in ${read.seconds.toFixed(1)} s`);

    // 3–4. Full builds from the CMS as the publisher runs them, against the baseline: the same
    //      build rendering from the local JSON snapshot (alternating, medians).
    log(`full build vs. baseline, ${options.builds} time(s) each …`);
    const searchEnv = options.search ? {} : { SHEQU_SEARCH_INDEX: 'off' };
    const { full, baseline, runs } = await compareBuilds({ cmsUrl: cms.url, buildTokenFile: cms.buildTokenFile, siteUrl, workDir: work, snapshotFile, rounds: options.builds, env: searchEnv, log });
    if (baseline.pages !== full.pages) log(`warning: the baseline built ${baseline.pages} pages, the full build ${full.pages}`);
    // 4b. Without the builds' own index: the largest shard indexed on its own.
    const shard = options.search ? undefined : await measureSearchShard(path.join(work, 'full'));
    if (shard) log(`search: shard ${shard.shard} (${shard.pages} pages) in ${shard.seconds} s, Pagefind peak ${shard.peakRssMb} MB; all ${shard.indexedPages} pages ≈ ${shard.estimatedSeconds} s`);

    // 5. Publish-to-live for each kind of change, through the publisher and the site server.
    let publishToLive: Awaited<ReturnType<typeof measurePublishToLive>> = { article: { p50Ms: null, p95Ms: null, samplesMs: [] }, ledger: { p50Ms: null, p95Ms: null, samplesMs: [] }, unpublish: { p50Ms: null, p95Ms: null, samplesMs: [] } };
    let publisherBuildSeconds: number[] = [];
    if (options.edits > 0) {
      log(`starting the publisher; its first release is a full build …`);
      const publisherEnv = {
        ...process.env,
        ...env,
        CMS_URL: cms.url,
        CMS_PUBLIC_URL: cms.url,
        SITE_URL: siteUrl,
        SITE_PORT: String(sitePort),
        PUBLISHER_PORT: String(publisherPort),
        SHEQU_BUILD_TOKEN_FILE: cms.buildTokenFile,
        PUBLISHER_QUIET_MS: '300',
        PUBLISHER_RECONCILE_MS: String(24 * 3600_000),
        PUBLISHER_NIGHTLY_HOUR: '',
        ...searchEnv,
        SHEQU_LOG_FORMAT: 'json',
      };
      const started = await startPublisher(publisherEnv, { site: sitePort, publisher: publisherPort });
      publisher = started;
      log(`measuring ${options.edits} change(s) of each kind …`);
      publishToLive = await measurePublishToLive(editor, started.siteUrl, target!, options.edits, (kind, ms) => log(`  ${kind}: live after ${(ms / 1000).toFixed(1)} s`));
      // The publisher's own times (fingerprint, build, checks, compression) of its kept releases.
      publisherBuildSeconds = listReleases(sitePaths(publisherEnv).releases).map((r) => round(r.buildMs / 1000, 1));
    }

    // 6. The results file and the table.
    const strip = ({ p50Ms, p95Ms }: { p50Ms: number | null; p95Ms: number | null }) => ({ p50Ms, p95Ms });
    const results: BenchResults = {
      scale: options.scale,
      entries: seed.entries,
      seed: { entriesPerSecond: seed.entriesPerSecond },
      read: { entriesPerSecond: read.entriesPerSecond },
      fullBuild: { seconds: full.seconds, pages: full.pages, pagesPerSecond: full.pagesPerSecond, peakRssMb: full.peakRssMb },
      baseline: { pagesPerSecond: baseline.pagesPerSecond },
      renderRatio: round(full.seconds / baseline.seconds, 2),
      publishToLive: { article: strip(publishToLive.article), ledger: strip(publishToLive.ledger), unpublish: strip(publishToLive.unpublish) },
      searchIndex: shard ? { seconds: shard.estimatedSeconds, peakRssMb: shard.peakRssMb } : { seconds: full.searchIndex.seconds, peakRssMb: full.searchIndex.peakRssMb },
      details: {
        measuredAt: new Date().toISOString(),
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryMb: Math.round(os.totalmem() / 2 ** 20), loadAverage: os.loadavg().map((x) => round(x, 2)), node: process.versions.node },
        seed: { communities: seed.communities, ledgers: seed.ledgers, articles: seed.articles, seconds: seed.seconds },
        read: { entries: read.entries, seconds: round(read.seconds, 2) },
        baseline: { seconds: baseline.seconds, pages: baseline.pages, peakRssMb: baseline.peakRssMb, searchIndexSeconds: baseline.searchIndex.seconds },
        renderRatioFormula: 'fullBuild.seconds / baseline seconds (= baseline.pagesPerSecond / fullBuild.pagesPerSecond): 1.0 means data access costs nothing, the target is ≤ 1.5',
        searchIndex: shard
          ? { pages: shard.indexedPages, largestShard: shard, note: 'builds ran with SHEQU_SEARCH_INDEX=off; the largest shard indexed alone (its Pagefind peak RSS is the bound of one-shard-at-a-time indexing); seconds = that shard\'s rate over every indexed page' }
          : { pages: full.searchIndex.pages, note: 'Pagefind inside the full build, shard by shard: seconds from its integration log line, peak RSS of its `pagefind --service` processes' },
        publishToLive: { edits: options.edits, samplesMs: { article: publishToLive.article.samplesMs, ledger: publishToLive.ledger.samplesMs, unpublish: publishToLive.unpublish.samplesMs }, quietMs: 300 },
        builds: { rounds: options.builds, note: 'full and baseline alternate (F B, B F, …); each side is its median run, with the highest peak RSS of its runs', runs },
        publisherBuildSeconds: { note: "release.json's buildMs of the publisher's kept releases (first release and the edits' rebuilds, newest last)", values: publisherBuildSeconds },
      },
    };
    writeBenchResults(options.out, results);
    console.log(`\nShequ benchmark (${options.out})\n${formatBenchTable(results)}\n`);
  } finally {
    await publisher?.stop();
    await cms?.stop();
    if (options.keep) log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

run().catch((error) => {
  console.error(`[bench] ${(error as Error).stack ?? (error as Error).message}`);
  process.exit(1);
});
