import fs from 'node:fs';
import path from 'node:path';

// Keeps the newest `keep` releases (and always the live one) so rollback stays instant.
export function pruneReleases(releasesDir: string, keep: number, liveId: string | undefined): string[] {
  if (!fs.existsSync(releasesDir)) return [];
  const ids = fs.readdirSync(releasesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const doomed = ids.slice(0, Math.max(0, ids.length - keep)).filter((id) => id !== liveId);
  for (const id of doomed) fs.rmSync(path.join(releasesDir, id), { recursive: true, force: true });
  return doomed;
}
