import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sitePaths } from '../../scripts/lib/paths.ts';
import { compressRelease } from '../../scripts/publisher/compress-release.ts';
import { loadSigningKey, type SigningKey } from '../../scripts/publisher/load-signing-key.ts';
import { listReleaseFiles } from '../../scripts/publisher/release-manifest.ts';
import { storeReleaseCopy } from '../../scripts/publisher/store-release-copy.ts';
import { switchRelease } from '../../scripts/publisher/switch-release.ts';
import { writeReleaseManifest } from '../../scripts/publisher/write-release-manifest.ts';

// A data folder holding a live release made by the publisher's own release steps (compress,
// release.json, sign, keep a copy, switch) from a few small pages, for integrity tests that do
// not need a CMS or an Astro build.
export interface SignedRelease {
  dataDir: string;
  paths: ReturnType<typeof sitePaths>;
  env: NodeJS.ProcessEnv;
  key: SigningKey;
  dir: string;
  id: string;
  // Makes another release the same way and switches to it; returns its folder.
  makeRelease: (id: string, extra?: Record<string, string>) => Promise<string>;
}

const PAGES: Record<string, string> = {
  'index.html': '<!doctype html><html lang="zh-CN"><title>社区</title><h1>首页</h1></html>',
  'about/index.html': '<!doctype html><title>关于</title><h1>关于我们</h1>',
  'articles/yi/index.html': '<!doctype html><title>文章</title><h1>志愿服务</h1>',
  '_astro/elder-mode.abc123.js': 'document.documentElement;',
  '_astro/BaseLayout.abc123.css': 'body{margin:0}',
  'pagefind/pagefind.js': 'export{}',
  'images/photo.webp': '\u0000RIFF-not-really-webp',
};

export async function makeSignedRelease(id = '20260101T000000000Z', extra: Record<string, string> = {}): Promise<SignedRelease> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-integrity-'));
  const env = { SHEQU_DATA_DIR: dataDir };
  const paths = sitePaths(env);
  const key = loadSigningKey(paths.signingKey, paths.publicKey);
  const makeRelease = async (releaseId: string, extra: Record<string, string> = {}) => {
    const dir = path.join(paths.releases, releaseId);
    for (const [rel, text] of Object.entries({ ...PAGES, ...extra })) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    await compressRelease(dir);
    fs.writeFileSync(path.join(dir, 'release.json'), JSON.stringify({ id: releaseId, builtAt: new Date().toISOString(), pages: 3, buildMs: 1, reasons: [], cmsFingerprint: 'x' }));
    const signed = await writeReleaseManifest(dir, releaseId, key);
    await storeReleaseCopy(dir, signed.manifest, signed.bytes, signed.signature, paths);
    switchRelease(paths.current, dir);
    return dir;
  };
  const dir = await makeRelease(id, extra);
  return { dataDir, paths, env, key, dir, id, makeRelease };
}

// Every file of a folder with its bytes, to compare a restored release with the original.
export function snapshotFolder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  // Not through links: a layer's .base link is not part of its folder.
  for (const rel of listReleaseFiles(dir)) {
    if (fs.lstatSync(path.join(dir, rel)).isFile()) files.set(rel, fs.readFileSync(path.join(dir, rel)));
  }
  return files;
}
