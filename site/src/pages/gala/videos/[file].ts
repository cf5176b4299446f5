import type { APIRoute, GetStaticPaths } from 'astro';
import { mediaUrl } from '../../../lib/cms';
import { galaVideoFile } from '../../../lib/derive/gala';
import { loadGalaIndex } from '../../../lib/gala-index';
import { pageProps } from '../../../lib/routes/page-props';

// Uploaded programme videos are copied into the release at build time, so readers fetch them
// from the site itself: no call to the CMS or anywhere else from the reader's browser.
export const getStaticPaths = (async () => {
  const index = await loadGalaIndex();
  const files = new Map<string, string>();
  for (const view of index.editions) {
    for (const p of view.programmes) {
      const file = p.video ? galaVideoFile(p.video.url) : undefined;
      if (p.video && file) files.set(file, p.video.url);
    }
  }
  return [...files].map(([file, url]) => ({ params: { file }, props: { url } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async (context) => {
  const props = await pageProps<{ url: string }>(context, getStaticPaths);
  if (!props) return new Response(null, { status: 404 });
  const url = mediaUrl(props.url);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`gala video ${url}: the CMS answered ${res.status}`);
  return new Response(await res.arrayBuffer());
};
