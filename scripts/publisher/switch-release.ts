import fs from 'node:fs';
import path from 'node:path';

// Makes a release live by pointing the `current` link at it. A new link is made beside the old
// one and renamed over it: rename is atomic, so a reader sees the old release or the new one.
export function switchRelease(currentLink: string, releaseDir: string): void {
  const tmp = `${currentLink}.next-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  fs.symlinkSync(path.relative(path.dirname(currentLink), releaseDir), tmp);
  fs.renameSync(tmp, currentLink);
}

export function liveReleaseId(currentLink: string): string | undefined {
  try {
    return path.basename(fs.readlinkSync(currentLink));
  } catch {
    return undefined;
  }
}
