import type { APIRoute } from 'astro';
import { loadGalaIndex } from '../lib/gala-index';
import { sitemapIndexXml, sitemapNames } from '../lib/routes/site-routes';
import { loadSiteIndex } from '../lib/site-index';

// The sitemap index: one entry per stable chunk (lib/routes/site-routes.ts). It changes only
// when a chunk appears or goes (a new month, a first community in a province).
export const GET: APIRoute = async ({ site }) => {
  const names = sitemapNames(await loadSiteIndex(), await loadGalaIndex());
  return new Response(sitemapIndexXml(site!, names), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
