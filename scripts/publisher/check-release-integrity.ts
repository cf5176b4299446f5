import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BASE_LINK } from './layered-release.ts';
import { listReleaseFiles, MANIFEST_FILE, readSignedManifest, sha256File, SIGNATURE_FILE, UNLISTED, type ReleaseManifest } from './release-manifest.ts';
import { trustedManifestFiles, type TrustedStore } from './store-release-copy.ts';

export interface IntegrityReport {
  releaseId: string;
  ok: boolean;
  // Why the file list could not be trusted at all (no manifest, bad signature), if so.
  problem?: string;
  // Which signed manifest the files were held against: the publisher's own copy, or the one
  // in the release (npm run verify on a machine without the publisher's store).
  manifestFrom?: 'publisher' | 'release';
  // A layered release: the full release underneath (its files are named `.base/<path>`).
  base?: string;
  checked: number;
  changed: string[];
  added: string[];
  missing: string[];
}

export interface IntegrityCheck {
  report: IntegrityReport;
  trusted?: { manifest: ReleaseManifest; bytes: Buffer; signature: string };
  // A layered release's base, checked as the full release it is (its files appear in the
  // report above as `.base/<path>`).
  base?: { dir: string; check: IntegrityCheck };
}

export interface IntegrityOptions {
  // Check a layered release's own files only, not its base (after a layer switch: the base was
  // checked when it went live and is checked by every periodic run).
  layerOnly?: boolean;
}

const readIfFile = (file: string): Buffer | undefined => {
  try {
    return fs.lstatSync(file).isFile() ? fs.readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
};

// Holds every file of a release against its signed manifest: a file whose bytes differ is
// changed, one the manifest lists but the folder lacks is missing, one the folder holds but
// the manifest does not list is added. The publisher's own copy of the manifest is preferred,
// so rewriting the release's manifest.json (even re-signing it with another key) shows up as a
// change to manifest.json and hides nothing.
// A layered release is checked in two parts: its own folder against its own signed manifest,
// whose `base` entry names the base's manifest by digest, and the base folder against that.
export async function checkReleaseIntegrity(dir: string, releaseId: string, publicKey: KeyObject, store?: TrustedStore, options: IntegrityOptions = {}): Promise<IntegrityCheck> {
  const report: IntegrityReport = { releaseId, ok: false, checked: 0, changed: [], added: [], missing: [] };
  const inRelease = { bytes: readIfFile(path.join(dir, MANIFEST_FILE)), signature: readIfFile(path.join(dir, SIGNATURE_FILE))?.toString('utf8') };

  // 1. The signed manifest to trust.
  let trusted: IntegrityCheck['trusted'];
  const own = store ? trustedManifestFiles(store, releaseId) : undefined;
  const ownBytes = own ? readIfFile(own.manifest) : undefined;
  if (own && ownBytes) {
    const signature = readIfFile(own.signature)?.toString('utf8');
    const read = readSignedManifest(ownBytes, signature, publicKey);
    if ('problem' in read) report.problem = `the publisher's copy of the manifest: ${read.problem}`;
    else {
      trusted = { manifest: read.manifest, bytes: ownBytes, signature: signature ?? '' };
      report.manifestFrom = 'publisher';
      // The release's own manifest and signature must be the very same bytes.
      for (const [name, expected, actual] of [
        [MANIFEST_FILE, ownBytes, inRelease.bytes],
        [SIGNATURE_FILE, Buffer.from(signature ?? ''), inRelease.signature === undefined ? undefined : Buffer.from(inRelease.signature)],
      ] as const) {
        if (actual === undefined) report.missing.push(name);
        else if (!expected.equals(actual)) report.changed.push(name);
      }
    }
  } else {
    const read = readSignedManifest(inRelease.bytes, inRelease.signature, publicKey);
    if ('problem' in read) report.problem = read.problem;
    else {
      trusted = { manifest: read.manifest, bytes: inRelease.bytes!, signature: inRelease.signature! };
      report.manifestFrom = 'release';
    }
  }
  if (trusted && trusted.manifest.release !== releaseId) {
    report.problem = `the manifest is for release ${trusted.manifest.release}, not ${releaseId}`;
    trusted = undefined;
  }
  if (!trusted) return { report };

  // 2. Every file against it.
  const expected = trusted.manifest.files;
  const layered = trusted.manifest.base;
  const present = listReleaseFiles(dir).filter((rel) => !UNLISTED.has(rel) && !(layered && rel === BASE_LINK));
  if (layered) {
    let target: string | undefined;
    try {
      target = fs.readlinkSync(path.join(dir, BASE_LINK));
    } catch {
      target = undefined;
    }
    if (target === undefined) report.missing.push(BASE_LINK);
    else if (target !== `../${layered.release}`) report.changed.push(BASE_LINK);
  }
  for (const rel of present) if (!Object.hasOwn(expected, rel)) report.added.push(rel);
  // Several files at a time: a 210,000-page release has 600,000 files to read.
  const entries = Object.entries(expected);
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const [rel, entry] = entries[next++];
      report.checked += 1;
      let stat: fs.Stats;
      try {
        stat = fs.lstatSync(path.join(dir, rel));
      } catch {
        report.missing.push(rel);
        continue;
      }
      if (!stat.isFile() || stat.size !== entry.size || (await sha256File(path.join(dir, rel))) !== entry.sha256) report.changed.push(rel);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  // 3. A layered release's base, bound by the digest of its signed manifest.
  let base: IntegrityCheck['base'];
  if (layered) report.base = layered.release;
  if (layered && !options.layerOnly) {
    const baseDir = path.join(path.dirname(dir), layered.release);
    const check = await checkReleaseIntegrity(baseDir, layered.release, publicKey, store);
    base = { dir: baseDir, check };
    const bound = check.trusted && crypto.createHash('sha256').update(check.trusted.bytes).digest('hex') === layered.manifestSha256;
    if (check.report.problem || !bound) report.problem = `its base ${layered.release}: ${check.report.problem ?? 'the signed manifest is not the one this layer was made over'}`;
    report.checked += check.report.checked;
    for (const k of ['changed', 'added', 'missing'] as const) report[k].push(...check.report[k].map((rel) => `${BASE_LINK}/${rel}`));
  }
  report.changed.sort();
  report.missing.sort();
  report.ok = !report.problem && report.changed.length + report.added.length + report.missing.length === 0;
  return { report, trusted, base };
}
