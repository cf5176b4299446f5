import fs from 'node:fs';
import path from 'node:path';
import type { ReleaseManifest } from './release-manifest.ts';

export interface TrustedStore {
  manifests: string; // <dir>/<release id>.json and .sig
  objects: string; // <dir>/<sha256>
}

// Storing a copy and pruning copies take turns (within the publisher's process): a prune must
// never delete an object a copy being stored has just found present and counted on.
let storeTurn: Promise<unknown> = Promise.resolve();
export function withStoreLock<T>(work: () => Promise<T> | T): Promise<T> {
  const mine = storeTurn.then(work, work);
  storeTurn = mine.catch(() => undefined);
  return mine;
}

// Keeps the publisher's own copy of a release outside the served tree, to restore tampered
// files from: each file once under its SHA-256 (releases share most files; a layered release
// lists only its own folder's files), plus the signed manifest. Real copies, not hard links: a
// write into a hard-linked live file would change the "copy" too. Objects already stored are
// found with one listing of the store rather than a look-up per file, and the new ones are
// copied several at a time; the manifest is written last, so a manifest in the store always
// has all its objects.
export function storeReleaseCopy(dir: string, manifest: ReleaseManifest, bytes: Buffer, signature: string, store: TrustedStore): Promise<{ copied: number; shared: number }> {
  return withStoreLock(async () => {
    fs.mkdirSync(store.objects, { recursive: true, mode: 0o700 });
    fs.mkdirSync(store.manifests, { recursive: true, mode: 0o700 });
    const entries = Object.entries(manifest.files);
    // A layer of a few files looks its objects up; a full release lists the store once.
    const stored = entries.length > 2000 ? new Set(fs.readdirSync(store.objects)) : undefined;
    const has = (digest: string) => (stored ? stored.has(digest) : fs.existsSync(path.join(store.objects, digest)));
    const wanted = new Map<string, string>();
    let shared = 0;
    for (const [rel, entry] of entries) {
      if (has(entry.sha256) || wanted.has(entry.sha256)) shared += 1;
      else wanted.set(entry.sha256, rel);
    }
    const queue = [...wanted];
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const [digest, rel] = queue[next++];
        const object = path.join(store.objects, digest);
        const tmp = `${object}.tmp-${process.pid}`;
        await fs.promises.copyFile(path.join(dir, rel), tmp);
        await fs.promises.rename(tmp, object);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    writeAtomically(path.join(store.manifests, `${manifest.release}.json`), bytes);
    writeAtomically(path.join(store.manifests, `${manifest.release}.sig`), `${signature}\n`);
    return { copied: queue.length, shared };
  });
}

export function trustedManifestFiles(store: TrustedStore, releaseId: string): { manifest: string; signature: string } {
  return { manifest: path.join(store.manifests, `${releaseId}.json`), signature: path.join(store.manifests, `${releaseId}.sig`) };
}

function writeAtomically(file: string, data: Buffer | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
