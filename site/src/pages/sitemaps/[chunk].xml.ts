import type { APIRoute, GetStaticPaths } from 'astro';
import { loadGalaIndex } from '../../lib/gala-index';
import { pageProps } from '../../lib/routes/page-props';
import { siteRoutes, sitemapChunk, sitemapXml, type RouteChunk } from '../../lib/routes/site-routes';
import { loadSiteIndex } from '../../lib/site-index';

// One sitemap per chunk: /sitemaps/articles-2025-03.xml, /sitemaps/communities-42.xml, …
export const getStaticPaths = (async () => {
  const chunks = siteRoutes(await loadSiteIndex(), await loadGalaIndex());
  return chunks.map((chunk) => ({ params: { chunk: chunk.name }, props: { chunk } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async (context) => {
  const props = await pageProps<{ chunk: RouteChunk }>(context, getStaticPaths, async (site, { chunk: name }) => {
    const chunk = sitemapChunk(site, await loadGalaIndex(), name!);
    return chunk && { chunk };
  });
  if (!props) return new Response(null, { status: 404 });
  const { chunk } = props;
  const site = context.site;
  return new Response(sitemapXml(site!, chunk), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
