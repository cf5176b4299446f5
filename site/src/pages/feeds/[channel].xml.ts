import type { APIRoute, GetStaticPaths } from 'astro';
import { channels } from '../../i18n/zh-CN';
import { channelValues, type Article } from '../../lib/cms';
import { articleFeed } from '../../lib/feeds/article-feed';
import { loadSiteIndex } from '../../lib/site-index';
import { channelPaths } from '../../lib/urls';

// One feed per channel: /feeds/local-news.xml …
export const getStaticPaths = (() => channelValues.map((key) => ({ params: { channel: channelPaths[key] }, props: { key } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ site, props }) => {
  const key = (props as { key: Article['channel'] }).key;
  const index = await loadSiteIndex();
  return articleFeed(site!, channels[key].label, channels[key].description, index.articlesByChannel.get(key) ?? []);
};
