import type { APIRoute, GetStaticPaths } from 'astro';
import { channels } from '../../i18n/zh-CN';
import { loadSiteData, type Article } from '../../lib/cms';
import { articleFeed } from '../../lib/feeds/article-feed';

// One feed per channel: /feeds/local-news.xml …
export const getStaticPaths = (() =>
  (Object.keys(channels) as Array<Article['channel']>).map((key) => ({ params: { channel: channels[key].path }, props: { key } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ site, props }) => {
  const key = (props as { key: Article['channel'] }).key;
  const data = await loadSiteData();
  return articleFeed(site!, channels[key].label, channels[key].description, data.articles.filter((a) => a.channel === key));
};
