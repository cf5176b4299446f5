// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

// The draft preview renderer: the site's own page components, rendered on request from one
// CMS document (src/preview/pages/preview/…), built into dist-preview/ and served only by
// scripts/preview/start-preview-server.ts, which checks the preview secret first. Never part
// of a static release. `srcDir` points at src/preview so that only the preview routes exist;
// the pages import the same components, layout and styles as the static site.
export default defineConfig({
  site: process.env.SITE_URL ?? 'http://127.0.0.1:4321',
  srcDir: './src/preview',
  output: 'server',
  adapter: node({ mode: 'middleware' }),
  outDir: './dist-preview',
  trailingSlash: 'ignore',
  build: { inlineStylesheets: 'always' },
  compressHTML: true,
  // Pictures are resized on request by /_image, from the CMS only.
  image: { domains: [new URL(process.env.CMS_URL ?? 'http://127.0.0.1:1337').hostname] },
  devToolbar: { enabled: false },
});
