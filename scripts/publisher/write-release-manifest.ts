import fs from 'node:fs';
import path from 'node:path';
import type { SigningKey } from './load-signing-key.ts';
import { listReleaseFiles, MANIFEST_FILE, sha256File, SIGNATURE_FILE, signManifest, UNLISTED, type ReleaseManifest } from './release-manifest.ts';

// Digests every file of a finished release into manifest.json and signs it into manifest.sig.
// Runs after compression and release.json, so nothing is written into the release afterwards.
export async function writeReleaseManifest(dir: string, releaseId: string, key: SigningKey): Promise<{ manifest: ReleaseManifest; bytes: Buffer; signature: string }> {
  const files: ReleaseManifest['files'] = {};
  for (const rel of listReleaseFiles(dir)) {
    if (UNLISTED.has(rel)) continue;
    const file = path.join(dir, rel);
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) throw new Error(`release ${releaseId} holds ${rel}, which is not a regular file`);
    files[rel] = { sha256: await sha256File(file), size: stat.size };
  }
  const manifest: ReleaseManifest = { release: releaseId, createdAt: new Date().toISOString(), keyId: key.keyId, algorithm: 'sha256', files };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
  const signature = signManifest(bytes, key.privateKey);
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), bytes);
  fs.writeFileSync(path.join(dir, SIGNATURE_FILE), `${signature}\n`);
  return { manifest, bytes, signature };
}
