import fs from 'node:fs';
import path from 'node:path';
import type { BuildReason } from './build-queue.ts';
import type { IntegrityCheckRecord, TamperAlert } from './guard-live-release.ts';

// What a release records about itself (release.json inside its folder).
export interface ReleaseInfo {
  id: string;
  builtAt: string;
  pages: number;
  buildMs: number;
  reasons: BuildReason[];
  // What was published in the CMS when the build began (see fetch-cms-fingerprint.ts).
  cmsFingerprint: string;
  // A layered release (publish-layer.ts): the full release underneath, and its overlay.
  base?: string;
  layer?: { files: number; removed: number; compactionDue: boolean };
  // The spam matcher its pages were scanned with (scan-release-for-spam.ts, spamScanKey).
  spamScanKey?: string;
}

// What the publisher must remember across restarts, kill -9 included: work not yet published,
// the build process it had running, the last failure, counters. Written atomically.
export interface PublisherState {
  pendingReasons: BuildReason[];
  buildPid: number | null;
  lastFailure: { at: string; reason: string; releaseId: string } | null;
  lastReconcile: { at: string; changed: boolean; error?: string } | null;
  // The live release held against its signed manifest (guard-live-release.ts).
  integrity: { lastCheck: IntegrityCheckRecord | null; lastAlert: TamperAlert | null };
  // The site code (site-code-digest.ts) of the last full build: new code means a full build.
  siteCode?: string;
  counters: { eventsAccepted: number; eventsRejected: number; builds: number; buildFailures: number; reconciliations: number; tamperings: number };
}

export function emptyState(): PublisherState {
  return {
    pendingReasons: [],
    buildPid: null,
    lastFailure: null,
    lastReconcile: null,
    integrity: { lastCheck: null, lastAlert: null },
    counters: { eventsAccepted: 0, eventsRejected: 0, builds: 0, buildFailures: 0, reconciliations: 0, tamperings: 0 },
  };
}

export function loadState(file: string): PublisherState {
  const empty = emptyState();
  if (!fs.existsSync(file)) return empty;
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PublisherState>;
    return { ...empty, ...stored, integrity: { ...empty.integrity, ...stored.integrity }, counters: { ...empty.counters, ...stored.counters } };
  } catch {
    return empty;
  }
}

export function saveState(file: string, state: PublisherState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2));
  fs.renameSync(tmp, file);
}
