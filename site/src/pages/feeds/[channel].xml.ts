import type { APIRoute, GetStaticPaths } from 'astro';
import { channels } from '../../i18n/zh-CN';
import { channelValues, type Article } from '../../lib/cms';
import { articleFeed } from '../../lib/feeds/article-feed';
import { pageProps } from '../../lib/routes/page-props';
import { loadSiteIndex } from '../../lib/site-index';
import { channelPaths } from '../../lib/urls';

// One feed per channel: /feeds/local-news.xml …
export const getStaticPaths = (() => channelValues.map((key) => ({ params: { channel: channelPaths[key] }, props: { key } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async (context) => {
  const { site } = context;
  const props = await pageProps<{ key: Article['channel'] }>(context, getStaticPaths);
  if (!props) return new Response(null, { status: 404 });
  const key = props.key;
  const index = await loadSiteIndex();
  return articleFeed(site!, channels[key].label, channels[key].description, index.articlesByChannel.get(key) ?? []);
};
