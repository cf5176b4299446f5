import fs from 'node:fs';
import path from 'node:path';
import { manifestSchema } from './release-manifest.ts';
import type { TrustedStore } from './store-release-copy.ts';

// Drops the publisher's copies of releases that were pruned: their manifests, and every
// stored file no kept release still lists. A manifest that cannot be read keeps every object.
export function pruneReleaseCopies(store: TrustedStore, keptReleaseIds: string[]): { manifests: number; objects: number } {
  if (!fs.existsSync(store.manifests)) return { manifests: 0, objects: 0 };
  const kept = new Set(keptReleaseIds);
  let manifests = 0;
  for (const name of fs.readdirSync(store.manifests)) {
    if (!kept.has(name.replace(/\.(json|sig)$/, ''))) {
      fs.rmSync(path.join(store.manifests, name), { force: true });
      manifests += 1;
    }
  }
  const referenced = new Set<string>();
  for (const id of kept) {
    const file = path.join(store.manifests, `${id}.json`);
    if (!fs.existsSync(file)) continue;
    const parsed = manifestSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) return { manifests, objects: 0 };
    for (const entry of Object.values(parsed.data.files)) referenced.add(entry.sha256);
  }
  let objects = 0;
  for (const name of fs.existsSync(store.objects) ? fs.readdirSync(store.objects) : []) {
    if (!referenced.has(name)) {
      fs.rmSync(path.join(store.objects, name), { force: true });
      objects += 1;
    }
  }
  return { manifests, objects };
}
