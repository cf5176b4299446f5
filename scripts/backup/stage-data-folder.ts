import fs from 'node:fs';
import path from 'node:path';

// Which parts of the data folder a backup carries, and how they are set aside for it.
//
// Everything in the data folder is state to keep (secrets, build token, webhook secret, admin
// credentials, uploads, keys other parts of Shequ add later) except:
//   cms.db and its journal files  the live database; the consistent snapshot goes in instead
//   site/                          releases, build logs, publisher state: rebuilt from the CMS
//   backups/                       the archives themselves (and a backup's staging folder)
// so a new kind of secret is backed up without anyone remembering to add it here.
const EXCLUDED_TOP = new Set(['cms.db', 'cms.db-journal', 'cms.db-wal', 'cms.db-shm', 'site', 'backups']);

// Strapi writes each upload as a new file and never rewrites one, so a hard link is an instant,
// stable snapshot of it however large the media folder is. Small files (secrets) are copied,
// because they may be rewritten in place.
const LINKED_PREFIX = `public${path.sep}uploads${path.sep}`;

export interface StagedFolder {
  files: number;
  uploads: { files: number; bytes: number };
  skipped: string[];
}

export function stageDataFolder(dataDir: string, target: string): StagedFolder {
  const result: StagedFolder = { files: 0, uploads: { files: 0, bytes: 0 }, skipped: [] };
  const walk = (rel: string) => {
    const dir = path.join(dataDir, rel);
    fs.mkdirSync(path.join(target, rel), { recursive: true, mode: 0o700 });
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const childRel = path.join(rel, entry.name);
      if (rel === '' && EXCLUDED_TOP.has(entry.name)) continue;
      if (entry.isDirectory()) walk(childRel);
      else if (entry.isFile()) {
        const from = path.join(dataDir, childRel);
        const to = path.join(target, childRel);
        if (!stageFile(from, to, childRel.startsWith(LINKED_PREFIX))) {
          // Deleted between listing and linking: it is no longer part of the state.
          continue;
        }
        result.files++;
        if (childRel.startsWith(LINKED_PREFIX)) {
          result.uploads.files++;
          result.uploads.bytes += fs.statSync(to).size;
        }
      } else result.skipped.push(childRel);
    }
  };
  walk('');
  return result;
}

function stageFile(from: string, to: string, link: boolean): boolean {
  try {
    if (link) {
      try {
        fs.linkSync(from, to);
        return true;
      } catch (error) {
        // Another file system or no hard links: fall back to a copy.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
      }
    }
    fs.copyFileSync(from, to);
    fs.chmodSync(to, fs.statSync(from).mode & 0o777);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
