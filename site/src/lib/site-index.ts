import { articleOrder, ledgerOrder, loadSiteData, type Article, type Community, type Ledger, type SiteData, type SiteDelta } from './cms';
import { channelValues, serviceFocusValues } from './cms/schemas';
import { groupByMonth, monthOf } from './derive/archives';
import { activityBy, totals, type Activity, type Totals } from './derive/figures';
import { patchGroups } from './derive/patch-groups';
import { articleGroups, patchArticleGroups, type ArticleGroups } from './derive/related';

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
  // One record by what its URL names (the warm renderer's lookups, routes/page-props.ts).
  ledgerById: Map<string, Ledger>;
  articleBySlug: Map<string, Article>;
  communityBySlug: Map<string, Community>;
}

// Each derived value, its inputs (compared by identity) and how to compute it. A value is
// computed when a page first reads it. An index built after an incremental change takes the
// previous index's value as is when its inputs are the same objects (an article change leaves
// the ledger figures alone, and the reverse), and otherwise patches it with the change
// (SiteData.delta) where a recipe knows how: the same value computing from scratch gives, at the
// cost of the records that changed. tests/integration/incremental-render.test.ts holds the pages
// drawn from patched values to a full build, file for file.
type Derived = Omit<SiteIndex, keyof SiteData>;
type Recipe<K extends keyof Derived> = {
  inputs: (d: SiteData) => unknown[];
  compute: (d: SiteData, index: SiteIndex) => Derived[K];
  // From the previous index's value and the change; undefined: compute from scratch.
  patch?: (previous: Derived[K], delta: SiteDelta, index: SiteIndex, before: SiteIndex) => Derived[K] | undefined;
};
type Recipes = { [K in keyof Derived]: Recipe<K> };

const provinceOfIn = (data: SiteData) => (l: Ledger) => (l.community ? data.communityById.get(l.community.documentId)?.provinceCode : undefined);

// Sums of one group's ledgers, in the group's (site) order: the same additions activityBy makes.
function activityOf(ledgers: Ledger[]): Activity {
  return activityBy(ledgers, () => 0).get(0) ?? { ledgers: 0, volunteers: 0, served: 0, hours: 0 };
}
// The groups' sums again for the groups the changed ledgers were or are in.
function patchActivity<K>(previous: Map<K, Activity>, delta: SiteDelta, keyOf: (l: Ledger) => K | undefined, groupsNow: Map<K, Ledger[]>): Map<K, Activity> {
  const out = new Map(previous);
  const keys = new Set([...delta.ledgers.removed, ...delta.ledgers.added].map(keyOf));
  for (const key of keys) {
    if (key === undefined) continue;
    const list = groupsNow.get(key);
    if (!list || list.length === 0) out.delete(key);
    else out.set(key, activityOf(list));
  }
  return out;
}
function patchById<K, T extends { documentId: string }>(previous: Map<K, T>, change: { removed: T[]; added: T[] }, keyOf: (x: T) => K): Map<K, T> | undefined {
  const out = new Map(previous);
  for (const r of change.removed) {
    // Two records under one key (a repeated slug): the whole map again decides which one wins.
    if (out.get(keyOf(r))?.documentId !== r.documentId) return undefined;
    out.delete(keyOf(r));
  }
  for (const a of change.added) {
    if (out.has(keyOf(a))) return undefined;
    out.set(keyOf(a), a);
  }
  return out;
}
// Fixed keys (every channel, every focus), each a filtered list in site order.
const fixedGroups = { newKeys: false, keepEmpty: true };
function byFixedKey<K, T extends { documentId: string }>(keys: readonly K[], records: (d: SiteData) => T[], keyOf: (record: T) => K, change: (delta: SiteDelta) => { removed: T[]; added: T[] }, order: (a: T, b: T) => number): { inputs: (d: SiteData) => unknown[]; compute: (d: SiteData) => Map<K, T[]>; patch: (prev: Map<K, T[]>, delta: SiteDelta) => Map<K, T[]> | undefined } {
  return {
    inputs: (d) => [records(d)],
    compute: (d) => new Map(keys.map((k) => [k, records(d).filter((r) => keyOf(r) === k)])),
    patch: (prev, delta) => patchGroups(prev, change(delta), keyOf, order, fixedGroups),
  };
}
// Months newest first: a month that appears needs the whole ordering again.
const monthGroups = { newKeys: false };

const RECIPES: Recipes = {
  provinceOf: { inputs: (d) => [d.communityById], compute: (d) => provinceOfIn(d) },
  // Summed month by month, so that a patched index adds the same numbers in the same order.
  totals: { inputs: (d) => [d.communities, d.ledgers], compute: (d, i) => totals(d.communities, i.activityByMonth) },
  articlesByChannel: byFixedKey(channelValues, (d) => d.articles, (a) => a.channel, (delta) => delta.articles, articleOrder),
  articleMonths: {
    inputs: (d) => [d.articles],
    compute: (_, i) => new Map(channelValues.map((c) => [c, groupByMonth(i.articlesByChannel.get(c)!, (a) => a.editorialDate)])),
    patch: (prev, delta) => {
      const out = new Map(prev);
      for (const c of new Set([...delta.articles.removed, ...delta.articles.added].map((a) => a.channel))) {
        const inChannel = (list: Article[]) => list.filter((a) => a.channel === c);
        const months = patchGroups(prev.get(c)!, { removed: inChannel(delta.articles.removed), added: inChannel(delta.articles.added) }, (a) => monthOf(a.editorialDate), articleOrder, monthGroups);
        if (!months) return undefined;
        out.set(c, months);
      }
      return out;
    },
  },
  ledgersByFocus: byFixedKey(serviceFocusValues, (d) => d.ledgers, (l) => l.serviceFocus, (delta) => delta.ledgers, ledgerOrder),
  ledgerMonths: {
    inputs: (d) => [d.ledgers],
    compute: (d) => groupByMonth(d.ledgers, (l) => l.activityDate),
    patch: (prev, delta) => patchGroups(prev, delta.ledgers, (l) => monthOf(l.activityDate), ledgerOrder, monthGroups),
  },
  communitiesByProvince: {
    inputs: (d) => [d.communities],
    compute: (d) => {
      const out = new Map<string, Community[]>();
      for (const c of d.communities) {
        const list = out.get(c.provinceCode) ?? [];
        list.push(c);
        out.set(c.provinceCode, list);
      }
      return out;
    },
  },
  ledgersByProvince: {
    inputs: (d) => [d.ledgers, d.communityById],
    compute: (d, i) => {
      const out = new Map<string, Ledger[]>();
      for (const l of d.ledgers) {
        const p = i.provinceOf(l);
        if (!p) continue;
        const list = out.get(p) ?? [];
        list.push(l);
        out.set(p, list);
      }
      return out;
    },
    // Read by key only, so a province's first ledger may be added at the end.
    patch: (prev, delta, i) => patchGroups(prev, delta.ledgers, i.provinceOf, ledgerOrder, { newKeys: true }),
  },
  activityByProvince: {
    inputs: (d) => [d.ledgers, d.communityById],
    compute: (d, i) => activityBy(d.ledgers, i.provinceOf),
    patch: (prev, delta, i) => patchActivity(prev, delta, i.provinceOf, i.ledgersByProvince),
  },
  activityByFocus: {
    inputs: (d) => [d.ledgers],
    compute: (d) => activityBy(d.ledgers, (l) => l.serviceFocus),
    patch: (prev, delta, i) => patchActivity(prev, delta, (l) => l.serviceFocus, i.ledgersByFocus),
  },
  activityByMonth: {
    inputs: (d) => [d.ledgers],
    compute: (d) => activityBy(d.ledgers, (l) => monthOf(l.activityDate)),
    patch: (prev, delta, i) => patchActivity(prev, delta, (l) => monthOf(l.activityDate), i.ledgerMonths),
  },
  articleGroups: {
    inputs: (d) => [d.articles],
    compute: (d) => articleGroups(d.articles),
    patch: (prev, delta) => patchArticleGroups(prev, delta.articles, articleOrder),
  },
  ledgerById: {
    inputs: (d) => [d.ledgers],
    compute: (d) => new Map(d.ledgers.map((l) => [l.documentId, l])),
    patch: (prev, delta) => patchById(prev, delta.ledgers, (l) => l.documentId),
  },
  articleBySlug: {
    inputs: (d) => [d.articles],
    compute: (d) => new Map(d.articles.map((a) => [a.slug, a])),
    patch: (prev, delta) => patchById(prev, delta.articles, (a) => a.slug),
  },
  communityBySlug: { inputs: (d) => [d.communities], compute: (d) => new Map(d.communities.map((c) => [c.slug, c])) },
};

// The values an index has computed so far, with the inputs they were computed from, and the
// data each index was built from.
const computed = new WeakMap<SiteIndex, Map<keyof Derived, { inputs: unknown[]; value: unknown }>>();
const dataOf = new WeakMap<SiteIndex, SiteData>();

function build(data: SiteData, previous?: SiteIndex): SiteIndex {
  // Newest first everywhere, ties broken by id (cms/index.ts keeps records in that order), so
  // the order is the same between builds and after an incremental patch.
  const index = Object.defineProperties({}, Object.getOwnPropertyDescriptors(data)) as SiteIndex;
  dataOf.set(index, data);
  const values = new Map<keyof Derived, { inputs: unknown[]; value: unknown }>();
  computed.set(index, values);
  // Only values already computed are carried over or patched, never the previous index itself
  // (a chain of indexes would keep every earlier version of the site in memory).
  const delta = previous && data.delta && data.delta.from.deref() === dataOf.get(previous) ? data.delta : undefined;
  const patches = new Map<keyof Derived, unknown>();
  for (const [key, entry] of computed.get(previous!) ?? []) {
    const inputs = RECIPES[key].inputs(data);
    if (inputs.length === entry.inputs.length && inputs.every((x, n) => x === entry.inputs[n])) values.set(key, entry);
    else if (delta && RECIPES[key].patch) patches.set(key, entry.value);
  }
  for (const key of Object.keys(RECIPES) as Array<keyof Derived>) {
    Object.defineProperty(index, key, {
      enumerable: true,
      get() {
        let entry = values.get(key);
        if (!entry) {
          const recipe = RECIPES[key] as Recipe<typeof key>;
          const patched = patches.has(key) ? recipe.patch!(patches.get(key) as never, delta!, index, previous!) : undefined;
          patches.delete(key);
          values.set(key, (entry = { inputs: recipe.inputs(data), value: patched ?? recipe.compute(data, index) }));
        }
        return entry.value;
      },
    });
  }
  return index;
}

// Everything derived, computed now (the warm renderer after a reload, so that the first change
// patches rather than computes a year's worth).
export function primeSiteIndex(index: SiteIndex): void {
  for (const key of Object.keys(RECIPES) as Array<keyof Derived>) void index[key];
}

// One index per data object: the warm renderer swaps the data after each change, and every
// page then reads the index of the new data.
const indexes = new WeakMap<SiteData, SiteIndex>();
// Weakly: a reload drops the old site before reading the new one.
let latest: WeakRef<SiteIndex> | undefined;
export async function loadSiteIndex(): Promise<SiteIndex> {
  const data = await loadSiteData();
  let index = indexes.get(data);
  if (!index) {
    indexes.set(data, (index = build(data, latest?.deref())));
    latest = new WeakRef(index);
  }
  return index;
}

