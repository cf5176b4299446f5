import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { linkAllowlist } from '@shequ/spam-guard';
import { sitePaths } from '../lib/paths.ts';
import { checkRelease } from '../publisher/check-release.ts';
import { compressRelease } from '../publisher/compress-release.ts';
import { loadSigningKey } from '../publisher/load-signing-key.ts';
import { pruneReleaseCopies } from '../publisher/prune-release-copies.ts';
import { pruneReleases } from '../publisher/prune-releases.ts';
import { scanReleaseForSpam } from '../publisher/scan-release-for-spam.ts';
import { storeReleaseCopy } from '../publisher/store-release-copy.ts';
import { switchRelease } from '../publisher/switch-release.ts';
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

export function writeSyntheticRelease(dir: string, pages: number): void {
  for (const f of REQUIRED) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), f.endsWith('.html') ? syntheticPage(0) : 'x');
  }
  for (let i = 0; i < pages; i += 1) {
    const folder = path.join(dir, 'articles', `a${Math.floor(i / 1000)}`, `p${i}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'index.html'), syntheticPage(i));
  }
}

async function timed<T>(name: string, times: Array<[string, number]>, step: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await step();
  const ms = performance.now() - started;
  times.push([name, ms]);
  console.error(`[measure] ${name}: ${(ms / 1000).toFixed(2)} s`);
  return result;
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  const pages = Number(args[args.indexOf('--pages') + 1] || 210_000);
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-measure-'));
  const paths = sitePaths({ SHEQU_DATA_DIR: data });
  const id = '20260101T000000000Z';
  const dir = path.join(paths.releases, id);
  const times: Array<[string, number]> = [];
  try {
    await timed('generate (not a publish step)', times, () => writeSyntheticRelease(dir, pages));
    const key = loadSigningKey(paths.signingKey, paths.publicKey);
    await timed('checkRelease', times, () => checkRelease(dir, undefined));
    await timed('scanReleaseForSpam', times, () => scanReleaseForSpam(dir, linkAllowlist({}, ['127.0.0.1'])));
    await timed('compressRelease', times, () => compressRelease(dir));
    fs.writeFileSync(path.join(dir, 'release.json'), JSON.stringify({ id, builtAt: new Date().toISOString(), pages, buildMs: 0, reasons: [], cmsFingerprint: 'x' }));
    const signed = await timed('writeReleaseManifest', times, () => writeReleaseManifest(dir, id, key));
    await timed('storeReleaseCopy', times, () => storeReleaseCopy(dir, signed.manifest, signed.bytes, signed.signature, paths));
    await timed('switchRelease', times, () => switchRelease(paths.current, dir));
    // The old release a publish prunes is as large as the new one: time removing this one.
    const next = '20260102T000000000Z';
    fs.mkdirSync(path.join(paths.releases, next));
    switchRelease(paths.current, path.join(paths.releases, next));
    await timed('pruneReleases (a 210k-page release)', times, () => pruneReleases(paths.releases, 1, next));
    await timed('pruneReleaseCopies', times, () => pruneReleaseCopies(paths, [next]));
  } finally {
    if (!args.includes('--keep')) fs.rmSync(data, { recursive: true, force: true });
  }
  const total = times.filter(([n]) => !n.startsWith('generate')).reduce((s, [, ms]) => s + ms, 0);
  console.log(`| step (${pages} pages) | seconds |\n| --- | ---: |`);
  for (const [name, ms] of times) console.log(`| ${name} | ${(ms / 1000).toFixed(2)} |`);
  console.log(`| total (publish steps) | ${(total / 1000).toFixed(2)} |`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
