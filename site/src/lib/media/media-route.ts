import type { APIRoute, GetStaticPaths } from 'astro';
import { pageProps } from '../routes/page-props';
import { loadSiteIndex } from '../site-index';
import { convertMedia } from './convert-media';
import { mediaVariantsOf, type MediaFormat, type MediaVariant } from './media-variants';

// The route of one picture format, /media/<name>-<width>.<format> (pages/media/[file].<format>.ts:
// a literal extension in the route's name makes Astro treat it as a file, without a trailing
// slash). The static build writes every variant the site's data references; the warm renderer
// converts on request.
const TYPES: Record<MediaFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg' };

export function mediaRoute(format: MediaFormat): { getStaticPaths: GetStaticPaths; GET: APIRoute } {
  const getStaticPaths = (async () => {
    const site = await loadSiteIndex();
    return mediaVariantsOf([site.articles, site.communities, site.ledgers, site.pages, site.gala])
      .filter((v) => v.format === format)
      .map((v) => ({ params: { file: v.variant.slice(0, -(format.length + 1)) }, props: v }));
  }) satisfies GetStaticPaths;
  const GET: APIRoute = async (context) => {
    const variant = await pageProps<MediaVariant>(context, getStaticPaths);
    if (!variant) return new Response(null, { status: 404 });
    const bytes = await convertMedia(variant.url, variant.width, variant.format);
    return new Response(new Uint8Array(bytes), { headers: { 'content-type': TYPES[format] } });
  };
  return { getStaticPaths, GET };
}
