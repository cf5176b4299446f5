// The files a rendered page shows that come from the same renderer — resized pictures
// (/media/…) and gala videos — from its src, srcset and href attributes.
const ASSET_REF = /(?:src|srcset|href)="([^"]+)"/g;
const RENDERED_ASSET = /^\/(?:media|gala\/videos)\/[^?#"\s]+$/;

export function findRenderedAssets(html: string): Set<string> {
  const found = new Set<string>();
  for (const m of html.matchAll(ASSET_REF)) {
    for (const candidate of m[1]!.split(',').map((s) => s.trim().split(/\s+/)[0]!)) if (RENDERED_ASSET.test(candidate)) found.add(candidate);
  }
  return found;
}
