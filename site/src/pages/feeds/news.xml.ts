import type { APIRoute } from 'astro';
import { siteTagline } from '../../i18n/zh-CN';
import { loadSiteData } from '../../lib/cms';
import { articleFeed } from '../../lib/feeds/article-feed';

// All news, newest first.
export const GET: APIRoute = async ({ site }) => {
  const data = await loadSiteData();
  return articleFeed(site!, '全部动态', siteTagline, data.articles);
};
