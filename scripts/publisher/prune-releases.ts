import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readLayer } from './layered-release.ts';

// Keeps the newest `keep` releases (and always the live one) so rollback stays instant, and the
// base of every kept layered release however old it is. A doomed release is first renamed
// into `trash` (beside `releases`, one rename however many files it holds) and deleted in the
// background (emptyTrash): deleting 210,000 pages takes a minute, which must not hold up the
// next publish. Returns the pruned ids.
export function pruneReleases(releasesDir: string, keep: number, liveId: string | undefined): string[] {
  if (!fs.existsSync(releasesDir)) return [];
  const ids = fs.readdirSync(releasesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const kept = new Set(ids.slice(Math.max(0, ids.length - keep)));
  if (liveId) kept.add(liveId);
  for (const id of [...kept]) {
    const base = baseOf(path.join(releasesDir, id));
    if (base) kept.add(base);
  }
  const doomed = ids.filter((id) => !kept.has(id));
  const trash = trashFolder(releasesDir);
  for (const id of doomed) {
    fs.mkdirSync(trash, { recursive: true });
    fs.renameSync(path.join(releasesDir, id), path.join(trash, `${id}-${process.pid}-${Date.now()}`));
  }
  return doomed;
}

// Where pruned releases wait for deletion: beside `releases`, so a rename moves them.
export function trashFolder(releasesDir: string): string {
  return path.join(path.dirname(releasesDir), 'trash');
}

// Deletes everything in the trash (also what a killed publisher left) in a child process at
// the lowest priority, so neither the publisher's event loop nor its file threads wait for it.
let emptying: Promise<void> | undefined;
export function emptyTrash(releasesDir: string): Promise<void> {
  const trash = trashFolder(releasesDir);
  const run = async () => {
    for (const name of fs.existsSync(trash) ? fs.readdirSync(trash) : []) await removeInChild(path.join(trash, name));
  };
  // One deletion at a time; a call while one runs deletes what arrived meanwhile afterwards.
  emptying = (emptying ?? Promise.resolve()).then(run, run);
  return emptying;
}

function baseOf(dir: string): string | undefined {
  try {
    return readLayer(dir)?.base;
  } catch {
    return undefined;
  }
}

function removeInChild(folder: string): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('nice', ['-n', '19', 'rm', '-rf', '--', folder], { stdio: 'ignore' });
    // Without nice/rm (not a POSIX system), Node deletes it.
    child.on('error', () => void fs.promises.rm(folder, { recursive: true, force: true }).then(resolve, () => resolve()));
    child.on('exit', () => resolve());
  });
}
