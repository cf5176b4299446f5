// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

// The warm renderer (scripts/publisher/run-renderer.ts): the SAME pages as the static build
// (src/pages), built as a request handler into dist-render/, so that an incremental publish
// renders only the pages a change touches. Every page must come out byte for byte as
// `astro build` writes it (tests/integration/renderer-matches-build.test.ts), so everything that
// shapes the HTML is set as in astro.config.mjs; only the output kind differs. The sitemap,
// Pagefind and build-report integrations belong to full builds.
export default defineConfig({
  site: process.env.SITE_URL ?? 'http://127.0.0.1:4321',
  output: 'server',
  adapter: node({ mode: 'middleware' }),
  // One folder per site address (scripts/publisher/build-renderer.ts).
  outDir: process.env.SHEQU_RENDER_OUT_DIR ?? './dist-render/default',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  // Pages read it through lib/routes/renderer-mode.ts: dynamic pages find their props themselves.
  vite: { build: { assetsInlineLimit: 0 }, define: { 'import.meta.env.SHEQU_RENDERER': 'true' } },
  image: { domains: [new URL(process.env.CMS_URL ?? 'http://127.0.0.1:1337').hostname] },
  devToolbar: { enabled: false },
});
