import type { Core, UID } from '@strapi/strapi';
import { analyzeAfterBulkLoad } from '../database/refresh-planner-statistics';
import { allProvinces, communityPlaces, type DivisionPlace } from '../domain/division-codes';
import { makeSlug } from '../domain/make-slug';
import { divisionFields, normalizeTags, todayInChina } from '../document-middlewares/validate-content';
import { createProgressBar } from './progress-bar';
import { createRandom, type Random } from './random';
import { articleData, busyCommunity, communityData, daysAgo, ledgerData, type SeededCommunity } from './seed-demo-content';
import { createIdReserver, writeDocumentsInBulk, type BulkContext, type BulkDocument, type RowPair } from './write-documents-in-bulk';

// Data at scale: a deterministic, realistic year of the network (20,000 real communities in all
// 31 provinces, 120,000 ledgers, 70,000 articles) or any fraction of it, built by the demo
// seeder's own generators and written in bulk (write-documents-in-bulk.ts). The document
// service's middlewares do not run on this path, so the fields they derive (place names from
// the division code, pinyin slugs, normalised tags) are filled here with the same functions.

export const YEAR = { communities: 20_000, ledgers: 120_000, articles: 70_000 };
export const SCALE_SEED = 20100702;
const CHUNK = 1000;

const COMMUNITY = 'api::community.community';
const LEDGER = 'api::ledger.ledger';
const ARTICLE = 'api::article.article';

export interface ScaleReport {
  communities: number;
  ledgers: number;
  articles: number;
  entries: number;
  seconds: number;
  entriesPerSecond: number;
}

// `year` is the whole year, `small` 1 % of it (CI), a number any fraction of it.
export function parseScale(value: string | undefined): number {
  if (value === 'year') return 1;
  if (value === 'small') return 0.01;
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 10) {
    throw new Error(`--scale must be year, small or a fraction of a year between 0 and 10 (got ${value ?? 'nothing'})`);
  }
  return n;
}

export function planAtScale(fraction: number): { communities: number; ledgers: number; articles: number } {
  const count = (n: number) => Math.max(1, Math.round(n * fraction));
  return { communities: count(YEAR.communities), ledgers: count(YEAR.ledgers), articles: count(YEAR.articles) };
}

// Shares of `total` by each province's number of communities (largest remainders), at least
// one each when there are enough for all 31.
function provinceQuotas(pools: DivisionPlace[][], total: number): number[] {
  const sizes = pools.map((p) => p.length);
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (total > sum) throw new Error(`only ${sum} communities in the division codes, ${total} asked for`);
  const floor = total >= pools.length ? 1 : 0;
  const rest = total - floor * pools.length;
  const exact = sizes.map((s) => (rest * s) / sum);
  const quotas = exact.map((x) => floor + Math.floor(x));
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, left = total - quotas.reduce((a, b) => a + b, 0); left > 0; k += 1, left -= 1) quotas[order[k % order.length][1]] += 1;
  return quotas.map((q, i) => Math.min(q, sizes[i]));
}

function pickPlaces(r: Random, total: number, takenCodes: Set<string>): DivisionPlace[] {
  const pools = allProvinces().map((p) => communityPlaces(p.code).filter((place) => !takenCodes.has(place.code)));
  const quotas = provinceQuotas(pools, total);
  return pools.flatMap((pool, i) => r.sample(pool, quotas[i]));
}

// The slugs the validation middleware would give: the pinyin of the name, then -2, -3, … on collisions.
function createSlugClaimer(taken: Set<string>): (text: string) => string {
  const bases = new Map<string, string>();
  const nextSuffix = new Map<string, number>();
  return (text) => {
    let base = bases.get(text);
    if (base === undefined) bases.set(text, (base = makeSlug(text)));
    let slug = base;
    if (taken.has(slug)) {
      let n = nextSuffix.get(base) ?? 2;
      while (taken.has(`${base}-${n}`)) n += 1;
      slug = `${base}-${n}`;
      nextSuffix.set(base, n + 1);
    }
    taken.add(slug);
    return slug;
  };
}

// When an editor would have entered it: on the given Beijing day, in working hours, never later than now.
function entryTimes(r: Random, day: string, now: number): Pick<BulkDocument, 'createdAt' | 'updatedAt' | 'publishedAt'> {
  const created = Math.min(Date.parse(`${day}T00:00:00+08:00`) + r.int(8 * 3600, 20 * 3600) * 1000 + r.int(0, 999), now - 60_000);
  const updated = Math.min(created + r.int(0, 1800) * 1000, now - 30_000);
  const published = Math.min(updated + r.int(5, 500), now);
  return { createdAt: new Date(created), updatedAt: new Date(updated), publishedAt: new Date(published) };
}

async function existingValues(strapi: Core.Strapi, uid: UID.ContentType, field: string): Promise<Set<string>> {
  const rows = (await strapi.db.query(uid).findMany({ select: [field] })) as Array<Record<string, string | null>>;
  return new Set(rows.map((row) => row[field]).filter((v): v is string => Boolean(v)));
}

// Refuses to add a year of content on top of someone's real content, unless asked to.
export async function assertEmptyOrAppending(strapi: Core.Strapi, append: boolean): Promise<void> {
  if (append) return;
  for (const uid of [COMMUNITY, LEDGER, ARTICLE] as const) {
    const n = await strapi.db.query(uid).count();
    if (n > 0) throw new Error(`the database already holds ${uid} entries (${n} rows); seed at scale into an empty CMS, or pass --append to add to it`);
  }
}

export async function seedAtScale(strapi: Core.Strapi, fraction: number): Promise<ScaleReport> {
  const plan = planAtScale(fraction);
  const r = createRandom(SCALE_SEED);
  const clock = createRandom(SCALE_SEED + 1);
  const today = todayInChina();
  const now = Date.now();
  const started = performance.now();
  // 1. Real places not yet taken, and the slugs already in use, so nothing collides.
  const places = pickPlaces(r, plan.communities, await existingValues(strapi, COMMUNITY, 'divisionCode'));
  const communitySlug = createSlugClaimer(await existingValues(strapi, COMMUNITY, 'slug'));
  const articleSlug = createSlugClaimer(await existingValues(strapi, ARTICLE, 'slug'));
  // 2. Everything in one transaction: a failure leaves the database as it was.
  await strapi.db.transaction(async ({ trx }) => {
    const ctx: BulkContext = { trx, targets: new Map<string, RowPair>(), reserveIds: createIdReserver(strapi, trx), inverseOrder: new Map() };
    const communities: SeededCommunity[] = [];
    // 3. Communities with their derived place names and slugs.
    const communityBar = createProgressBar('communities', places.length);
    for (let start = 0; start < places.length; start += CHUNK) {
      const chunk = places.slice(start, start + CHUNK);
      const docs = chunk.map((place) => {
        const data = communityData(r, place, today, null);
        Object.assign(data, divisionFields(place), { slug: communitySlug(String(data.name)) });
        return { data, ...entryTimes(clock, daysAgo(today, clock.int(365, 400)), now) };
      });
      const pairs = await writeDocumentsInBulk(strapi, COMMUNITY, docs, ctx);
      pairs.forEach((pair, k) => {
        ctx.targets.set(pair.documentId, pair);
        communities.push({ documentId: pair.documentId, name: String(docs[k].data.name), provinceCode: chunk[k].provinceCode, provinceName: chunk[k].provinceName });
      });
      communityBar.tick(communities.length);
    }
    communityBar.finish(communities.length);
    // 4. Ledgers: busy communities anywhere in the country, not only the first province's.
    const byActivity = r.sample(communities, communities.length);
    const ledgerBar = createProgressBar('ledgers', plan.ledgers);
    for (let start = 0; start < plan.ledgers; start += CHUNK) {
      const docs: BulkDocument[] = [];
      for (let i = start; i < Math.min(start + CHUNK, plan.ledgers); i += 1) {
        const data = ledgerData(r, busyCommunity(r, byActivity), today, null);
        docs.push({ data, ...entryTimes(clock, String(data.activityDate), now) });
      }
      await writeDocumentsInBulk(strapi, LEDGER, docs, ctx);
      ledgerBar.tick(start + docs.length);
    }
    ledgerBar.finish(plan.ledgers);
    // 5. Articles in every channel, with slugs and normalised tags.
    const perChannel: Record<string, number> = {};
    const articleBar = createProgressBar('articles', plan.articles);
    for (let start = 0; start < plan.articles; start += CHUNK) {
      const docs: BulkDocument[] = [];
      for (let i = start; i < Math.min(start + CHUNK, plan.articles); i += 1) {
        const data = articleData(r, i, perChannel, communities, today, []);
        normalizeTags(data);
        data.slug = articleSlug(String(data.title));
        docs.push({ data, ...entryTimes(clock, String(data.editorialDate), now) });
      }
      await writeDocumentsInBulk(strapi, ARTICLE, docs, ctx);
      articleBar.tick(start + docs.length);
    }
    articleBar.finish(plan.articles);
  });
  // 6. Statistics for the tables the load grew, so that the next reads are planned for their size.
  await analyzeAfterBulkLoad(strapi);
  const seconds = (performance.now() - started) / 1000;
  const entries = plan.communities + plan.ledgers + plan.articles;
  return { ...plan, entries, seconds: Number(seconds.toFixed(2)), entriesPerSecond: Math.round(entries / seconds) };
}
