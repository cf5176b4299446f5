import { loadSiteData, type Article, type Community, type Ledger, type SiteData } from './cms';
import { channelValues, serviceFocusValues } from './cms/schemas';
import { groupByMonth } from './derive/archives';
import { activityBy, totals, type Activity, type Totals } from './derive/figures';
import { articleGroups, type ArticleGroups } from './derive/related';

// Everything pages look up, computed once per build from the fetched data. Pages only render.
export interface SiteIndex extends SiteData {
  totals: Totals;
  articlesByChannel: Map<Article['channel'], Article[]>;
  articleMonths: Map<Article['channel'], Map<string, Article[]>>;
  ledgersByFocus: Map<Ledger['serviceFocus'], Ledger[]>;
  ledgerMonths: Map<string, Ledger[]>;
  communitiesByProvince: Map<string, Community[]>;
  ledgersByProvince: Map<string, Ledger[]>;
  activityByProvince: Map<string, Activity>;
  activityByFocus: Map<Ledger['serviceFocus'], Activity>;
  activityByMonth: Map<string, Activity>;
  provinceOf: (l: Ledger) => string | undefined;
  // Articles by community, province and channel with each one's positions (related.ts).
  articleGroups: ArticleGroups;
}

function build(data: SiteData): SiteIndex {
  // Newest first everywhere, ties broken by id (cms/index.ts keeps records in that order), so
  // the order is the same between builds and after an incremental patch.
  const articles = data.articles;
  const ledgers = data.ledgers;
  const provinceOf = (l: Ledger) => (l.community ? data.communityById.get(l.community.documentId)?.provinceCode : undefined);

  const articlesByChannel = new Map(channelValues.map((c) => [c, articles.filter((a) => a.channel === c)]));
  const articleMonths = new Map(channelValues.map((c) => [c, groupByMonth(articlesByChannel.get(c)!, (a) => a.editorialDate)]));
  const ledgersByFocus = new Map(serviceFocusValues.map((f) => [f, ledgers.filter((l) => l.serviceFocus === f)]));
  const communitiesByProvince = new Map<string, Community[]>();
  for (const c of data.communities) {
    const list = communitiesByProvince.get(c.provinceCode) ?? [];
    list.push(c);
    communitiesByProvince.set(c.provinceCode, list);
  }
  const ledgersByProvince = new Map<string, Ledger[]>();
  for (const l of ledgers) {
    const p = provinceOf(l);
    if (!p) continue;
    const list = ledgersByProvince.get(p) ?? [];
    list.push(l);
    ledgersByProvince.set(p, list);
  }
  return {
    ...data,
    articles,
    ledgers,
    totals: totals(data.communities, ledgers),
    articlesByChannel,
    articleMonths,
    ledgersByFocus,
    ledgerMonths: groupByMonth(ledgers, (l) => l.activityDate),
    communitiesByProvince,
    ledgersByProvince,
    activityByProvince: activityBy(ledgers, provinceOf),
    activityByFocus: activityBy(ledgers, (l) => l.serviceFocus),
    activityByMonth: activityBy(ledgers, (l) => l.activityDate.slice(0, 7)),
    provinceOf,
    articleGroups: articleGroups(articles),
  };
}

// One index per data object: the warm renderer swaps the data after each change, and every
// page then reads the index of the new data.
const indexes = new WeakMap<SiteData, SiteIndex>();
export async function loadSiteIndex(): Promise<SiteIndex> {
  const data = await loadSiteData();
  let index = indexes.get(data);
  if (!index) indexes.set(data, (index = build(data)));
  return index;
}

