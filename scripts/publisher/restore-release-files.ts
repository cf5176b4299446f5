import fs from 'node:fs';
import path from 'node:path';
import type { IntegrityCheck } from './check-release-integrity.ts';
import { BASE_LINK } from './layered-release.ts';
import { MANIFEST_FILE, sha256File, SIGNATURE_FILE } from './release-manifest.ts';
import type { TrustedStore } from './store-release-copy.ts';

export interface RestoreResult {
  restored: string[]; // changed or missing files put back byte for byte
  removed: string[]; // added files taken out
  unrestorable: string[]; // no good copy in the store (it was damaged or pruned)
}

// Puts a tampered release back as it was signed, from the publisher's own copy: added files are
// removed, changed and missing ones are copied back from the object store (the copy's digest
// checked first) into a temporary file beside the target and renamed over it, so a reader gets
// the old bytes or the right ones, never half a file. The caller checks the release again.
export async function restoreReleaseFiles(dir: string, check: IntegrityCheck, store: TrustedStore): Promise<RestoreResult> {
  const result: RestoreResult = { restored: [], removed: [], unrestorable: [] };
  const { trusted } = check;
  // A layered release's base files (named `.base/<path>`) are put back in the base itself.
  const own = (list: string[]) => list.filter((rel) => !rel.startsWith(`${BASE_LINK}/`));
  const report = { added: own(check.report.added), changed: own(check.report.changed), missing: own(check.report.missing) };
  if (check.base) {
    const underneath = await restoreReleaseFiles(check.base.dir, check.base.check, store);
    for (const k of ['restored', 'removed', 'unrestorable'] as const) result[k].push(...underneath[k].map((rel) => `${BASE_LINK}/${rel}`));
  }
  if (!trusted) return { ...result, unrestorable: [...result.unrestorable, ...report.changed, ...report.missing] };
  const inside = (rel: string) => {
    const target = path.resolve(dir, rel);
    if (!target.startsWith(dir + path.sep)) throw new Error(`refusing to touch ${rel}: outside the release`);
    return target;
  };

  // 1. Take out what was added.
  for (const rel of report.added) {
    fs.rmSync(inside(rel), { recursive: true, force: true });
    result.removed.push(rel);
  }
  // 2. Put back what was changed or removed.
  for (const rel of [...report.changed, ...report.missing]) {
    const target = inside(rel);
    if (rel === BASE_LINK && trusted.manifest.base) {
      fs.rmSync(target, { recursive: true, force: true });
      fs.symlinkSync(`../${trusted.manifest.base.release}`, target);
      result.restored.push(rel);
      continue;
    }
    let source: Buffer | string;
    if (rel === MANIFEST_FILE) source = trusted.bytes;
    else if (rel === SIGNATURE_FILE) source = trusted.signature;
    else {
      const entry = trusted.manifest.files[rel];
      const object = path.join(store.objects, entry?.sha256 ?? '-');
      if (!entry || !fs.existsSync(object) || (await sha256File(object)) !== entry.sha256) {
        result.unrestorable.push(rel);
        continue;
      }
      source = object;
    }
    // A folder (or anything) standing where a file belongs goes first; then the parent must be a folder.
    if (fs.existsSync(target) && !fs.lstatSync(target).isFile()) fs.rmSync(target, { recursive: true, force: true });
    ensureFolder(dir, path.dirname(target));
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.restore-${process.pid}`);
    if (typeof source === 'string') fs.copyFileSync(source, tmp);
    else fs.writeFileSync(tmp, source);
    fs.renameSync(tmp, target);
    result.restored.push(rel);
  }
  return result;
}

// Makes every level between the release and `folder` a real folder, replacing a file or link
// that stands in the way.
function ensureFolder(dir: string, folder: string): void {
  const parts = path.relative(dir, folder).split(path.sep).filter(Boolean);
  let at = dir;
  for (const part of parts) {
    at = path.join(at, part);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.lstatSync(at);
    } catch {
      stat = undefined;
    }
    if (stat && !stat.isDirectory()) fs.rmSync(at, { force: true });
    if (!stat || !stat.isDirectory()) fs.mkdirSync(at);
  }
}
