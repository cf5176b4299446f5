import rss from '@astrojs/rss';
import { channels, siteName } from '../../i18n/zh-CN';
import type { Article } from '../cms';
import { urls } from '../urls';

export const FEED_SIZE = 50;

// One RSS feed of the newest articles; the site's feeds differ only in which articles and title.
export function articleFeed(site: URL, title: string, description: string, articles: Article[]): Promise<Response> {
  return rss({
    title: `${title} - ${siteName}`,
    description,
    site,
    items: articles.slice(0, FEED_SIZE).map((a) => ({
      title: a.title,
      link: urls.article(a),
      pubDate: new Date(`${a.editorialDate}T00:00:00+08:00`),
      description: a.summary || undefined,
      categories: [channels[a.channel].label, ...a.tags],
    })),
    customData: '<language>zh-cn</language>',
  });
}
