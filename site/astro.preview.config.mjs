// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

// The draft preview renderer: the site's own page components, rendered on request from one
// CMS document (src/preview/pages/preview/…), built into dist-preview/ and served only by
// scripts/preview/start-preview-server.ts, which checks the preview secret first. Never part
// of a static release. `srcDir` points at src/preview so that only the preview routes exist;
// the pages import the same components, layout and styles as the static site.
const cms = new URL(process.env.CMS_URL ?? 'http://127.0.0.1:1337');

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://127.0.0.1:4321',
  srcDir: './src/preview',
  output: 'server',
  adapter: node({ mode: 'middleware' }),
  outDir: './dist-preview',
  trailingSlash: 'ignore',
  build: { inlineStylesheets: 'always' },
  compressHTML: true,
  // CmsImage resizes through /_image here: the preview has no /media/ files.
  vite: { define: { 'import.meta.env.SHEQU_PREVIEW': 'true' } },
  // Pictures are resized on request by /_image, which needs no secret, so it fetches nothing
  // but media files from the CMS's host. (Any port: tests run the CMS on a free one.)
  image: { remotePatterns: [{ protocol: cms.protocol.slice(0, -1), hostname: cms.hostname, pathname: '/uploads/**' }] },
  devToolbar: { enabled: false },
});
