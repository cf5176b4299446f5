import fs from 'node:fs';
import path from 'node:path';
import { BASE_LINK } from './layered-release.ts';
import type { SigningKey } from './load-signing-key.ts';
import type { FileDigest } from './release-file-worker.ts';
import { listReleaseFiles, MANIFEST_FILE, sha256File, SIGNATURE_FILE, signManifest, UNLISTED, type ReleaseManifest } from './release-manifest.ts';

export interface ManifestInputs {
  // Digests already taken of files as they were written (prepare-release-files.ts, a layer's
  // own files): used when the file on disk still has that size, instead of reading it again.
  known?: Map<string, FileDigest>;
  // A layered release: the base it lies over (layered-release.ts).
  base?: ReleaseManifest['base'];
}

// Digests every file of a finished release into manifest.json and signs it into manifest.sig.
// Runs after compression and release.json, so nothing is written into the release afterwards.
export async function writeReleaseManifest(dir: string, releaseId: string, key: SigningKey, inputs: ManifestInputs = {}): Promise<{ manifest: ReleaseManifest; bytes: Buffer; signature: string }> {
  const files: ReleaseManifest['files'] = {};
  let n = 0;
  for (const rel of listReleaseFiles(dir)) {
    // A year's 600,000 files: let the publisher answer webhooks in between.
    if (++n % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (UNLISTED.has(rel) || (inputs.base && rel === BASE_LINK)) continue;
    const file = path.join(dir, rel);
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) throw new Error(`release ${releaseId} holds ${rel}, which is not a regular file`);
    const known = inputs.known?.get(rel);
    files[rel] = known && known.size === stat.size ? known : { sha256: await sha256File(file), size: stat.size };
  }
  const manifest: ReleaseManifest = { release: releaseId, createdAt: new Date().toISOString(), keyId: key.keyId, algorithm: 'sha256', ...(inputs.base ? { base: inputs.base } : {}), files };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
  const signature = signManifest(bytes, key.privateKey);
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), bytes);
  fs.writeFileSync(path.join(dir, SIGNATURE_FILE), `${signature}\n`);
  return { manifest, bytes, signature };
}
