import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../lib/log.ts';
import type { BuildReason } from './build-queue.ts';
import { buildSite } from './build-site.ts';
import { checkRelease } from './check-release.ts';
import { BULK_COMPRESSION } from './compress-release.ts';
import { fetchCmsFingerprint } from './fetch-cms-fingerprint.ts';
import { loadSigningKey } from './load-signing-key.ts';
import { pruneReleaseCopies } from './prune-release-copies.ts';
import { emptyTrash, pruneReleases } from './prune-releases.ts';
import { prepareReleaseFiles } from './prepare-release-files.ts';
import type { PublisherConfig } from './publisher-config.ts';
import type { ReleaseInfo } from './publisher-state.ts';
import { liveManifestDigest, liveReleaseDigests } from './read-live-file.ts';
import { readRelease } from './read-release.ts';
import { listReleaseFiles } from './release-manifest.ts';
import { spamError, spamScanKey } from './scan-release-for-spam.ts';
import { storeReleaseCopy } from './store-release-copy.ts';
import { liveReleaseId, switchRelease } from './switch-release.ts';
import { writeReleaseManifest } from './write-release-manifest.ts';

// A failed build, with the id it would have had, so /status can name it.
export class ReleaseError extends Error {
  releaseId: string;
  constructor(releaseId: string, message: string) {
    super(message);
    this.name = 'ReleaseError';
    this.releaseId = releaseId;
  }
}

// Release ids sort by time, so "newer" is a string comparison.
export function newReleaseId(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '$1Z');
}

// One build from CMS to live: note what the CMS holds, build into a fresh folder, check,
// scan for spam, compress, record, sign and keep a copy, switch, prune.
export async function publishRelease(config: PublisherConfig, reasons: BuildReason[], log: Logger, onBuildStart: (pid: number) => void): Promise<ReleaseInfo> {
  const id = newReleaseId();
  const dir = path.join(config.paths.releases, id);
  const logFile = path.join(config.paths.root, 'logs', `${id}.log`);
  const started = Date.now();
  log.info('build.started', { releaseId: id, reasons: reasons.length });
  try {
    // 1. What the CMS holds now; changes after this point make the next build.
    const cmsFingerprint = await fetchCmsFingerprint(config);
    // 2. Build the site from the CMS into its own folder.
    await buildSite(config, dir, logFile, onBuildStart);
    // 3. Check that it is complete before anyone can see it.
    const live = liveReleaseId(config.paths.current);
    const liveInfo = live ? readRelease(path.join(config.paths.releases, live)) : undefined;
    const files = listReleaseFiles(dir);
    const { pages } = checkRelease(dir, liveInfo?.pages, files);
    // 4. Read every file once on every core: refuse spam that reached the CMS's data by any
    //    road (the CMS guard's signatures), precompress text files (reusing the live release's
    //    twins of unchanged files), take the digests and store the objects.
    fs.mkdirSync(config.paths.objects, { recursive: true, mode: 0o700 });
    const scanKey = spamScanKey(config.linkAllowlist);
    const skipScanOfUnchanged = scannedWith(config, live) === scanKey;
    const prepared = await prepareReleaseFiles(dir, files, { scan: config.linkAllowlist, compress: BULK_COMPRESSION, objects: config.paths.objects, storeObjects: true, skipScanOfUnchanged }, liveReleaseDigests(config));
    if (prepared.spam.length) throw spamError(prepared.spam);
    // 5. Record the release; release.json marks it complete.
    const info: ReleaseInfo = { id, builtAt: new Date().toISOString(), pages, buildMs: Date.now() - started, reasons, cmsFingerprint, spamScanKey: scanKey };
    fs.writeFileSync(path.join(dir, 'release.json'), JSON.stringify(info, null, 2));
    // 6. Sign the digests of every file (taken in step 4), and keep the publisher's own copy
    //    (step 4 stored the files' objects; this adds release.json, the manifest, anything missing).
    const signed = await writeReleaseManifest(dir, id, loadSigningKey(config.paths.signingKey, config.paths.publicKey), { known: prepared.digests });
    await storeReleaseCopy(dir, signed.manifest, signed.bytes, signed.signature, config.paths);
    // 7. Switch atomically, unless a newer release is already live.
    if (live && live > id) throw new Error(`release ${id} is older than live ${live}; not switching`);
    switchRelease(config.paths.current, dir);
    // 8. Keep the last few releases (and their copies) for rollback; deleting the rest
    //    happens in the background.
    pruneInBackground(config, id, log);
    // Read the new base's signed manifest now, not during the first layer's publish.
    setImmediate(() => liveManifestDigest(config, 'index.html'));
    log.info('build.published', { releaseId: id, pages, ms: info.buildMs });
    console.error(`[publisher] release ${id} is live: ${pages} pages in ${(info.buildMs / 1000).toFixed(1)} s (${reasons.length} change(s))`);
    return info;
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    const reason = (error as Error).message;
    log.error('build.failed', { releaseId: id, reason, log: logFile });
    console.error(`[publisher] build ${id} failed, the live release stays: ${reason.split('\n')[0]}`);
    throw new ReleaseError(id, reason);
  }
}

// Moves releases beyond the kept ones out of `releases` (one rename each) and deletes them and
// their copies in the background: at 210,000 pages that takes a minute, after the switch.
export function pruneInBackground(config: PublisherConfig, liveId: string, log: Logger): Promise<void> {
  const pruned = pruneReleases(config.paths.releases, config.keepReleases, liveId);
  if (pruned.length) log.info('releases.pruned', { releaseIds: pruned });
  const kept = fs.readdirSync(config.paths.releases);
  return Promise.all([emptyTrash(config.paths.releases), pruneReleaseCopies(config.paths, kept)]).then(
    () => undefined,
    (error) => log.warn('releases.prune-failed', { reason: (error as Error).message }),
  );
}

// The spam matcher every page of a live release was scanned with: its own, and its base's for a
// layer (undefined when they differ or were not recorded).
export function scannedWith(config: PublisherConfig, releaseId: string | undefined): string | undefined {
  if (!releaseId) return undefined;
  const info = readRelease(path.join(config.paths.releases, releaseId));
  if (!info?.spamScanKey) return undefined;
  if (!info.base) return info.spamScanKey;
  return readRelease(path.join(config.paths.releases, info.base))?.spamScanKey === info.spamScanKey ? info.spamScanKey : undefined;
}
