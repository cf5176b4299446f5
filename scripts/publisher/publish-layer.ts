import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../lib/log.ts';
import type { BuildReason } from './build-queue.ts';
import { MUST_HAVE_FILES } from './check-release.ts';
import { BULK_COMPRESSION, LAYER_COMPRESSION } from './compress-release.ts';
import { BASE_LINK, isLayerBookkeeping, LAYER_FILE, readLayer, TOMBSTONES, type LayerDescription } from './layered-release.ts';
import { loadSigningKey } from './load-signing-key.ts';
import { newReleaseId, pruneInBackground, ReleaseError } from './publish-release.ts';
import type { PublisherConfig } from './publisher-config.ts';
import type { ReleaseInfo } from './publisher-state.ts';
import { readRelease } from './read-release.ts';
import { isTextFile, writeFileWithTwins, type FileDigest } from './release-file-worker.ts';
import { UNLISTED, type ReleaseManifest } from './release-manifest.ts';
import { scanPageForSpam, spamError, spamScanKey, type PageSpam } from './scan-release-for-spam.ts';
import { signedManifestOf } from './read-live-file.ts';
import { storeReleaseCopy } from './store-release-copy.ts';
import { liveReleaseId, switchRelease } from './switch-release.ts';
import { writeReleaseManifest } from './write-release-manifest.ts';

export interface LayerChange {
  files: Map<string, Buffer>; // release-relative path → new content (pages, feeds, media …)
  removed: string[]; // release-relative paths no longer published
}

const TWINS = ['.br', '.gz'];
const EMPTY_SHA256 = crypto.createHash('sha256').digest('hex');
// Above this many changed text files a layer compresses at the bulk quality (compress-release.ts):
// brotli 10 costs ~5 ms a page, 50 pages would add a quarter of a second to the publish.
const LAYER_QUALITY_UP_TO = 20;
// …and so does any file above this size: brotli 10 costs about 1 ms per KB, so a month's sitemap
// (800 KB: 0.8 s at 10, 24 ms at 5) would hold up every unpublish by most of a second.
const LAYER_QUALITY_MAX_BYTES = 128 * 1024;

// Publishes the pages an incremental render produced as a layered release (layered-release.ts)
// over the live full release: its cost follows the changed files and the overlay carried over,
// never the 210,000 pages underneath. Same guarantees as a full release: checked, scanned for
// spam, precompressed, signed (the manifest binds the base's manifest), copied into the
// publisher's store, switched atomically, pruned in the background.
export async function publishLayer(config: PublisherConfig, change: LayerChange, reasons: BuildReason[], log: Logger, meta: { cmsFingerprint: string }): Promise<ReleaseInfo> {
  const started = Date.now();
  const liveId = liveReleaseId(config.paths.current);
  const id = nextId(liveId);
  const dir = path.join(config.paths.releases, id);
  // Milliseconds per step, logged with the result (what a layer publish spends, and where).
  const steps: Record<string, number> = {};
  let lap = performance.now();
  const done = (step: string) => {
    const now = performance.now();
    steps[step] = Math.round((now - lap) * 10) / 10;
    lap = now;
  };
  log.info('layer.started', { releaseId: id, files: change.files.size, removed: change.removed.length });
  try {
    // 1. Refuse without a live full release to lie over (the first release is a full build).
    if (!liveId) throw new Error('no live release: the first release must be a full build');
    if (id <= liveId) throw new Error(`release ${id} is older than live ${liveId}; not switching`);
    const liveDir = path.join(config.paths.releases, liveId);
    if (!readRelease(liveDir)) throw new Error(`the live release ${liveId} is incomplete (no release.json)`);
    // What the live release is made of, from its signed manifest (layer.json is only its copy);
    // kept in memory, so only the first layer over a new base reads the base's manifest.
    const liveManifest = signedManifestOf(config, liveId).manifest;
    const liveLayer: LayerDescription | undefined = liveManifest.base && { base: liveManifest.base.release, removed: liveManifest.base.removed };
    const baseId = liveLayer?.base ?? liveId;
    const baseDir = path.join(config.paths.releases, baseId);
    const baseInfo = readRelease(baseDir);
    if (!baseInfo || readLayer(baseDir)) throw new Error(`the base ${baseId} of the live release is not a complete full release`);
    done('live');
    // 2. Check the change: safe paths, pages with content, the must-have files kept.
    const removed = checkChange(change);
    done('check');
    // 3. Refuse spam on the changed pages (the same matcher as a full release's scan).
    const spam: PageSpam[] = [];
    for (const [rel, bytes] of change.files) {
      if (!rel.endsWith('.html')) continue;
      const findings = scanPageForSpam(bytes.toString('utf8'), config.linkAllowlist);
      if (findings.length) spam.push({ page: `/${rel}`, findings });
    }
    if (spam.length) throw spamError(spam);
    done('spam');
    // 4. Write the layer: the live overlay carried over (hard links), the changed files and
    //    their twins, the tombstones, the link to the base, layer.json and release.json.
    const known = new Map<string, FileDigest>();
    const replaced = new Set<string>();
    for (const rel of [...change.files.keys(), ...removed]) for (const r of [rel, ...TWINS.map((t) => rel + t)]) replaced.add(r);
    fs.mkdirSync(dir, { recursive: true });
    if (liveLayer) carryOverlay(liveManifest, liveDir, dir, replaced, known);
    const compression = [...change.files.keys()].filter(isTextFile).length > LAYER_QUALITY_UP_TO ? BULK_COMPRESSION : LAYER_COMPRESSION;
    const compressionOf = (bytes: Buffer) => (bytes.length > LAYER_QUALITY_MAX_BYTES ? BULK_COMPRESSION : compression);
    for (const written of await Promise.all([...change.files].map(([rel, bytes]) => writeFileWithTwins(dir, rel, bytes, compressionOf(bytes))))) {
      for (const [r, digest] of written) known.set(r, digest);
    }
    const tombstones = tombstonesFor(liveLayer, change, removed, baseDir);
    for (const rel of tombstones) {
      const marker = path.join(dir, TOMBSTONES, rel);
      fs.mkdirSync(path.dirname(marker), { recursive: true });
      fs.writeFileSync(marker, '');
      known.set(`${TOMBSTONES}/${rel}`, { sha256: EMPTY_SHA256, size: 0 });
    }
    fs.symlinkSync(`../${baseId}`, path.join(dir, BASE_LINK));
    const layer: LayerDescription = { base: baseId, removed: tombstones };
    fs.writeFileSync(path.join(dir, LAYER_FILE), JSON.stringify(layer, null, 1));
    const overlay = [...known.keys()].filter((rel) => !rel.startsWith(`${TOMBSTONES}/`));
    const pages = countPages(baseInfo.pages, overlay, tombstones, baseDir);
    const compactionDue = overlay.length > config.layerMaxFiles;
    const info: ReleaseInfo = { id, builtAt: new Date().toISOString(), pages, buildMs: 0, reasons, cmsFingerprint: meta.cmsFingerprint, spamScanKey: spamScanKey(config.linkAllowlist), base: baseId, layer: { files: overlay.length, removed: tombstones.length, compactionDue } };
    info.buildMs = Date.now() - started;
    fs.writeFileSync(path.join(dir, 'release.json'), JSON.stringify(info, null, 2));
    done('write');
    // 5. Sign the layer's files, binding the base's signed manifest and the removed paths.
    const signed = await writeReleaseManifest(dir, id, loadSigningKey(config.paths.signingKey, config.paths.publicKey), {
      known,
      base: { release: baseId, manifestSha256: signedManifestOf(config, baseId).bytesSha256, removed: tombstones },
    });
    done('sign');
    // 6. Keep the publisher's copy: only the files new to the store.
    await storeReleaseCopy(dir, signed.manifest, signed.bytes, signed.signature, config.paths);
    done('store');
    // 7. Switch atomically, if what is live is still what this layer was made over.
    const now = liveReleaseId(config.paths.current);
    if (now !== liveId) throw new Error(`the live release changed from ${liveId} to ${now} while the layer was made; not switching`);
    switchRelease(config.paths.current, dir);
    done('switch');
    // 8. Prune in the background; a kept layer's base is always kept.
    void pruneInBackground(config, id, log);
    done('prune');
    info.buildMs = Date.now() - started;
    if (compactionDue) log.warn('layer.compaction-due', { releaseId: id, files: overlay.length, limit: config.layerMaxFiles });
    log.info('layer.published', { releaseId: id, base: baseId, files: change.files.size, removed: change.removed.length, overlay: overlay.length, ms: info.buildMs, steps });
    return info;
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    const reason = (error as Error).message;
    log.error('layer.failed', { releaseId: id, reason });
    throw new ReleaseError(id, reason);
  }
}

// Release ids sort by time; two publishes within the same millisecond still get ordered ids.
// A live id from the future (a clock set back) is refused at the switch, as for a full build.
function nextId(liveId: string | undefined): string {
  const now = Date.now();
  for (let ms = now; ms < now + 5; ms += 1) {
    const id = newReleaseId(new Date(ms));
    if (!liveId || id > liveId) return id;
  }
  return newReleaseId(new Date(now));
}

// The paths a change removes, after refusing anything unsafe, with a reason naming the path.
export function checkChange(change: LayerChange): string[] {
  const problems: string[] = [];
  const pathProblem = (rel: string): string | undefined => {
    if (typeof rel !== 'string' || rel === '') return 'an empty path';
    if (rel.startsWith('/') || rel.includes('\\') || rel.includes('\0')) return `${JSON.stringify(rel)} is not a release-relative path`;
    if (rel.split('/').some((part) => part === '' || part === '.' || part === '..')) return `${JSON.stringify(rel)} is not a plain path inside the release`;
    if (isLayerBookkeeping(rel) || UNLISTED.has(rel) || rel === 'release.json') return `${rel} is the publisher's own bookkeeping`;
    if (TWINS.some((t) => rel.endsWith(t))) return `${rel}: the publisher writes .br/.gz twins itself`;
    return undefined;
  };
  for (const [rel, bytes] of change.files) {
    const p = pathProblem(rel);
    if (p) problems.push(p);
    else if (rel.endsWith('.html') && bytes.toString('utf8').trim() === '') problems.push(`${rel} is an empty page`);
  }
  const removed = [...new Set(change.removed)];
  for (const rel of removed) {
    const p = pathProblem(rel);
    if (p) problems.push(p);
    else if (MUST_HAVE_FILES.includes(rel)) problems.push(`${rel} must never be removed`);
    else if (change.files.has(rel)) problems.push(`${rel} is both changed and removed`);
  }
  if (problems.length) throw new Error(`the change is refused: ${problems.join('; ')}`);
  return removed.sort();
}

// Hard-links the live layer's overlay into the new layer (what this change does not replace),
// with the digests from the live layer's signed manifest, so nothing is read or hashed.
function carryOverlay(live: ReleaseManifest, liveDir: string, dir: string, replaced: Set<string>, known: Map<string, FileDigest>): void {
  for (const [rel, digest] of Object.entries(live.files)) {
    if (replaced.has(rel) || rel === 'release.json' || isLayerBookkeeping(rel)) continue;
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.linkSync(path.join(liveDir, rel), target);
    known.set(rel, digest);
  }
}

// The live layer's tombstones that the change does not bring back, and the removed paths (with
// their twins) the base holds. A removed path only the overlay held just leaves the overlay.
function tombstonesFor(liveLayer: LayerDescription | undefined, change: LayerChange, removed: string[], baseDir: string): string[] {
  const back = new Set<string>();
  for (const rel of change.files.keys()) for (const r of [rel, ...TWINS.map((t) => rel + t)]) back.add(r);
  const out = new Set((liveLayer?.removed ?? []).filter((rel) => !back.has(rel)));
  for (const rel of removed) {
    for (const r of [rel, ...TWINS.map((t) => rel + t)]) {
      if (fs.existsSync(path.join(baseDir, r))) out.add(r);
    }
  }
  return [...out].sort();
}

function countPages(basePages: number, overlay: string[], tombstones: string[], baseDir: string): number {
  const html = (rel: string) => rel.endsWith('.html');
  const added = overlay.filter((rel) => html(rel) && !fs.existsSync(path.join(baseDir, rel))).length;
  return basePages + added - tombstones.filter(html).length;
}
