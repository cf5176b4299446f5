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
//
// Cheap after every layer at year scale: the candidates are the objects the pruned manifests
// listed (the whole store is listed only when one of them cannot be read), and each manifest's
// digests are read once and kept (manifests never change; a base's lists 600,000 files, and
// parsing it after every publish held the publisher for ~3 s, delaying the next webhook).
export async function pruneReleaseCopies(store: TrustedStore, keptReleaseIds: string[]): Promise<{ manifests: number; objects: number }> {
  if (!fs.existsSync(store.manifests)) return { manifests: 0, objects: 0 };
  const kept = new Set(keptReleaseIds);
  // 1. The manifests of pruned releases, and what they listed.
  const pruned = await withStoreLock(() => {
    let n = 0;
    let listStore = false;
    const candidates = new Set<string>();
    for (const name of fs.readdirSync(store.manifests)) {
      if (!name.endsWith('.json') && !name.endsWith('.sig')) continue;
      if (kept.has(name.replace(/\.(json|sig)$/, ''))) continue;
      if (name.endsWith('.json')) {
        const digests = digestsOf(path.join(store.manifests, name));
        if (digests) for (const d of digests) candidates.add(d);
        else listStore = true;
        forget(path.join(store.manifests, name));
      }
      fs.rmSync(path.join(store.manifests, name), { force: true });
      n += 1;
    }
    return { n, listStore, candidates };
  });
  const manifests = pruned.n;
  if (manifests === 0) return { manifests, objects: 0 };
  // 2. What the kept ones list.
  const keptDigests: Array<Set<string>> = [];
  const read = new Set<string>();
  const readNewManifests = (): boolean => {
    for (const name of fs.readdirSync(store.manifests)) {
      if (!name.endsWith('.json') || read.has(name)) continue;
      const digests = digestsOf(path.join(store.manifests, name));
      if (digests === undefined) return false;
      if (digests) keptDigests.push(digests);
      read.add(name);
    }
    return true;
  };
  const referenced = (digest: string) => keptDigests.some((set) => set.has(digest));
  if (!readNewManifests()) return { manifests, objects: 0 };
  const candidates = (pruned.listStore ? (fs.existsSync(store.objects) ? fs.readdirSync(store.objects) : []) : [...pruned.candidates]).filter((name) => !referenced(name));
  // 3. Delete, a chunk at a time.
  let objects = 0;
  for (let at = 0; at < candidates.length; at += CHUNK) {
    const stop = await withStoreLock(async () => {
      if (!readNewManifests()) return true;
      for (const name of candidates.slice(at, at + CHUNK)) {
        if (referenced(name)) continue;
        await fs.promises.rm(path.join(store.objects, name), { force: true });
        objects += 1;
      }
      return false;
    });
    if (stop) break;
  }
  return { manifests, objects };
}

// Each stored manifest's digests, by file, size and time: read once.
const digestCache = new Map<string, { key: string; digests: Set<string> }>();

function forget(file: string): void {
  digestCache.delete(file);
}

// The digests a stored manifest lists; null when it was removed meanwhile (its release pruned:
// it lists nothing to keep); undefined when it cannot be read.
function digestsOf(file: string): Set<string> | null | undefined {
  try {
    const stat = fs.statSync(file);
    const key = `${stat.size}:${stat.mtimeMs}`;
    const hit = digestCache.get(file);
    if (hit && hit.key === key) return hit.digests;
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { files?: Record<string, { sha256?: unknown }> };
    if (!parsed.files) return undefined;
    const digests = new Set<string>();
    for (const entry of Object.values(parsed.files)) {
      if (typeof entry?.sha256 !== 'string') return undefined;
      digests.add(entry.sha256);
    }
    digestCache.set(file, { key, digests });
    return digests;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
}
