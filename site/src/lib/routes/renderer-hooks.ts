import { forgetReportedProblems } from '../build-report';
import { forgetSiteData } from '../cms';
import { loadSiteIndex } from '../site-index';

// What the publisher asks the warm renderer to do besides rendering pages. The host
// (scripts/publisher/run-renderer.ts) passes a control request's JSON payload to
// globalThis[Symbol.for('shequ.renderer')][name] and answers with the JSON of what it resolves
// to (an error: 500 with its message). Registered by src/middleware.ts before the first
// request is handled; the host sends one request at start-up so that the hooks exist.
export interface RendererHooks {
  // Drop everything read from the CMS (or the snapshot file) and read it again.
  reload(payload: unknown): Promise<{ ms: number }>;
  // Patch the site data with CMS changes and say which URLs they affect (the lead's part).
  apply(payload: unknown): Promise<unknown>;
}

export const RENDERER_HOOKS = Symbol.for('shequ.renderer');

const hooks: RendererHooks = {
  async reload() {
    const started = performance.now();
    forgetSiteData();
    forgetReportedProblems();
    await loadSiteIndex();
    return { ms: Math.round(performance.now() - started) };
  },
  async apply() {
    throw new Error('apply is not implemented yet');
  },
};

export function registerRendererHooks(): void {
  const g = globalThis as unknown as Record<symbol, RendererHooks | undefined>;
  g[RENDERER_HOOKS] ??= hooks;
}
