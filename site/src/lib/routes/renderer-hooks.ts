import { forgetReportedProblems } from '../build-report';
import { forgetSiteData, loadSiteData, replaceSiteData, joinSiteData } from '../cms';
import { patchSourceRecords, type ContentChange } from '../cms/apply-changes';
import { forgetSiteSnapshot } from '../cms/snapshot';
import { channelArchivePages, ledgerArchivePages } from '../derive/archive-pages';
import { loadSiteIndex, primeSiteIndex, type SiteIndex } from '../site-index';
import { affectedPages } from './affected-pages';

// What the publisher asks the warm renderer to do besides rendering pages. The host
// (scripts/publisher/run-renderer.ts) passes a control request's JSON payload to
// globalThis[Symbol.for('shequ.renderer')][name] and answers with the JSON of what it resolves
// to (an error: 500 with its message). Registered by src/middleware.ts before the first
// request is handled; the host sends one request at start-up so that the hooks exist.
export interface RendererHooks {
  // Drop everything read and read it again: from the snapshot a full build wrote
  // ({ snapshot: file }, the data of that release exactly), or else from the CMS.
  reload(payload: unknown): Promise<{ ms: number }>;
  // Patch the site data with CMS changes ({ changes: [{ model, documentId? }] }) and name every
  // page they may touch, old addresses and new: the publisher renders those and keeps what differs.
  apply(payload: unknown): Promise<{ pages: string[]; ms: number; steps: Record<string, number> }>;
  // After a start from a snapshot (which loads the data lazily, as the first page asks for it):
  // everything derived is computed now, as reload does, and the answer names the pages a typical
  // change touches, for the publisher to render once — so that the first real change pays for
  // neither (at a year, 4 s instead of ~1 s).
  warmup(payload: unknown): Promise<{ pages: string[] }>;
}

export const RENDERER_HOOKS = Symbol.for('shequ.renderer');

// Once the data is loaded, later reads (a change's records) go to the CMS, never to a snapshot.
function stopReadingSnapshot(): void {
  delete process.env.SHEQU_SITE_SNAPSHOT;
  forgetSiteSnapshot();
}

function changesOf(payload: unknown): ContentChange[] {
  const changes = (payload as { changes?: unknown } | null)?.changes;
  if (!Array.isArray(changes) || !changes.every((c) => c && typeof c === 'object' && typeof (c as ContentChange).model === 'string')) {
    throw new Error('apply expects { changes: [{ model, documentId? }] }');
  }
  return changes as ContentChange[];
}

// Every derived value and archive page list, at once, so that no change pays for them.
function computeEverything(index: SiteIndex): void {
  primeSiteIndex(index);
  channelArchivePages(index);
  ledgerArchivePages(index);
}

// One change at a time: a second apply waits for the first, so each sees the other's result.
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

const hooks: RendererHooks = {
  reload(payload) {
    return serial(async () => {
      const started = performance.now();
      const snapshot = (payload as { snapshot?: unknown } | null)?.snapshot;
      if (typeof snapshot === 'string') process.env.SHEQU_SITE_SNAPSHOT = snapshot;
      forgetSiteData();
      forgetReportedProblems();
      const index = await loadSiteIndex();
      computeEverything(index);
      stopReadingSnapshot();
      return { ms: Math.round(performance.now() - started) };
    });
  },
  apply(payload) {
    return serial(async () => {
      const started = performance.now();
      const steps: Record<string, number> = {};
      let mark = started;
      const step = (name: string) => {
        const now = performance.now();
        steps[name] = Math.round(now - mark);
        mark = now;
      };
      const changes = changesOf(payload);
      stopReadingSnapshot();
      const before = await loadSiteIndex();
      const current = await loadSiteData();
      const patch = await patchSourceRecords(current.source, changes);
      step('read');
      replaceSiteData(joinSiteData(patch.source, current, { before: patch.before, after: patch.after }));
      step('join');
      const after = await loadSiteIndex();
      step('index');
      const pages = affectedPages(before, after, { before: patch.before, after: patch.after }, { pages: changes.some((c) => c.model === 'page'), gala: changes.some((c) => c.model.startsWith('gala')) });
      step('affected');
      return { pages: [...pages].sort(), ms: Math.round(performance.now() - started), steps };
    });
  },
  warmup() {
    return serial(async () => {
      // The newest article and ledger, as if each had changed without changing: this names the
      // pages of every kind a change touches, and runs the naming code once too.
      const index = await loadSiteIndex();
      computeEverything(index);
      const { source } = await loadSiteData();
      const typical = { articles: source.articles.slice(0, 1), communities: [], ledgers: source.ledgers.slice(0, 1) };
      return { pages: [...affectedPages(index, index, { before: typical, after: typical }, { pages: false, gala: false })].sort() };
    });
  },
};

export function registerRendererHooks(): void {
  const g = globalThis as unknown as Record<symbol, RendererHooks | undefined>;
  g[RENDERER_HOOKS] ??= hooks;
}
