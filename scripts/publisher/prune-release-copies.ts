import fs from 'node:fs';
import path from 'node:path';
import { withStoreLock, type TrustedStore } from './store-release-copy.ts';

// Small enough that a layer waiting for the store waits a fraction of a second.
const CHUNK = 200;

// Drops the publisher's copies of releases that were pruned: their manifests, and every
// stored file no kept release still lists. A manifest that cannot be read keeps every object.
// Runs beside publishing: what to keep is worked out without holding the store, then objects
// are deleted a chunk at a time while holding it, each chunk first adding what any manifest
// stored meanwhile lists, so an object a new release counts on is never deleted.
export async function pruneReleaseCopies(store: TrustedStore, keptReleaseIds: string[]): Promise<{ manifests: number; objects: number }> {
  if (!fs.existsSync(store.manifests)) return { manifests: 0, objects: 0 };
  const kept = new Set(keptReleaseIds);
  // 1. The manifests of pruned releases.
  const manifests = await withStoreLock(() => {
    let n = 0;
    for (const name of fs.readdirSync(store.manifests)) {
      if (!name.endsWith('.json') && !name.endsWith('.sig')) continue;
      if (!kept.has(name.replace(/\.(json|sig)$/, ''))) {
        fs.rmSync(path.join(store.manifests, name), { force: true });
        n += 1;
      }
    }
    return n;
  });
  // 2. What the kept ones list, and the objects stored now.
  const referenced = new Set<string>();
  const read = new Set<string>();
  const readNewManifests = (): boolean => {
    for (const name of fs.readdirSync(store.manifests)) {
      if (!name.endsWith('.json') || read.has(name)) continue;
      if (!addDigests(path.join(store.manifests, name), referenced)) return false;
      read.add(name);
    }
    return true;
  };
  if (!readNewManifests()) return { manifests, objects: 0 };
  const candidates = (fs.existsSync(store.objects) ? fs.readdirSync(store.objects) : []).filter((name) => !referenced.has(name));
  // 3. Delete, a chunk at a time.
  let objects = 0;
  for (let at = 0; at < candidates.length; at += CHUNK) {
    const stop = await withStoreLock(async () => {
      if (!readNewManifests()) return true;
      for (const name of candidates.slice(at, at + CHUNK)) {
        if (referenced.has(name)) continue;
        await fs.promises.rm(path.join(store.objects, name), { force: true });
        objects += 1;
      }
      return false;
    });
    if (stop) break;
  }
  return { manifests, objects };
}

// Adds the digests a stored manifest lists; false when it cannot be read.
function addDigests(file: string, into: Set<string>): boolean {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { files?: Record<string, { sha256?: unknown }> };
    for (const entry of Object.values(parsed.files ?? {})) {
      if (typeof entry?.sha256 !== 'string') return false;
      into.add(entry.sha256);
    }
    return Boolean(parsed.files);
  } catch (error) {
    // A manifest removed meanwhile (its release pruned) lists nothing to keep.
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
