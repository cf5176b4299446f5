import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isLayerBookkeeping, lookupReleaseFile } from './layered-release.ts';
import { loadPublicKey } from './load-signing-key.ts';
import type { FileDigest } from './release-file-worker.ts';
import { readSignedManifest, type ReleaseManifest } from './release-manifest.ts';
import { trustedManifestFiles } from './store-release-copy.ts';
import { liveReleaseId } from './switch-release.ts';

type LivePaths = { paths: { current: string; releases: string; manifests: string; objects: string; publicKey: string } };

// What a reader of the live release gets for a release-relative path ('articles/x/index.html'),
// full or layered, or undefined when nothing is published there. For the incremental path, to
// compare freshly rendered files with what is live.
export function readLiveFile(config: LivePaths, relPath: string): Buffer | undefined {
  const id = liveReleaseId(config.paths.current);
  if (!id || !isPlainPath(relPath)) return undefined;
  const file = lookupReleaseFile(path.join(config.paths.releases, id), relPath);
  return file ? fs.readFileSync(file) : undefined;
}

// The SHA-256 (hex) the live release's signed manifests give a path, or undefined when the live
// release does not publish it. Reads the publisher's signed copies (their signatures checked
// once per release and kept in memory), never the served files.
// Also undefined when the live release has no readable signed manifest (made before signing):
// the caller then treats the file as changed.
export function liveManifestDigest(config: LivePaths, relPath: string): string | undefined {
  const id = liveReleaseId(config.paths.current);
  if (!id || !isPlainPath(relPath)) return undefined;
  try {
    const manifest = signedManifest(config, id);
    const own = manifest.files[relPath];
    if (own) return own.sha256;
    if (!manifest.base || removedSet(manifest).has(relPath)) return undefined;
    return signedManifest(config, manifest.base.release).files[relPath]?.sha256;
  } catch {
    return undefined;
  }
}

// Every path of the live release as readers see it (a layer over its base) with the digest its
// signed manifests give, or undefined when there is none or it cannot be read. A full build
// uses it to reuse the twins of unchanged pages.
export function liveReleaseDigests(config: LivePaths): Map<string, FileDigest> | undefined {
  const id = liveReleaseId(config.paths.current);
  if (!id) return undefined;
  try {
    const manifest = signedManifest(config, id);
    const map = new Map<string, FileDigest>();
    if (manifest.base) {
      for (const [rel, entry] of Object.entries(signedManifest(config, manifest.base.release).files)) map.set(rel, entry);
      for (const rel of manifest.base.removed) map.delete(rel);
    }
    for (const [rel, entry] of Object.entries(manifest.files)) if (!isLayerBookkeeping(rel)) map.set(rel, entry);
    return map;
  } catch {
    return undefined;
  }
}

const cache = new Map<string, { manifest: ReleaseManifest; bytesSha256: string }>();

// A release's signed manifest from the publisher's copy, its signature checked, and the SHA-256
// of its bytes (what a layer over it binds). Kept in memory: a base's manifest of 600,000 files
// takes a second or two to read and ~150 MB, so the four used last are kept — the base among
// them, since every publish over it reads it (the oldest-first eviction this replaced dropped
// the base every other layer and added 2–3 s to those publishes at year scale).
export function signedManifestOf(config: LivePaths, id: string): { manifest: ReleaseManifest; bytesSha256: string } {
  // By file and its state: another data folder (tests), or a copy put back, reads anew.
  const files = trustedManifestFiles(config.paths, id);
  const stat = fs.statSync(files.manifest);
  const key = `${files.manifest}:${stat.size}:${stat.mtimeMs}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const bytes = fs.readFileSync(files.manifest);
  const read = readSignedManifest(bytes, fs.readFileSync(files.signature, 'utf8'), loadPublicKey(config.paths.publicKey));
  if ('problem' in read) throw new Error(`release ${id}: ${read.problem}`);
  if (cache.size >= 4) cache.delete(cache.keys().next().value!);
  const entry = { manifest: read.manifest, bytesSha256: crypto.createHash('sha256').update(bytes).digest('hex') };
  cache.set(key, entry);
  return entry;
}

function signedManifest(config: LivePaths, id: string): ReleaseManifest {
  return signedManifestOf(config, id).manifest;
}

const removedSets = new WeakMap<ReleaseManifest, Set<string>>();

function removedSet(manifest: ReleaseManifest): Set<string> {
  let set = removedSets.get(manifest);
  if (!set) removedSets.set(manifest, (set = new Set(manifest.base?.removed ?? [])));
  return set;
}

function isPlainPath(rel: string): boolean {
  return rel !== '' && !rel.startsWith('/') && !rel.includes('\\') && !rel.split('/').some((p) => p === '' || p === '.' || p === '..') && !isLayerBookkeeping(rel);
}
