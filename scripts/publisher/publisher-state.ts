import fs from 'node:fs';
import path from 'node:path';
import type { BuildReason } from './build-queue.ts';

// What the publisher must remember across restarts: work not yet published, and what it knows
// of the live release and the last failure. Written atomically (temp file + rename).
export interface ReleaseInfo {
  id: string;
  builtAt: string;
  pages: number;
  buildMs: number;
  reasons: BuildReason[];
}
export interface PublisherState {
  live: ReleaseInfo | null;
  pendingReasons: BuildReason[];
  lastFailure: { at: string; reason: string; releaseId: string } | null;
  counters: { eventsAccepted: number; eventsRejected: number; builds: number; buildFailures: number };
}

export function loadState(file: string): PublisherState {
  const empty: PublisherState = { live: null, pendingReasons: [], lastFailure: null, counters: { eventsAccepted: 0, eventsRejected: 0, builds: 0, buildFailures: 0 } };
  if (!fs.existsSync(file)) return empty;
  try {
    return { ...empty, ...JSON.parse(fs.readFileSync(file, 'utf8')) };
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
