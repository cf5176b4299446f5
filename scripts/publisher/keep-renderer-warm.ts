import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../lib/log.ts';
import { ensureRendererBuilt, rendererEntryFor } from './build-renderer.ts';
import type { PublisherConfig } from './publisher-config.ts';
import { renderEnvironment } from './render-environment.ts';
import { startRenderer, type Renderer } from './start-renderer.ts';

// The publisher's warm renderer and what it holds. It is "in step" with one release: after a
// full build it loads that build's own data (the snapshot the build wrote), and after each
// incremental publish it holds the data of the layer it produced. Incremental publishing is
// possible only while the live release is that release; anything else (a failed publish, a
// rollback, a renderer that died or could not start) means a full build first.
export interface WarmRenderer {
  readonly renderer: Renderer | undefined;
  // The release whose data the renderer holds, if it is in step with one.
  readonly releaseId: string | null;
  load(releaseId: string, snapshotFile: string): Promise<boolean>;
  advanced(releaseId: string): void;
  markOutOfStep(why: string): void;
  stop(): Promise<void>;
}

export function createWarmRenderer(config: PublisherConfig, log: Logger): WarmRenderer {
  let renderer: Renderer | undefined;
  let releaseId: string | null = null;
  let disabled = false;

  const stop = async () => {
    const r = renderer;
    renderer = undefined;
    releaseId = null;
    await r?.close().catch(() => undefined);
  };

  return {
    get renderer() {
      return renderer;
    },
    get releaseId() {
      return renderer ? releaseId : null;
    },
    async load(id, snapshotFile) {
      releaseId = null;
      if (disabled || config.incremental === false) return false;
      const start = async () => {
        // The renderer is built for the site address the full builds use (canonical links).
        ensureRendererBuilt({ ...process.env, SITE_URL: config.siteUrl });
        if (!fs.existsSync(rendererEntryFor(config.siteUrl))) throw new Error(`no renderer build at ${rendererEntryFor(config.siteUrl)}`);
        renderer = await startRenderer({ siteDir: config.siteDir, env: { ...renderEnvironment(config), SHEQU_SITE_SNAPSHOT: snapshotFile }, onLine: (line) => log.info('renderer.output', { line }) });
      };
      try {
        const started = Date.now();
        // A fresh renderer loads the snapshot as it starts; a running one is told to reload.
        if (!renderer) await start();
        else try {
          await renderer.control('reload', { snapshot: snapshotFile });
        } catch (error) {
          // A renderer that died or hangs is replaced once.
          log.warn('renderer.restarting', { reason: (error as Error).message.split('\n')[0] });
          await stop();
          await start();
          await renderer!.control('reload', { snapshot: snapshotFile });
        }
        log.info('renderer.loaded', { releaseId: id, ms: Date.now() - started });
        await warmUp(renderer!, log);
        releaseId = id;
        // Older snapshots are no longer needed: the renderer reloads only after a full build.
        for (const f of fs.readdirSync(path.dirname(snapshotFile))) if (path.join(path.dirname(snapshotFile), f) !== snapshotFile) fs.rmSync(path.join(path.dirname(snapshotFile), f), { force: true });
        return true;
      } catch (error) {
        log.warn('renderer.unavailable', { reason: (error as Error).message.split('\n')[0] });
        await stop();
        return false;
      }
    },
    advanced(id) {
      if (renderer) releaseId = id;
    },
    markOutOfStep(why) {
      if (releaseId) log.warn('renderer.out-of-step', { releaseId, why });
      releaseId = null;
    },
    async stop() {
      disabled = true;
      await stop();
    },
  };
}

// One render of the pages a typical change names (the renderer's warmup hook), thrown away: the
// first change after a load then finds the page code compiled (at a year, 4 s instead of ~1 s).
// A failure here costs only that; the renderer stays.
async function warmUp(renderer: Renderer, log: Logger): Promise<void> {
  const started = Date.now();
  try {
    const { pages } = await renderer.control<{ pages: string[] }>('warmup', null);
    await renderer.render(pages);
    log.info('renderer.warmed', { pages: pages.length, ms: Date.now() - started });
  } catch (error) {
    log.warn('renderer.warmup-failed', { reason: (error as Error).message.split('\n')[0] });
  }
}
