import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../lib/log.ts';
import { sitePaths } from '../lib/paths.ts';
import { checkReleaseIntegrity } from '../publisher/check-release-integrity.ts';
import { checkRelease } from '../publisher/check-release.ts';
import { BULK_COMPRESSION } from '../publisher/compress-release.ts';
import { loadSigningKey } from '../publisher/load-signing-key.ts';
import { prepareReleaseFiles } from '../publisher/prepare-release-files.ts';
import { pruneReleaseCopies } from '../publisher/prune-release-copies.ts';
import { emptyTrash, pruneReleases } from '../publisher/prune-releases.ts';
import { publishLayer } from '../publisher/publish-layer.ts';
import { newReleaseId, scannedWith } from '../publisher/publish-release.ts';
import { spamScanKey } from '../publisher/scan-release-for-spam.ts';
import { publisherConfig } from '../publisher/publisher-config.ts';
import { liveManifestDigest, liveReleaseDigests, readLiveFile } from '../publisher/read-live-file.ts';
import { listReleaseFiles } from '../publisher/release-manifest.ts';
import { storeReleaseCopy } from '../publisher/store-release-copy.ts';
import { liveReleaseId, switchRelease } from '../publisher/switch-release.ts';
import { writeReleaseManifest } from '../publisher/write-release-manifest.ts';

// Times each post-build step of a full release on a synthetic tree of small HTML pages (like
// real pages: 15–25 KB of markup and Chinese text), in a temporary data folder that is removed
// afterwards. `node scripts/bench/measure-release-pipeline.ts [--pages 210000] [--keep]`.
// Not part of `npm run bench` (it needs no CMS and several GB of disk); its figures are quoted
// in ARCHITECTURE.md ("Releases at scale").

const REQUIRED = ['index.html', '404.html', 'sitemap-index.xml', 'robots.txt', 'feeds/news.xml', 'about/index.html', 'search/index.html', 'pagefind/pagefind.js', 'gala/index.html'];
const WORDS = '社区 志愿 服务 台账 居民 老人 儿童 活动 网格 党员 关爱 帮扶 文明 宣传 卫生 安全 巡逻 调解 健康 义诊 读书 环保 垃圾 分类 邻里 互助 文化 节日 慰问 探访 培训 讲座 法律 咨询 就业 残疾 困难 家庭 学校 医院 街道 城市 区县 省份 春晚 节目 演出 团队 队伍 联络 站点'.split(' ');

function pseudoRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticPage(i: number): string {
  const rand = pseudoRandom(i + 1);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join('');
  const target = 15_000 + Math.floor(rand() * 10_000);
  const parts = [`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${words(6)}</title><meta name="description" content="${words(20)}"><link rel="stylesheet" href="/_astro/BaseLayout.abc123.css"><script src="/_astro/elder-mode.abc123.js"></script></head><body><header><nav><a href="/">首页</a> <a href="/ledgers/">台账</a> <a href="/communities/">社区</a></nav></header><main><article><h1>${words(8)}</h1>`];
  let size = parts[0].length * 2;
  while (size < target) {
    const p = `<p>${words(40 + Math.floor(rand() * 60))}，<a href="/articles/a${Math.floor(rand() * 70000)}/">${words(4)}</a>。</p>\n`;
    parts.push(p);
    size += Buffer.byteLength(p);
  }
  parts.push('</article></main><footer>社区网络</footer></body></html>');
  return parts.join('');
}

// `changedEvery`: every n-th page differs from the first generation (a nightly rebuild).
export function writeSyntheticRelease(dir: string, pages: number, changedEvery = 0): void {
  for (const f of REQUIRED) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), f.endsWith('.html') ? syntheticPage(0) : 'x');
  }
  for (let i = 0; i < pages; i += 1) {
    const folder = path.join(dir, 'articles', `a${Math.floor(i / 1000)}`, `p${i}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'index.html'), changedEvery && i % changedEvery === 0 ? syntheticPage(i) + '<!-- changed -->' : syntheticPage(i));
  }
}

async function timed<T>(name: string, times: Array<[string, number, number]>, step: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await step();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  times.push([name, ms, (used.user + used.system) / 1000]);
  console.error(`[measure] ${name}: ${(ms / 1000).toFixed(2)} s`);
  return result;
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  const pages = Number(args[args.indexOf('--pages') + 1] || 210_000);
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-measure-'));
  const paths = sitePaths({ SHEQU_DATA_DIR: data });
  const config = { ...publisherConfig({ SHEQU_DATA_DIR: data, SHEQU_WEBHOOK_SECRET: 'measure' }), keepReleases: 1 };
  const log: Logger = { info: (event, fields) => event === 'layer.published' && console.error(`[measure] ${event} ${JSON.stringify(fields?.steps)}`), warn() {}, error: (e, f) => console.error(e, f) };
  const id = '20260101T000000000Z';
  const dir = path.join(paths.releases, id);
  const times: Array<[string, number, number]> = [];
  try {
    await timed('generate (not a publish step)', times, () => writeSyntheticRelease(dir, pages));
    const key = loadSigningKey(paths.signingKey, paths.publicKey);
    // The full release, step by step as publish-release.ts runs them.
    const fullRelease = async (releaseId: string, label: string) => {
      const releaseDir = path.join(paths.releases, releaseId);
      const files = await timed(`${label}list the files (once)`, times, () => listReleaseFiles(releaseDir));
      await timed(`${label}checkRelease`, times, () => checkRelease(releaseDir, undefined, files));
      const previous = await timed(`${label}read the live release's digests`, times, () => liveReleaseDigests(config));
      fs.mkdirSync(paths.objects, { recursive: true });
      const skipScanOfUnchanged = scannedWith(config, liveReleaseId(paths.current)) === spamScanKey(config.linkAllowlist);
      const prepared = await timed(`${label}prepareReleaseFiles (spam scan + compress + digests + objects, worker threads)`, times, () => prepareReleaseFiles(releaseDir, files, { scan: config.linkAllowlist, compress: BULK_COMPRESSION, objects: paths.objects, storeObjects: true, skipScanOfUnchanged }, previous));
      if (prepared.spam.length) throw new Error(`spam in the synthetic pages: ${prepared.spam[0].page}`);
      fs.writeFileSync(path.join(releaseDir, 'release.json'), JSON.stringify({ id: releaseId, builtAt: new Date().toISOString(), pages, buildMs: 0, reasons: [], cmsFingerprint: 'x', spamScanKey: spamScanKey(config.linkAllowlist) }));
      const signed = await timed(`${label}writeReleaseManifest (digests reused)`, times, () => writeReleaseManifest(releaseDir, releaseId, key, { known: prepared.digests }));
      await timed(`${label}storeReleaseCopy`, times, () => storeReleaseCopy(releaseDir, signed.manifest, signed.bytes, signed.signature, paths));
      await timed(`${label}switchRelease`, times, () => switchRelease(paths.current, releaseDir));
    };
    await fullRelease(id, '');
    // A layer of 50 changed pages over it, and one more over that layer.
    const layer = (n: number, salt: string) => ({ files: new Map(Array.from({ length: n }, (_, i) => [`articles/a${i}/p${i * 1000}/index.html`, Buffer.from(syntheticPage(i + 7) + salt)] as [string, Buffer])), removed: [`articles/a99/p99000/index.html`] });
    await timed('publishLayer (50 pages over the full release)', times, () => publishLayer(config, layer(50, '<!-- 1 -->'), [], log, { cmsFingerprint: 'l1' }));
    await timed('publishLayer (50 pages over that layer)', times, () => publishLayer(config, layer(50, '<!-- 2 -->'), [], log, { cmsFingerprint: 'l2' }));
    await timed('readLiveFile + liveManifestDigest (first call reads the manifests)', times, () => liveManifestDigest(config, 'articles/a5/p5000/index.html') && readLiveFile(config, 'index.html'));
    await timed('guard: check the live layer only', times, () => checkReleaseIntegrity(fs.realpathSync(paths.current), path.basename(fs.realpathSync(paths.current)), key.publicKey, paths, { layerOnly: true }));
    if (args.includes('--full-check')) await timed('guard: check the live layer and its 210k-page base', times, () => checkReleaseIntegrity(fs.realpathSync(paths.current), path.basename(fs.realpathSync(paths.current)), key.publicKey, paths));
    // The nightly full build over it: the same pages but 1 % changed.
    const nightly = newReleaseId();
    await timed('generate the nightly build (not a publish step)', times, () => writeSyntheticRelease(path.join(paths.releases, nightly), pages, 100));
    await fullRelease(nightly, 'nightly (1 % changed): ');
    // Pruning the previous 210k-page release and its layers: the publish waits only for renames.
    await timed('pruneReleases (what a publish waits for: renames)', times, () => pruneReleases(paths.releases, 1, nightly));
    await timed('  background: delete the 210k-page release and its layers', times, () => emptyTrash(paths.releases));
    await timed('  background: pruneReleaseCopies', times, () => pruneReleaseCopies(paths, [nightly]));
    printTable(times, pages);
  } finally {
    if (!args.includes('--keep')) fs.rmSync(data, { recursive: true, force: true });
  }
}

function printTable(times: Array<[string, number, number]>, pages: number): void {
  const firstFull = ([n]: [string, number, number]) => !n.startsWith('generate') && !n.startsWith(' ') && !n.startsWith('nightly') && !/Layer|guard|readLive|prune/.test(n);
  const total = times.filter(firstFull).reduce((s, [, ms]) => s + ms, 0);
  const cpuTotal = times.filter(firstFull).reduce((s, [, , c]) => s + c, 0);
  console.log(`| step (${pages} pages, load ${os.loadavg()[0].toFixed(1)}) | wall s | CPU s (all threads) |\n| --- | ---: | ---: |`);
  for (const [name, ms, cpu] of times) console.log(`| ${name} | ${(ms / 1000).toFixed(2)} | ${(cpu / 1000).toFixed(2)} |`);
  console.log(`| total of the first full release's publish steps | ${(total / 1000).toFixed(2)} | ${(cpuTotal / 1000).toFixed(2)} |`);
  const nightlyTotal = times.filter(([n]) => n.startsWith('nightly')).reduce((s, [, ms]) => s + ms, 0);
  console.log(`| total of the nightly full release's publish steps | ${(nightlyTotal / 1000).toFixed(2)} | |`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
