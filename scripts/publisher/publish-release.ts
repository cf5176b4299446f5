import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../lib/log.ts';
import type { BuildReason } from './build-queue.ts';
import { buildSite } from './build-site.ts';
import { checkRelease } from './check-release.ts';
import { pruneReleases } from './prune-releases.ts';
import type { PublisherConfig } from './publisher-config.ts';
import type { PublisherState, ReleaseInfo } from './publisher-state.ts';
import { liveReleaseId, switchRelease } from './switch-release.ts';

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

// One build from CMS to live: build into a fresh folder, check it, record it, switch, prune.
export async function publishRelease(config: PublisherConfig, state: PublisherState, reasons: BuildReason[], log: Logger): Promise<ReleaseInfo> {
  const id = newReleaseId();
  const dir = path.join(config.paths.releases, id);
  const logFile = path.join(config.paths.root, 'logs', `${id}.log`);
  const started = Date.now();
  log.info('build.started', { releaseId: id, reasons: reasons.length });
  try {
    // 1. Build the site from the CMS into its own folder.
    await buildSite(config, dir, logFile);
    // 2. Check that it is complete before anyone can see it.
    const { pages } = checkRelease(dir, state.live?.pages);
    const info: ReleaseInfo = { id, builtAt: new Date().toISOString(), pages, buildMs: Date.now() - started, reasons };
    fs.writeFileSync(path.join(dir, 'release.json'), JSON.stringify(info, null, 2));
    // 3. Switch atomically, unless a newer release is already live.
    const live = liveReleaseId(config.paths.current);
    if (live && live > id) throw new Error(`release ${id} is older than live ${live}; not switching`);
    switchRelease(config.paths.current, dir);
    // 4. Keep the last few releases for rollback.
    pruneReleases(config.paths.releases, config.keepReleases, id);
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
