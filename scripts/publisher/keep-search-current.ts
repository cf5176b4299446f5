import crypto from 'node:crypto';
import path from 'node:path';
import type { Logger } from '../lib/log.ts';
import type { BuildReason } from './build-queue.ts';
import { publishLayer } from './publish-layer.ts';
import type { PublisherConfig } from './publisher-config.ts';
import { readRelease } from './read-release.ts';
import { liveManifestDigest, liveReleaseDigests, readLiveFile } from './read-live-file.ts';
import { groupPagesByShard, reindexSearchShards, shardOf } from './reindex-search-shards.ts';
import { liveReleaseId } from './switch-release.ts';

// The search index follows incremental layers in the background (a full build indexes every
// shard itself): after a layer, the shards of the pages it changed. A shard is indexed from the pages as they are live, outside the publish lock
// (tens of seconds at year scale), and its files go live as a layer under the lock, like any
// change. A page changed again meanwhile has its shard queued again: search catches up, it
// never goes back. How far behind it can be: ARCHITECTURE.md, "Search index".
export interface SearchKeeper {
  afterLayer(changedFiles: string[]): void;
  readonly pending: string[];
  stop(): void;
}

export function keepSearchCurrent(config: PublisherConfig, log: Logger, underLock: <T>(work: () => Promise<T>) => Promise<T>, onPublished: (previousLive: string | undefined, releaseId: string) => void): SearchKeeper {
  const pending = new Set<string>();
  let running = false;
  let indexing: string | null = null;
  let stopped = false;

  const shardsOfLive = (): { files: string[]; groups: Map<string, string[]> } => {
    const digests = liveReleaseDigests(config);
    const files = digests ? [...digests.keys()] : [];
    return { files, groups: groupPagesByShard(files) };
  };

  const work = async () => {
    if (running || stopped) return;
    running = true;
    try {
      while (pending.size > 0 && !stopped) {
        const shards = [...pending];
        // One shard at a time, each live on its own: memory stays that of one shard.
        for (const shard of shards) {
          if (stopped) break;
          // Taken off the queue as it starts: a change while it runs queues it again.
          pending.delete(shard);
          indexing = shard;
          const started = Date.now();
          // 1. Index the shard from its pages as they are live now.
          const { files, groups } = shardsOfLive();
          const pages = (groups.get(shard) ?? []).map((rel) => ({ urlPath: urlPathOf(rel), html: readLiveFile(config, rel)?.toString('utf8') ?? '' })).filter((p) => p.html);
          const fresh = await reindexSearchShards(pages, [shard], files);
          // Pagefind names its files by content: most of a re-indexed shard is what is live already.
          const changed = new Map([...fresh.files].filter(([rel, body]) => liveManifestDigest(config, rel) !== sha256(body)));
          const result = { files: changed, removed: fresh.removed };
          if (result.files.size === 0 && result.removed.length === 0) continue;
          // 2. Live as a layer, under the same lock as every other publish.
          await underLock(async () => {
            const live = liveReleaseId(config.paths.current);
            const fingerprint = live ? (readRelease(path.join(config.paths.releases, live))?.cmsFingerprint ?? '') : '';
            const reasons: BuildReason[] = [{ event: 'search.reindex', at: new Date().toISOString() }];
            const release = await publishLayer(config, result, reasons, log, { cmsFingerprint: fingerprint });
            onPublished(live, release.id);
            log.info('search.published', { releaseId: release.id, shard, pages: pages.length, ms: Date.now() - started });
          });
        }
      }
    } catch (error) {
      log.error('search.failed', { reason: (error as Error).message.split('\n')[0] });
    } finally {
      running = false;
      indexing = null;
    }
  };

  return {
    afterLayer(changedFiles) {
      // Builds without a search index (SHEQU_SEARCH_INDEX=off) have none to keep current.
      if (process.env.SHEQU_SEARCH_INDEX === 'off') return;
      for (const rel of changedFiles) {
        if (!rel.endsWith('index.html')) continue;
        const shard = shardOf(urlPathOf(rel));
        if (shard) pending.add(shard);
      }
      void work();
    },
    get pending() {
      return [...(indexing ? [indexing] : []), ...pending];
    },
    stop() {
      stopped = true;
    },
  };
}

function sha256(body: Buffer): string {
  return crypto.createHash('sha256').update(body).digest('hex');
}

// 'articles/x/index.html' → '/articles/x/'.
function urlPathOf(rel: string): string {
  return `/${rel.slice(0, -'index.html'.length)}`;
}
