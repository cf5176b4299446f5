import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../lib/log.ts';
import { checkReleaseIntegrity, type IntegrityOptions } from './check-release-integrity.ts';
import { restoreReleaseFiles } from './restore-release-files.ts';
import type { TrustedStore } from './store-release-copy.ts';
import { liveReleaseId } from './switch-release.ts';

const RESTORE_ROUNDS = 3;

export interface IntegrityCheckRecord {
  at: string;
  releaseId: string | null;
  ok: boolean;
  checked: number;
  problem?: string;
}

export interface TamperAlert {
  at: string;
  releaseId: string;
  changed: string[];
  added: string[];
  missing: string[];
  problem?: string;
  // true when the release matched its signed manifest again after the restore.
  restored: boolean;
  unrestorable: string[];
}

// One integrity check of the live release: held against its signed manifest and, on any
// difference, put back from the publisher's own copy, checked again and reported as
// `release.tampered` naming every file. Returns the check and, if there was one, the alert.
// `layerOnly`: right after a layered release went live, its base was already checked.
export async function guardLiveRelease(paths: TrustedStore & { current: string; releases: string }, publicKey: KeyObject, log: Logger, options: IntegrityOptions = {}): Promise<{ check: IntegrityCheckRecord; alert?: TamperAlert }> {
  const at = new Date().toISOString();
  const releaseId = liveReleaseId(paths.current);
  if (!releaseId) return { check: { at, releaseId: null, ok: true, checked: 0 } };
  const dir = fs.realpathSync(path.join(paths.releases, releaseId));

  // 1. Check.
  const first = await checkReleaseIntegrity(dir, releaseId, publicKey, paths, options);
  if (first.report.ok) return { check: { at, releaseId, ok: true, checked: first.report.checked } };

  // 2. Restore what can be restored, then check again; a few rounds, in case the intrusion
  //    was still going on while the first check read the files.
  const named = { changed: new Set<string>(), added: new Set<string>(), missing: new Set<string>() };
  const unrestorable = new Set<string>();
  let check = first;
  for (let round = 0; round < RESTORE_ROUNDS && !check.report.ok; round += 1) {
    for (const k of ['changed', 'added', 'missing'] as const) for (const f of check.report[k]) named[k].add(f);
    if (!check.trusted) break;
    for (const f of (await restoreReleaseFiles(dir, check, paths)).unrestorable) unrestorable.add(f);
    check = await checkReleaseIntegrity(dir, releaseId, publicKey, paths, options);
  }
  const again = check.report;
  for (const k of ['changed', 'added', 'missing'] as const) for (const f of again[k]) named[k].add(f);
  const [changed, added, missing] = (['changed', 'added', 'missing'] as const).map((k) => [...named[k]].sort());
  const problem = first.report.problem;
  const alert: TamperAlert = { at, releaseId, changed, added, missing, problem, restored: again.ok, unrestorable: [...unrestorable].filter((f) => !again.ok).sort() };

  // 3. Tell.
  log.error('release.tampered', { releaseId, changed, added, missing, problem, restored: alert.restored, unrestorable: alert.unrestorable });
  return { check: { at, releaseId, ok: again.ok, checked: again.checked, problem: again.problem }, alert };
}
