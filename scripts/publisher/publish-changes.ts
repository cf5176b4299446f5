import crypto from 'node:crypto';
import type { Logger } from '../lib/log.ts';
import type { BuildReason } from './build-queue.ts';
import { fetchCmsFingerprint } from './fetch-cms-fingerprint.ts';
import { findRenderedAssets } from './find-rendered-assets.ts';
import { publishLayer } from './publish-layer.ts';
import type { PublisherConfig } from './publisher-config.ts';
import type { ReleaseInfo } from './publisher-state.ts';
import { liveManifestDigest } from './read-live-file.ts';
import type { Renderer } from './start-renderer.ts';
import { urlPathToFile } from './url-path-to-file.ts';

// What the warm renderer's apply hook answers (site/src/lib/routes/renderer-hooks.ts): every
// page the changes may touch, to be rendered and compared with what is live.
export interface AppliedChanges {
  pages: string[];
  ms: number;
  // The apply's own parts (read, join, index, affected), for the log.
  steps?: Record<string, number>;
}

export interface ChangesOutcome {
  release: ReleaseInfo | null;
  rendered: number;
  changed: number;
  removed: number;
  // Release-relative paths written or removed (for the search index to follow).
  paths: string[];
  steps: Record<string, number>;
}

// An incremental publish: the renderer patches its data with the changed records and names
// the pages they may touch; those are rendered with the site's own templates, compared with the
// live release, and only what differs goes live as a layer (publish-layer.ts). Nothing changed
// (a draft saved, say): no release.
export async function publishChanges(config: PublisherConfig, renderer: Renderer, changes: Array<{ model: string; documentId?: string }>, reasons: BuildReason[], log: Logger): Promise<ChangesOutcome> {
  const steps: Record<string, number> = {};
  let lap = performance.now();
  const done = (step: string) => {
    const now = performance.now();
    steps[step] = Math.round(now - lap);
    lap = now;
  };
  // 1–2. What the CMS holds now (changes after this point make the next publish), asked before
  //      the renderer reads the changed records and names the pages they may touch — the two
  //      at once, since neither waits for the other.
  const fingerprint = fetchCmsFingerprint(config);
  const applied = await renderer.control<AppliedChanges>('apply', { changes });
  const cmsFingerprint = await fingerprint;
  done('apply');
  for (const [name, ms] of Object.entries(applied.steps ?? {})) steps[`apply.${name}`] = ms;
  // 3. Render them; keep what differs from the live release; a page that no longer exists goes.
  const files = new Map<string, Buffer>();
  const removed: string[] = [];
  const rendered = await renderer.render(applied.pages);
  for (const [urlPath, page] of rendered) {
    const rel = urlPathToFile(urlPath);
    const live = liveManifestDigest(config, rel);
    if (page.status !== 200) {
      if (page.status !== 404) throw new Error(`the renderer answered ${page.status} for ${urlPath}: ${page.body.toString('utf8').slice(0, 300)}`);
      if (live) removed.push(rel);
      continue;
    }
    if (sha256(page.body) !== live) files.set(rel, page.body);
  }
  done('render');
  const slowest = [...rendered].sort((a, b) => (b[1].ms ?? 0) - (a[1].ms ?? 0)).slice(0, 3).map(([urlPath, page]) => `${urlPath} ${page.ms} ms`);
  // 4. Pictures and videos the new pages show that the live release does not have yet.
  const assets = new Set<string>();
  for (const [rel, body] of files) {
    if (!rel.endsWith('.html')) continue;
    for (const asset of findRenderedAssets(body.toString('utf8'))) if (!liveManifestDigest(config, urlPathToFile(asset))) assets.add(asset);
  }
  for (const [urlPath, asset] of await renderer.render([...assets])) {
    if (asset.status !== 200) throw new Error(`the renderer answered ${asset.status} for ${urlPath}, which a changed page shows`);
    files.set(urlPathToFile(urlPath), asset.body);
  }
  done('assets');
  // 5. Live as a layer over the live release, or nothing when nothing differs.
  if (files.size === 0 && removed.length === 0) {
    log.info('changes.nothing-to-publish', { rendered: rendered.size, ms: steps });
    return { release: null, rendered: rendered.size, changed: 0, removed: 0, paths: [], steps };
  }
  const release = await publishLayer(config, { files, removed }, reasons, log, { cmsFingerprint });
  done('layer');
  log.info('changes.published', { releaseId: release.id, rendered: rendered.size, changed: files.size, removed: removed.length, ms: steps, slowest });
  return { release, rendered: rendered.size, changed: files.size, removed: removed.length, paths: [...files.keys(), ...removed], steps };
}

function sha256(body: Buffer): string {
  return crypto.createHash('sha256').update(body).digest('hex');
}
