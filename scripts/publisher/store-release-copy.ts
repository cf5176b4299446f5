import fs from 'node:fs';
import path from 'node:path';
import type { ReleaseManifest } from './release-manifest.ts';

export interface TrustedStore {
  manifests: string; // <dir>/<release id>.json and .sig
  objects: string; // <dir>/<sha256>
}

// Keeps the publisher's own copy of a release outside the served tree, to restore tampered
// files from: each file once under its SHA-256 (releases share most files), plus the signed
// manifest. Real copies, not hard links: a write into a hard-linked live file would change
// the "copy" too.
export function storeReleaseCopy(dir: string, manifest: ReleaseManifest, bytes: Buffer, signature: string, store: TrustedStore): { copied: number; shared: number } {
  fs.mkdirSync(store.objects, { recursive: true, mode: 0o700 });
  fs.mkdirSync(store.manifests, { recursive: true, mode: 0o700 });
  let copied = 0;
  let shared = 0;
  for (const [rel, entry] of Object.entries(manifest.files)) {
    const object = path.join(store.objects, entry.sha256);
    if (fs.existsSync(object) && fs.statSync(object).size === entry.size) {
      shared += 1;
      continue;
    }
    const tmp = `${object}.tmp-${process.pid}`;
    fs.copyFileSync(path.join(dir, rel), tmp);
    fs.renameSync(tmp, object);
    copied += 1;
  }
  writeAtomically(path.join(store.manifests, `${manifest.release}.json`), bytes);
  writeAtomically(path.join(store.manifests, `${manifest.release}.sig`), `${signature}\n`);
  return { copied, shared };
}

export function trustedManifestFiles(store: TrustedStore, releaseId: string): { manifest: string; signature: string } {
  return { manifest: path.join(store.manifests, `${releaseId}.json`), signature: path.join(store.manifests, `${releaseId}.sig`) };
}

function writeAtomically(file: string, data: Buffer | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
