import fs from 'node:fs';
import path from 'node:path';
import type { ReleaseInfo } from './publisher-state.ts';

// Releases describe themselves in release.json, written only once a release is complete, so
// a folder without it is an interrupted build.
export function readRelease(dir: string): ReleaseInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'release.json'), 'utf8')) as ReleaseInfo;
  } catch {
    return undefined;
  }
}

export function listReleases(releasesDir: string): ReleaseInfo[] {
  if (!fs.existsSync(releasesDir)) return [];
  return fs
    .readdirSync(releasesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => readRelease(path.join(releasesDir, e.name)))
    .filter((r): r is ReleaseInfo => Boolean(r))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function removeIncompleteReleases(releasesDir: string): string[] {
  if (!fs.existsSync(releasesDir)) return [];
  const removed: string[] = [];
  for (const e of fs.readdirSync(releasesDir, { withFileTypes: true })) {
    if (e.isDirectory() && !readRelease(path.join(releasesDir, e.name))) {
      fs.rmSync(path.join(releasesDir, e.name), { recursive: true, force: true });
      removed.push(e.name);
    }
  }
  return removed;
}
