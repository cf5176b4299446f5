import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ArchiveError } from './archive-crypto.ts';

// manifest.json, the first entry of every archive: what is inside and the SHA-256 of each file,
// checked file by file on restore before anything is put in place.

export const MANIFEST_NAME = 'manifest.json';

const fileEntry = z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export const manifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  shequVersion: z.string(),
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    // database/cms.db (SQLite) or database/cms.dump (pg_dump's custom format)
    file: z.string(),
    // rows per table at the moment of the snapshot
    tables: z.record(z.string(), z.number().int().nonnegative()),
  }),
  uploads: z.object({ files: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  files: z.array(fileEntry),
});
export type Manifest = z.output<typeof manifestSchema>;
export type ManifestFile = z.output<typeof fileEntry>;

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

// Every regular file under `root`, as sorted forward-slash paths relative to it.
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(path.relative(root, full).split(path.sep).join('/'));
      else throw new ArchiveError(`unexpected ${entry.isSymbolicLink() ? 'symbolic link' : 'special file'} in the archive: ${path.relative(root, full)}`);
    }
  };
  walk(root);
  return out.sort();
}

export async function describeFiles(root: string, files: string[]): Promise<ManifestFile[]> {
  const out: ManifestFile[] = [];
  for (const rel of files) {
    const full = path.join(root, rel);
    out.push({ path: rel, size: fs.statSync(full).size, sha256: await sha256File(full) });
  }
  return out;
}

export function readManifest(root: string): Manifest {
  const file = path.join(root, MANIFEST_NAME);
  if (!fs.existsSync(file)) throw new ArchiveError('the archive has no manifest.json: not a Shequ backup, or a damaged one');
  const parsed = manifestSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new ArchiveError(`the archive's manifest.json is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

// Every file the manifest lists is there with its size and digest, and nothing else is.
export async function verifyAgainstManifest(root: string, manifest: Manifest): Promise<void> {
  const present = listFiles(root).filter((f) => f !== MANIFEST_NAME);
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const extra = present.filter((f) => !listed.has(f));
  if (extra.length > 0) throw new ArchiveError(`the archive holds files its manifest does not list: ${extra.slice(0, 5).join(', ')}`);
  const presentSet = new Set(present);
  const missing = manifest.files.filter((f) => !presentSet.has(f.path)).map((f) => f.path);
  if (missing.length > 0) throw new ArchiveError(`files listed in the manifest are missing from the archive: ${missing.slice(0, 5).join(', ')}`);
  for (const f of manifest.files) {
    const full = path.join(root, f.path);
    const size = fs.statSync(full).size;
    if (size !== f.size || (await sha256File(full)) !== f.sha256) throw new ArchiveError(`${f.path} does not match its digest in the manifest`);
  }
}
