import type { APIRoute } from 'astro';
import { siteTagline } from '../../i18n/zh-CN';
import { articleFeed } from '../../lib/feeds/article-feed';
import { loadSiteIndex } from '../../lib/site-index';

// All news, newest first.
export const GET: APIRoute = async ({ site }) => {
  const index = await loadSiteIndex();
  return articleFeed(site!, '全部动态', siteTagline, index.articles);
};
