import { hashInputs } from '../lib/hash-inputs.ts';

// A digest of everything that decides how pages look: the site's sources, its configuration and
// its locked dependencies. A release built with other code cannot be continued by layers.
export function siteCodeDigest(): string {
  return hashInputs(['site/src', 'site/public', 'site/astro.config.mjs', 'site/astro.render.config.mjs', 'site/package.json', 'pnpm-lock.yaml']);
}
