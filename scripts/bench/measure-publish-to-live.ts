import path from 'node:path';
import { startProcess, stopAll, type Managed } from '../launch/processes.ts';
import { expectOk, type AdminClient } from '../lib/admin-client.ts';
import { waitForHttp } from '../lib/http-wait.ts';
import { repoRoot } from '../lib/paths.ts';
import { percentile } from './percentile.ts';

// Step 5: publish-to-live as an editor sees it. The site server and the publisher run as
// `npm start` runs them, against the benchmark's CMS and data folder; after the first release,
// each change is made through the admin API and timed from the publish (or unpublish) answer to
// the first answer of the site server that shows it, polling the page every 50 ms. Changes run
// one after another, each waiting for the previous to be live: each change goes live as a layer
// rendered by the warm renderer (apply, render, compare, compress, sign, switch).
const ARTICLE = 'api::article.article';
const LEDGER = 'api::ledger.ledger';
const POLL_MS = 50;
const LIVE_TIMEOUT_MS = 60 * 60_000;

export type ChangeKind = 'article' | 'ledger' | 'unpublish';
export interface LatencySummary {
  p50Ms: number | null;
  p95Ms: number | null;
  samplesMs: number[];
}

export interface PublishTarget {
  articles: Array<{ documentId: string; slug: string; title: string }>;
  communityDocumentId: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Polls until `shows` holds for the page's answer; the time is taken when that answer arrived.
async function waitUntilLive(url: string, shows: (status: number, html: string) => boolean): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      const html = await res.text();
      if (shows(res.status, html)) return performance.now();
    } catch {
      /* the site server is switching or busy: poll again */
    }
    if (Date.now() - started > LIVE_TIMEOUT_MS) throw new Error(`${url} did not show the change within ${LIVE_TIMEOUT_MS / 60_000} min`);
    await sleep(POLL_MS);
  }
}

interface PublisherStatus {
  live: { id: string } | null;
  renderer?: { inStepWith: string | null };
  building: unknown;
  pending: unknown;
  lastFailure: { reason: string } | null;
}

async function waitForFirstRelease(publisherUrl: string, running: Managed[]): Promise<void> {
  // A process that ends while we wait is the answer (its last lines are above, with their prefix).
  let ended: string | undefined;
  for (const p of running) void p.exited.then((code) => (ended ??= `the ${p.name} process ended (exit code ${code}, signal ${p.child.signalCode ?? 'none'}) before the first release was live`));
  let failures = 0;
  for (;;) {
    if (ended) throw new Error(ended);
    let s: PublisherStatus;
    try {
      s = (await (await fetch(`${publisherUrl}/status`, { signal: AbortSignal.timeout(60_000) })).json()) as PublisherStatus;
      failures = 0;
    } catch (error) {
      // A publisher busy with a year-scale release may be slow to answer for a while.
      if (++failures >= 20) throw new Error(`the publisher's /status did not answer 20 times in a row: ${(error as Error).message} (${String((error as { cause?: unknown }).cause ?? '')})`);
      await sleep(3000);
      continue;
    }
    // Ready when the warm renderer holds the live release: changes then go live as layers.
    if (s.live && !s.building && !s.pending && s.renderer?.inStepWith === s.live.id) return;
    if (!s.live && s.lastFailure) throw new Error(`the publisher's first build failed: ${s.lastFailure.reason}`);
    await sleep(500);
  }
}

export async function startPublisher(env: NodeJS.ProcessEnv, ports: { site: number; publisher: number }): Promise<{ siteUrl: string; stop: () => Promise<void> }> {
  const quiet = !process.env.SHEQU_BENCH_VERBOSE;
  const running: Managed[] = [];
  running.push(startProcess('site', [path.join(repoRoot, 'scripts/publisher/serve-site.ts')], { cwd: repoRoot, env, quiet }));
  running.push(startProcess('publisher', [path.join(repoRoot, 'scripts/publisher/start-publisher.ts')], { cwd: repoRoot, env, quiet }));
  const stop = () => stopAll(running);
  try {
    const publisherUrl = `http://127.0.0.1:${ports.publisher}`;
    await waitForHttp(`${publisherUrl}/healthz`);
    await waitForFirstRelease(publisherUrl, running);
  } catch (error) {
    await stop();
    throw error;
  }
  return { siteUrl: `http://127.0.0.1:${ports.site}`, stop };
}

// One change of each kind per round; `edits` rounds.
export async function measurePublishToLive(admin: AdminClient, siteUrl: string, target: PublishTarget, edits: number, onSample: (kind: ChangeKind, ms: number) => void): Promise<Record<ChangeKind, LatencySummary>> {
  const samples: Record<ChangeKind, number[]> = { article: [], ledger: [], unpublish: [] };
  const record = (kind: ChangeKind, ms: number) => {
    samples[kind].push(Math.round(ms));
    onSample(kind, Math.round(ms));
  };
  // The first half of the articles are edited, the second half unpublished.
  const half = Math.floor(target.articles.length / 2);
  if (half < edits) throw new Error(`need ${2 * edits} published articles for ${edits} edits, found ${target.articles.length}`);
  const stamp = Date.now().toString(36);
  for (let i = 0; i < edits; i += 1) {
    // An article's title changed and published again.
    const article = target.articles[i];
    const title = `${article.title.slice(0, 150)}（基准修改${stamp}-${i}）`;
    expectOk('update the article', await admin.update(ARTICLE, article.documentId, { title }));
    expectOk('publish the article', await admin.publish(ARTICLE, article.documentId));
    let t0 = performance.now();
    record('article', (await waitUntilLive(`${siteUrl}/articles/${article.slug}/`, (s, html) => s === 200 && html.includes(title))) - t0);

    // A new ledger, created and published.
    const ledgerTitle = `基准台账${stamp}-${i}`;
    const created = expectOk('create a ledger', await admin.create(LEDGER, { title: ledgerTitle, community: { connect: [{ documentId: target.communityDocumentId }] }, activityDate: '2024-03-01', serviceFocus: 'empty_nest_elderly', volunteersCount: 5 }));
    const ledgerId = String(created.documentId);
    expectOk('publish the ledger', await admin.publish(LEDGER, ledgerId));
    t0 = performance.now();
    record('ledger', (await waitUntilLive(`${siteUrl}/ledgers/${ledgerId}/`, (s, html) => s === 200 && html.includes(ledgerTitle))) - t0);

    // An article taken off the site.
    const gone = target.articles[half + i];
    expectOk('unpublish the article', await admin.unpublish(ARTICLE, gone.documentId));
    t0 = performance.now();
    record('unpublish', (await waitUntilLive(`${siteUrl}/articles/${gone.slug}/`, (s) => s === 404)) - t0);
  }
  const summary = (values: number[]): LatencySummary => ({ p50Ms: percentile(values, 50), p95Ms: percentile(values, 95), samplesMs: values });
  return { article: summary(samples.article), ledger: summary(samples.ledger), unpublish: summary(samples.unpublish) };
}
