import http from 'node:http';
import { createLogger } from '../lib/log.ts';
import { createBuildQueue, type BuildReason } from './build-queue.ts';
import { publishRelease, ReleaseError } from './publish-release.ts';
import { publisherConfig } from './publisher-config.ts';
import { loadState, saveState } from './publisher-state.ts';
import { liveReleaseId } from './switch-release.ts';
import { verifyAndReceive } from './verify-and-receive.ts';

// The publisher: receives Strapi's webhooks, coalesces them into builds, publishes releases
// atomically and reports what is live. `npm start` runs it; so can systemd (docs/).
export async function run(): Promise<void> {
  const config = publisherConfig();
  const log = createLogger('publisher');
  const state = loadState(config.paths.state);
  const persist = () => saveState(config.paths.state, { ...state, pendingReasons: [...(queue.snapshot().running?.reasons ?? []), ...(queue.snapshot().pending?.reasons ?? [])] });

  // 1. The build queue, whose builds publish releases.
  const queue = createBuildQueue({
    quietMs: config.quietMs,
    retryBaseMs: config.retryBaseMs,
    onChange: () => persist(),
    runBuild: async (reasons) => {
      state.counters.builds += 1;
      try {
        state.live = await publishRelease(config, state, reasons, log);
      } catch (error) {
        state.counters.buildFailures += 1;
        state.lastFailure = { at: new Date().toISOString(), reason: (error as Error).message, releaseId: error instanceof ReleaseError ? error.releaseId : '' };
        throw error;
      }
    },
  });

  // 2. The HTTP face: webhook, status, health.
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/hooks/strapi') {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      verifyAndReceive(req, res, {
        secret: config.secret,
        maxBodyBytes: config.maxBodyBytes,
        onEvent: (event) => {
          state.counters.eventsAccepted += 1;
          const reason: BuildReason = { event: event.event, model: event.model ?? event.uid, documentId: event.entry?.documentId, at: new Date().toISOString() };
          log.info('event.accepted', { ...reason });
          queue.enqueue(reason);
        },
      }).then(() => {
        if (res.statusCode >= 400) state.counters.eventsRejected += 1;
      }, (error) => {
        log.error('event.error', { reason: (error as Error).message });
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (url.pathname === '/status' && req.method === 'GET') {
      const q = queue.snapshot();
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ live: state.live, liveId: liveReleaseId(config.paths.current) ?? null, building: q.running, pending: q.pending, lastFailure: state.lastFailure, counters: state.counters }, null, 2));
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

  // 3. Work left from the last run, or a first release when nothing is live yet.
  for (const reason of state.pendingReasons) queue.enqueue(reason);
  if (!liveReleaseId(config.paths.current) && state.pendingReasons.length === 0) {
    queue.enqueue({ event: 'publisher.first-release', at: new Date().toISOString() });
  }

  // 4. Stop cleanly: finish nothing new, keep pending work on disk.
  const stop = () => {
    queue.stop();
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
