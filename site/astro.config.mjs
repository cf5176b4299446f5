// @ts-check
import { defineConfig } from 'astro/config';
import { pagefindIndex } from './src/lib/integrations/pagefind-index.ts';
import { writeBuildReport } from './src/lib/integrations/write-build-report.ts';

// The publisher builds each release into its own folder (SHEQU_SITE_OUT_DIR) and switches
// the live link only after checking it; a plain `astro build` writes to site/dist.
export default defineConfig({
  site: process.env.SITE_URL ?? 'http://127.0.0.1:4321',
  output: 'static',
  outDir: process.env.SHEQU_SITE_OUT_DIR ?? './dist',
  trailingSlash: 'always',
  // Stylesheets as fingerprinted files (cached for a year), not inline <style>: the site's
  // Content-Security-Policy then allows styles from 'self' only, the same for every release.
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  // No script or asset is inlined (Astro inlines small scripts by this limit): the CSP allows
  // scripts from 'self' only, with no hashes to keep in step across releases and in nginx.
  vite: { build: { assetsInlineLimit: 0 } },
  // Pictures come from the CMS's media library and are resized and converted at build time.
  image: { domains: [new URL(process.env.CMS_URL ?? 'http://127.0.0.1:1337').hostname] },
  devToolbar: { enabled: false },
  // The sitemap is the site's own endpoints (src/pages/sitemap-index.xml.ts, sitemaps/[chunk].xml.ts),
  // cut into stable chunks from the one list of routes (src/lib/routes/site-routes.ts).
  integrations: [
    writeBuildReport(),
    pagefindIndex(),
  ],
});
