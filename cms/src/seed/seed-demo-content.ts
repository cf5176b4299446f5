import type { Core } from '@strapi/strapi';
import { allProvinces, communityCommittees, type DivisionPlace } from '../domain/division-codes';
import { todayInChina } from '../document-middlewares/validate-content';
import {
  ABOUT_PAGE, CENTRAL_POLICY_TITLES, COMMUNITY_NEWS_TEMPLATES, LEDGER_ACTIVITIES, LOCAL_NEWS_TEMPLATES,
  MODEL_COMMUNITY_TEMPLATES, OFFICER_ROLES, PROPERTY_COMPANIES, SOURCES, STATION_NEWS_TITLES, TEAM_NAMES,
  articleBody, ledgerDescription, paragraph, personName,
} from './demo-text';
import { uploadDemoImages } from './demo-images';
import { createProgressBar } from './progress-bar';
import { createRandom, weighted, type Random } from './random';
import { createGala } from './seed-gala';

// Demo content: real communities from the official division codes in all 31 provinces, a year
// of activity ledgers across every service focus, articles in every channel and the About page.
// Written through the document service, so every validation and derived field applies exactly
// as for an editor. A later scale issue reuses the plan with larger numbers and a bulk writer.

export interface SeedPlan {
  communitiesPerProvince: number;
  ledgers: number;
  articles: number;
  images: boolean;
  seed: number;
  // Programmes of this year's online gala (none when absent).
  galaProgrammes?: number;
}

export const DEMO_PLAN: SeedPlan = { communitiesPerProvince: 5, ledgers: 600, articles: 100, images: true, seed: 20100701, galaProgrammes: 120 };

const FOCUS_WEIGHTS: Array<[string, number]> = [
  ['empty_nest_elderly', 35], ['minors', 25], ['vulnerable_groups', 18], ['disability_assistance', 12], ['other', 10],
];
const CHANNEL_WEIGHTS: Array<[string, number]> = [
  ['central_policy', 10], ['station_news', 10], ['local_news', 30], ['community_news', 35], ['model_community', 15],
];
const TEAM_KINDS = Object.keys(TEAM_NAMES);

export interface SeededCommunity { documentId: string; name: string; provinceCode: string; provinceName: string }

export function daysAgo(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export const shortName = (villageName: string) => villageName.replace(/(居民委员会|居委会|村民委员会|村委会|委员会)$/, '');

// Picks places spread over each province's list, not just its first district.
function pickPlaces(r: Random, perProvince: number): DivisionPlace[] {
  return allProvinces().flatMap((p) => {
    return r.sample(communityCommittees(p.code, 2000), perProvince);
  });
}

// The data an editor would enter for one community; the demo and the bulk seeder share it.
export function communityData(r: Random, place: DivisionPlace, today: string, photo: number | null): Record<string, unknown> {
  const name = shortName(place.name);
  const teams = r.sample(TEAM_KINDS, r.int(2, 4)).map((kind) => ({ name: r.pick(TEAM_NAMES[kind]), kind, membersCount: r.int(8, 120) }));
  return {
    name,
    divisionCode: place.code,
    address: `${place.districtName}${place.streetName}${name}党群服务中心`,
    isLiaisonPoint: true,
    joinedOn: daysAgo(today, r.int(400, 5000)),
    liaisonOfficer: { name: personName(r), role: r.pick(OFFICER_ROLES), phone: `0${r.int(10, 999)}-${r.int(2000000, 89999999)}` },
    stationName: `${name}志愿服务站`,
    volunteerTeams: teams,
    propertyCompany: r.chance(0.7) ? r.pick(PROPERTY_COMPANIES) : null,
    photos: photo === null ? [] : [photo],
    introduction: [
      paragraph(`${name}位于${place.provinceName}${place.districtName}${place.streetName}，是社区志愿服务全国联络点之一。`),
      paragraph(`社区依托党组织、群团组织和物业企业组建了${teams.length}支志愿服务队，重点关爱空巢老人、未成年人和困难群众。`),
    ],
  };
}

async function createCommunities(strapi: Core.Strapi, r: Random, plan: SeedPlan, today: string, images: number[]): Promise<SeededCommunity[]> {
  const places = pickPlaces(r, plan.communitiesPerProvince);
  const bar = createProgressBar('communities', places.length);
  const out: SeededCommunity[] = [];
  for (const place of places) {
    const photo = out.length % 8 === 0 && images.length ? images[out.length % images.length] : null;
    const data = communityData(r, place, today, photo);
    const doc = await strapi.documents('api::community.community').create({ data: data as never, status: 'published' });
    out.push({ documentId: doc.documentId, name: data.name as string, provinceCode: place.provinceCode, provinceName: place.provinceName });
    bar.tick(out.length);
  }
  bar.finish(out.length);
  return out;
}

// One activity ledger of a community, as an editor would enter it.
export function ledgerData(r: Random, community: SeededCommunity, today: string, photo: number | null): Record<string, unknown> {
  const focus = weighted(r, FOCUS_WEIGHTS);
  const activity = r.pick(LEDGER_ACTIVITIES[focus]);
  const teamKinds = r.sample(TEAM_KINDS, r.int(1, 3));
  const volunteers = r.int(3, 40);
  const served = r.int(5, 200);
  const hours = Math.round(volunteers * r.int(1, 4) * 2) / 2;
  return {
    title: `${community.name}${activity.name}`,
    community: community.documentId,
    activityDate: daysAgo(today, r.int(0, 364)),
    serviceFocus: focus,
    serviceTypes: activity.types.map((kind) => ({ kind })),
    teamTypes: teamKinds.map((kind) => ({ kind })),
    volunteersCount: volunteers,
    peopleServed: served,
    serviceHours: hours,
    place: activity.place,
    photos: photo === null ? [] : [photo],
    description: ledgerDescription(r, community.name, activity.name, focus, volunteers, served, hours, teamKinds.map((k) => TEAM_NAMES[k][0])),
  };
}

// Some communities are far busier than others, as in the real network.
export function busyCommunity<T>(r: Random, communities: T[]): T {
  return communities[Math.floor(communities.length * r.next() ** 1.8)];
}

async function createLedgers(strapi: Core.Strapi, r: Random, plan: SeedPlan, communities: SeededCommunity[], today: string, images: number[]): Promise<void> {
  const bar = createProgressBar('ledgers', plan.ledgers);
  for (let i = 0; i < plan.ledgers; i += 1) {
    const community = busyCommunity(r, communities);
    const photo = i % 12 === 0 && images.length ? images[i % images.length] : null;
    await strapi.documents('api::ledger.ledger').create({ data: ledgerData(r, community, today, photo) as never, status: 'published' });
    bar.tick(i + 1);
  }
  bar.finish(plan.ledgers);
}

function articleTitle(r: Random, channel: string, community: SeededCommunity, n: number): string {
  switch (channel) {
    case 'central_policy': return CENTRAL_POLICY_TITLES[n % CENTRAL_POLICY_TITLES.length];
    case 'station_news': return STATION_NEWS_TITLES[n % STATION_NEWS_TITLES.length];
    case 'local_news': return r.pick(LOCAL_NEWS_TEMPLATES)(community.provinceName);
    case 'model_community': return r.pick(MODEL_COMMUNITY_TEMPLATES)(community.name);
    default: return r.pick(COMMUNITY_NEWS_TEMPLATES)(community.name);
  }
}

// The i-th article (channel counts so far in perChannel), as an editor would enter it.
export function articleData(r: Random, i: number, perChannel: Record<string, number>, communities: SeededCommunity[], today: string, images: number[]): Record<string, unknown> {
  // The first five go one to each channel, so every channel has content at any scale.
  const channel = i < CHANNEL_WEIGHTS.length ? CHANNEL_WEIGHTS[i][0] : weighted(r, CHANNEL_WEIGHTS);
  const n = (perChannel[channel] = (perChannel[channel] ?? 0) + 1);
  const community = r.pick(communities);
  const national = channel === 'central_policy' || channel === 'station_news';
  const title = articleTitle(r, channel, community, n - 1);
  return {
    title,
    summary: `${title}。`,
    body: articleBody(r, channel, title),
    channel,
    editorialDate: daysAgo(today, r.int(0, 364)),
    source: r.pick(SOURCES[channel]),
    author: personName(r),
    province: national ? null : `cn_${community.provinceCode}`,
    community: channel === 'community_news' || channel === 'model_community' ? community.documentId : null,
    tags: channel === 'model_community' ? '社区典型,志愿服务' : '志愿服务',
    cover: channel === 'model_community' && images.length ? images[n % images.length] : null,
  };
}

async function createArticles(strapi: Core.Strapi, r: Random, plan: SeedPlan, communities: SeededCommunity[], today: string, images: number[]): Promise<void> {
  const bar = createProgressBar('articles', plan.articles);
  const perChannel: Record<string, number> = {};
  for (let i = 0; i < plan.articles; i += 1) {
    await strapi.documents('api::article.article').create({ data: articleData(r, i, perChannel, communities, today, images) as never, status: 'published' });
    bar.tick(i + 1);
  }
  bar.finish(plan.articles);
}

async function createAboutPage(strapi: Core.Strapi): Promise<void> {
  await strapi.documents('api::page.page').create({ data: ABOUT_PAGE as never, status: 'published' });
}

export async function seedDemoContent(strapi: Core.Strapi, plan: SeedPlan = DEMO_PLAN): Promise<void> {
  const r = createRandom(plan.seed);
  const today = todayInChina();
  const started = Date.now();
  // One transaction: a crash half-way leaves an empty database that seeds again next start.
  // 1. A few pictures, drawn locally and uploaded like an editor's (outside the transaction:
  //    the upload service writes files as well as rows).
  const images = plan.images ? await uploadDemoImages(strapi) : [];
  await strapi.db.transaction(async () => {
    // 2. Communities, from the official division codes.
    const communities = await createCommunities(strapi, r, plan, today, images);
    // 3. A year of activity ledgers, spread over those communities.
    await createLedgers(strapi, r, plan, communities, today, images);
    // 4. Articles in every channel.
    await createArticles(strapi, r, plan, communities, today, images);
    // 5. The About page.
    await createAboutPage(strapi);
    // 6. This year's online Spring Festival gala: sub-venues and programmes of those communities.
    await createGala(strapi, r, plan.galaProgrammes ?? 0, communities, today);
  });
  strapi.log.info(`[shequ] demo content seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Seeds only into an empty database, so restarts and later runs never duplicate content.
export async function seedDemoContentOnce(strapi: Core.Strapi): Promise<void> {
  if ((process.env.SHEQU_DEMO_CONTENT ?? 'demo') === 'none') return;
  const existing = await strapi.db.query('api::community.community').count();
  if (existing > 0) return;
  await seedDemoContent(strapi);
}
