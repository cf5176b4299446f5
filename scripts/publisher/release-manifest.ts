import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// The manifest of a release: every file in it (the .br/.gz twins and release.json included)
// with its SHA-256 digest and size. It lies in the release as manifest.json, with its Ed25519
// signature (base64) in manifest.sig; those two are the only files it does not list.
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const UNLISTED = new Set([MANIFEST_FILE, SIGNATURE_FILE]);

export const manifestSchema = z.object({
  release: z.string().min(1),
  createdAt: z.string(),
  keyId: z.string(),
  algorithm: z.literal('sha256'),
  // A layered release (layered-release.ts) lists only its own folder's files; `base` binds the
  // full release underneath by the SHA-256 of that release's signed manifest bytes, and names
  // the paths taken away from it, so this one signature covers the release as readers see it.
  base: z.object({ release: z.string().min(1), manifestSha256: z.string().regex(/^[0-9a-f]{64}$/), removed: z.array(z.string()) }).optional(),
  files: z.record(z.string(), z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() })),
});
export type ReleaseManifest = z.output<typeof manifestSchema>;

// Asynchronous, so that checking a whole release lets the publisher answer webhooks meanwhile.
export async function sha256File(file: string): Promise<string> {
  return crypto.createHash('sha256').update(await fs.promises.readFile(file)).digest('hex');
}

// Every regular file under a release, as POSIX paths relative to it, sorted. Anything that
// is not a regular file or a directory (a symlink slipped in, say) is listed too, so a check
// reports it instead of following it. Node's own recursive readdir follows links to folders
// (a layer's .base link would list the whole base), so the walk is done here.
export function listReleaseFiles(dir: string): string[] {
  const out: string[] = [];
  const folders = [''];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for (const e of fs.readdirSync(folder ? path.join(dir, folder) : dir, { withFileTypes: true })) {
      const rel = folder ? `${folder}/${e.name}` : e.name;
      if (e.isDirectory()) folders.push(rel);
      else out.push(rel);
    }
  }
  return out.sort();
}

export function signManifest(bytes: Buffer, privateKey: KeyObject): string {
  return crypto.sign(null, bytes, privateKey).toString('base64');
}

// The manifest, if its bytes carry a valid signature by `publicKey`; otherwise why not.
export function readSignedManifest(bytes: Buffer | undefined, signature: string | undefined, publicKey: KeyObject): { manifest: ReleaseManifest } | { problem: string } {
  if (!bytes) return { problem: `${MANIFEST_FILE} is missing` };
  if (signature === undefined) return { problem: `${SIGNATURE_FILE} is missing` };
  let valid = false;
  try {
    valid = crypto.verify(null, bytes, publicKey, Buffer.from(signature.trim(), 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return { problem: `${MANIFEST_FILE} does not carry a valid signature by the publisher's key` };
  const parsed = parseManifest(bytes);
  if (!parsed.success) return { problem: `${MANIFEST_FILE} is signed but malformed: ${parsed.error.issues[0]?.message}` };
  return { manifest: parsed.data };
}

// Zod checks every entry of a manifest of 600,000 files in seconds; the signature already
// vouches for the bytes, so a large manifest is checked for its shape and a sample of entries.
export function parseManifest(bytes: Buffer): { success: true; data: ReleaseManifest } | { success: false; error: z.ZodError } {
  const raw = JSON.parse(bytes.toString('utf8')) as { files?: Record<string, unknown> };
  const files = raw && typeof raw.files === 'object' && raw.files ? raw.files : undefined;
  if (!files || Object.keys(files).length < 5000) return manifestSchema.safeParse(raw);
  const entries = Object.entries(files);
  const sample = Object.fromEntries(entries.filter((_, i) => i % 997 === 0));
  const head = manifestSchema.safeParse({ ...raw, files: sample });
  if (!head.success) return head;
  for (const [, e] of entries) {
    const entry = e as { sha256?: unknown; size?: unknown };
    if (typeof entry?.sha256 !== 'string' || entry.sha256.length !== 64 || typeof entry.size !== 'number') return manifestSchema.safeParse({ ...raw, files: { bad: e } });
  }
  return { success: true, data: { ...head.data, files: files as ReleaseManifest['files'] } };
}
