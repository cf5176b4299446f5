import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createLogger } from '../lib/log.ts';
import { createBuildQueue, type BuildReason } from './build-queue.ts';
import { killOrphanBuild } from './build-site.ts';
import { fetchCmsFingerprint } from './fetch-cms-fingerprint.ts';
import { isPrivateModel } from './is-private-model.ts';
import { guardLiveRelease } from './guard-live-release.ts';
import { loadSigningKey } from './load-signing-key.ts';
import { choosePublishPath } from './choose-publish-path.ts';
import { createWarmRenderer } from './keep-renderer-warm.ts';
import { keepSearchCurrent } from './keep-search-current.ts';
import { publishChanges } from './publish-changes.ts';
import { emptyTrash } from './prune-releases.ts';
import { publishRelease, ReleaseError } from './publish-release.ts';
import { snapshotFileOf } from './render-environment.ts';
import { siteCodeDigest } from './site-code-digest.ts';
import { publisherConfig } from './publisher-config.ts';
import { loadState, saveState } from './publisher-state.ts';
import { listReleases, readRelease, removeIncompleteReleases } from './read-release.ts';
import { MANIFEST_FILE } from './release-manifest.ts';
import { trustedManifestFiles } from './store-release-copy.ts';
import { liveReleaseId } from './switch-release.ts';
import { verifyAndReceive } from './verify-and-receive.ts';

// The publisher: receives Strapi's webhooks, coalesces them into builds, publishes releases
// atomically, checks the CMS periodically for anything a lost webhook did not announce, and
// reports what is live; it also holds the live release against its signed manifest and puts
// back any file changed behind its back. `npm start` runs it; so can systemd (docs/systemd/).
export async function run(): Promise<void> {
  const config = publisherConfig();
  const log = createLogger('publisher');
  const state = loadState(config.paths.state);
  // The site code this publisher builds with; a release built with other code is rebuilt.
  const siteCode = siteCodeDigest();
  // The signing key is made here on first start, before anything is published with it.
  const { publicKey } = loadSigningKey(config.paths.signingKey, config.paths.publicKey);
  let buildPid: number | null = null;
  const persist = () => {
    const q = queue.snapshot();
    saveState(config.paths.state, { ...state, buildPid, pendingReasons: [...(q.running?.reasons ?? []), ...(q.pending?.reasons ?? [])] });
  };

  // 1. Clear what a killed predecessor left: its build process and its half-written release.
  if (killOrphanBuild(state.buildPid)) log.warn('build.orphan-killed', { pid: state.buildPid });
  for (const id of removeIncompleteReleases(config.paths.releases)) log.warn('release.incomplete-removed', { releaseId: id });
  void emptyTrash(config.paths.releases); // pruned releases a stop interrupted, in the background

  // 2. The warm renderer, for changes published as layers (keep-renderer-warm.ts), and the
  //    search index following those layers in the background; one publish at a time.
  const warm = createWarmRenderer(config, log);
  let lockTail: Promise<unknown> = Promise.resolve();
  const underLock = <T>(work: () => Promise<T>): Promise<T> => {
    const run = lockTail.then(work, work);
    lockTail = run.catch(() => undefined);
    return run;
  };
  const search = keepSearchCurrent(config, log, underLock, (before, releaseId) => {
    // A search layer changes no page: the renderer stays in step across it.
    if (warm.releaseId === before) warm.advanced(releaseId);
    void verifyLive('layer-switch');
  });

  // 3. The build queue. A batch of changes goes live as a layer when the renderer is in step
  //    with the live release and every change names a record it can read again; otherwise, or
  //    when that fails, as a full build, after which the renderer loads the build's own data.
  const queue = createBuildQueue({
    quietMs: config.quietMs,
    retryBaseMs: config.retryBaseMs,
    onChange: () => persist(),
    runBuild: (reasons) => underLock(async () => {
      state.counters.builds += 1;
      const live = liveReleaseId(config.paths.current);
      const choice = choosePublishPath(reasons, { inSync: Boolean(warm.renderer && live && warm.releaseId === live) });
      if (choice.kind === 'incremental') {
        try {
          const outcome = await publishChanges(config, warm.renderer!, choice.changes, reasons, log);
          if (outcome.release) {
            warm.advanced(outcome.release.id);
            console.error(`[publisher] release ${outcome.release.id} is live: ${outcome.changed} changed and ${outcome.removed} removed of ${outcome.rendered} pages rendered (${Object.entries(outcome.steps).map(([k, v]) => `${k} ${v} ms`).join(', ')})`);
            void verifyLive('layer-switch');
            search.afterLayer(outcome.paths);
            // Too many files carried over the base: the next full build makes a new base.
            if (outcome.release.layer?.compactionDue) queue.enqueue({ event: 'publisher.compact', at: new Date().toISOString() });
          }
          return;
        } catch (error) {
          // The renderer has read changes that did not go live: only a full build is sure now.
          warm.markOutOfStep((error as Error).message);
          log.warn('changes.failed', { reason: (error as Error).message.split('\n')[0] });
        }
      } else if (config.incremental) {
        log.info('build.full', { why: choice.why });
      }
      let info;
      try {
        info = await publishRelease(config, reasons, log, (pid) => {
          buildPid = pid;
          persist();
        });
      } catch (error) {
        state.counters.buildFailures += 1;
        state.lastFailure = { at: new Date().toISOString(), reason: (error as Error).message, releaseId: error instanceof ReleaseError ? error.releaseId : '' };
        throw error;
      } finally {
        buildPid = null;
      }
      void verifyLive('switch');
      state.siteCode = siteCode;
      persist();
      await warm.load(info.id, snapshotFileOf(config, info.id));
    }),
  });

  // 4. Reconciliation: has the CMS changed since the newest release was built?
  const reconcile = async (trigger: string) => {
    const q = queue.snapshot();
    if (q.running || q.pending) return; // a build is coming anyway
    const at = new Date().toISOString();
    try {
      const fingerprint = await fetchCmsFingerprint(config);
      const newest = listReleases(config.paths.releases).at(-1);
      const changed = newest?.cmsFingerprint !== fingerprint;
      state.lastReconcile = { at, changed };
      if (changed) {
        state.counters.reconciliations += 1;
        log.info('reconcile.changed', { trigger });
        queue.enqueue({ event: `reconcile.${trigger}`, at });
      }
    } catch (error) {
      state.lastReconcile = { at, changed: false, error: (error as Error).message };
      log.warn('reconcile.failed', { reason: (error as Error).message });
    }
    persist();
  };

  // 4b. Integrity: the live release against its signed manifest, restored from the
  //     publisher's own copy on any difference (after each switch and every period).
  //     One check at a time; checks asked for while one runs fold into one that follows it.
  let checking = false;
  let again: string | null = null;
  const verifyLive = async (trigger: string): Promise<void> => {
    if (checking) {
      again = trigger;
      return;
    }
    checking = true;
    try {
      await checkLive(trigger);
      while (again) {
        const next: string = again;
        again = null;
        await checkLive(next);
      }
    } finally {
      checking = false;
    }
  };
  // After a layered release went live ('layer-switch'), its own files only: the base underneath
  // was checked when it went live and is checked by every periodic run.
  const checkLive = async (trigger: string) => {
    try {
      const { check, alert } = await guardLiveRelease(config.paths, publicKey, log, { layerOnly: trigger === 'layer-switch' });
      state.integrity.lastCheck = check;
      if (alert) {
        state.integrity.lastAlert = alert;
        state.counters.tamperings += 1;
        console.error(`[publisher] the live release ${alert.releaseId} was changed outside the publisher (${trigger} check): ${[...alert.changed, ...alert.added, ...alert.missing].join(', ') || alert.problem}; ${alert.restored ? 'restored from the signed copy' : 'NOT fully restored'}`);
      }
    } catch (error) {
      state.integrity.lastCheck = { at: new Date().toISOString(), releaseId: liveReleaseId(config.paths.current) ?? null, ok: false, checked: 0, problem: (error as Error).message };
      log.error('integrity.check-failed', { reason: (error as Error).message });
    }
    persist();
  };

  // 5. The HTTP face: webhook, status, health.
  const server = http.createServer((req, res) => {
    // One request per connection. A full release at year scale keeps this process busy for
    // seconds at a time; when it comes back, the keep-alive timer of an idle connection fires
    // before the request that arrived on it meanwhile is read, and the sender (Strapi's webhook,
    // a /status poll) sees ECONNRESET — a webhook lost. A closed connection cannot be reused.
    res.setHeader('connection', 'close');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/hooks/strapi') {
      if (req.method !== 'POST') {
        req.resume(); // read and drop any body, so a keep-alive connection stays usable
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      verifyAndReceive(req, res, {
        secret: config.secret,
        maxBodyBytes: config.maxBodyBytes,
        onEvent: (event) => {
          state.counters.eventsAccepted += 1;
          // Help requests are never published; their counts reach the site with the daily rebuild.
          if (isPrivateModel(event.model ?? event.uid)) return;
          const reason: BuildReason = { event: event.event, model: event.model ?? event.uid, documentId: event.entry?.documentId, at: new Date().toISOString() };
          log.info('event.accepted', { ...reason });
          queue.enqueue(reason);
        },
      }).then(
        () => {
          if (res.statusCode >= 400) {
            state.counters.eventsRejected += 1;
            log.warn('event.rejected', { status: res.statusCode });
          }
        },
        (error) => {
          log.error('event.error', { reason: (error as Error).message });
          if (!res.headersSent) res.writeHead(500).end();
        },
      );
      return;
    }
    if (url.pathname === '/status' && req.method === 'GET') {
      const q = queue.snapshot();
      const liveId = liveReleaseId(config.paths.current);
      const body = {
        live: liveId ? readRelease(path.join(config.paths.releases, liveId)) ?? { id: liveId } : null,
        building: q.running,
        pending: q.pending,
        lastFailure: state.lastFailure,
        lastReconcile: state.lastReconcile,
        integrity: state.integrity,
        releases: listReleases(config.paths.releases).map((r) => r.id),
        counters: state.counters,
        // The release whose data the warm renderer holds; incremental publishing needs it live.
        renderer: { inStepWith: warm.releaseId, pid: warm.renderer?.pid ?? null },
        // Search shards waiting to be indexed again after a layer (keep-search-current.ts).
        searchPending: search.pending,
      };
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body, null, 2));
      return;
    }
    if (url.pathname === '/healthz' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  log.info('publisher.listening', { url: `http://${config.host}:${config.port}` });

  // 6. Work left from the last run, a first release when nothing is live, then a check of the
  //    CMS now and every period, so a webhook lost while we were down costs at most one period.
  for (const reason of state.pendingReasons) queue.enqueue(reason);
  const liveId = liveReleaseId(config.paths.current);
  if (!liveId && state.pendingReasons.length === 0) {
    queue.enqueue({ event: 'publisher.first-release', at: new Date().toISOString() });
  }
  // New site code (a deploy) means a full build: every page may look different now. (A state
  // without a record predates it; the rebase below then makes the full build.)
  if (liveId && state.siteCode && state.siteCode !== siteCode) queue.enqueue({ event: 'publisher.code-changed', at: new Date().toISOString() });
  // The renderer continues from the live release's data when that is a full build's; a layer's
  // data is rebuilt by the next full build (queued now, so incremental publishing resumes).
  if (liveId && config.incremental && (!state.siteCode || state.siteCode === siteCode)) {
    const snapshot = snapshotFileOf(config, liveId);
    if (fs.existsSync(snapshot)) await warm.load(liveId, snapshot);
    else queue.enqueue({ event: 'publisher.renderer-rebase', at: new Date().toISOString() });
  }
  // A live release from before releases were signed is rebuilt from the CMS rather than signed
  // as it stands: nothing vouches for its files.
  if (liveId && !fs.existsSync(trustedManifestFiles(config.paths, liveId).manifest) && !fs.existsSync(path.join(config.paths.releases, liveId, MANIFEST_FILE))) {
    log.warn('release.unsigned', { releaseId: liveId });
    queue.enqueue({ event: 'publisher.sign-release', at: new Date().toISOString() });
  }
  await reconcile('start');
  const timer = setInterval(() => void reconcile('periodic'), config.reconcileMs);
  void verifyLive('start');
  const integrityTimer = setInterval(() => void verifyLive('periodic'), config.verifyMs);
  // The nightly full build: the safety net under a day of layers, and their compaction.
  let lastNightly = '';
  const nightlyTimer = setInterval(() => {
    const now = new Date();
    const day = now.toDateString();
    if (config.nightlyHour === null || now.getHours() !== config.nightlyHour || lastNightly === day) return;
    lastNightly = day;
    queue.enqueue({ event: 'publisher.nightly', at: now.toISOString() });
  }, 60_000);

  // 7. Stop cleanly: end a running build, keep pending work on disk for the next start.
  const stop = () => {
    clearInterval(timer);
    clearInterval(integrityTimer);
    clearInterval(nightlyTimer);
    search.stop();
    void warm.stop();
    queue.stop();
    killOrphanBuild(buildPid);
    persist();
    server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().catch((error) => {
    console.error(`[publisher] could not start: ${(error as Error).message}`);
    process.exit(1);
  });
}
