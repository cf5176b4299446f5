import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.ts';

// Stamps that let install and build steps run only when their inputs changed.
export function hashInputs(paths: string[]): string {
  const hash = crypto.createHash('sha256');
  const visit = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name));
    } else {
      hash.update(path.relative(repoRoot, p));
      hash.update(fs.readFileSync(p));
    }
  };
  for (const p of paths) visit(path.join(repoRoot, p));
  return hash.digest('hex');
}

export function upToDate(stampFile: string, digest: string): boolean {
  return fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === digest;
}
