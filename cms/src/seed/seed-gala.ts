import type { Core } from '@strapi/strapi';
import { GALA_EDITION, GALA_PROGRAMME, GALA_VENUE } from '../domain/vocabulary';
import { paragraph } from './demo-text';
import { createProgressBar } from './progress-bar';
import { weighted, type Random } from './random';

// This year's online Spring Festival gala (社区网络春晚): one edition, a sub-venue in each of a
// handful of provinces hosted by a seeded community, and programmes performed by seeded
// communities, each sent to the sub-venue of its own province when there is one.

export interface GalaCommunity { documentId: string; name: string; provinceCode: string; provinceName: string }

const VENUES = 10;

const KIND_WEIGHTS: Array<[string, number]> = [['song', 30], ['dance', 30], ['opera', 12], ['recital', 10], ['skit', 12], ['other', 6]];

// Programme titles per kind (traditional pieces and our own titles), minutes (as half minutes) and performers.
const PROGRAMMES: Record<string, { titles: string[]; halfMinutes: [number, number]; performers: [number, number] }> = {
  song: {
    titles: ['大合唱《歌唱祖国》', '独唱《社区是我家》', '小合唱《好日子》', '表演唱《邻里一家亲》', '童声合唱《志愿者之歌》', '男女对唱《新春到万家》'],
    halfMinutes: [6, 12], performers: [1, 40],
  },
  dance: {
    titles: ['秧歌《红红火火闹新春》', '扇子舞《盛世欢歌》', '广场舞《欢乐中国年》', '少儿舞蹈《小小志愿者》', '民族舞《幸福花儿开》', '腰鼓《龙腾虎跃》'],
    halfMinutes: [6, 16], performers: [6, 40],
  },
  opera: {
    titles: ['京剧选段《穆桂英挂帅》', '黄梅戏选段《天仙配》', '豫剧选段《花木兰》', '越剧选段《梁山伯与祝英台》', '评剧选段《刘巧儿》', '楚剧《新春团圆》'],
    halfMinutes: [10, 30], performers: [1, 8],
  },
  recital: {
    titles: ['诗朗诵《我是社区志愿者》', '配乐朗诵《家风》', '诗朗诵《春天里的守望》', '集体朗诵《百步亭的早晨》'],
    halfMinutes: [6, 12], performers: [1, 12],
  },
  skit: {
    titles: ['小品《远亲不如近邻》', '小品《空巢不空心》', '情景剧《四点半课堂》', '三句半《夸夸咱社区》', '相声《志愿服务那些事》'],
    halfMinutes: [14, 30], performers: [2, 8],
  },
  other: {
    titles: ['太极拳表演《和谐》', '魔术《新春快乐》', '武术《少年强》', '葫芦丝合奏《月光下的凤尾竹》'],
    halfMinutes: [6, 20], performers: [1, 20],
  },
};

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789';
const token = (r: Random, n: number) => Array.from({ length: n }, () => ALNUM[r.int(0, ALNUM.length - 1)]).join('');

// Where communities typically put their recordings; about a third of programmes have none.
function videoLink(r: Random): string | null {
  if (r.chance(0.35)) return null;
  switch (r.int(0, 2)) {
    case 0: return `https://www.bilibili.com/video/BV1${token(r, 9)}/`;
    case 1: return `https://v.qq.com/x/page/${token(r, 11).toLowerCase()}.html`;
    default: return `https://v.youku.com/v_show/id_XN${token(r, 13)}.html`;
  }
}

const shortProvince = (name: string) => name.replace(/(壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$/, '');

export async function createGala(strapi: Core.Strapi, r: Random, programmes: number, communities: GalaCommunity[], today: string): Promise<void> {
  if (programmes <= 0 || communities.length === 0) return;
  const year = Number(today.slice(0, 4));
  const edition = await strapi.documents(GALA_EDITION).create({
    data: {
      year,
      theme: '共建美好家园 同迎幸福新春',
      startDate: `${year}-01-25`,
      endDate: `${year}-02-25`,
      introduction: [
        paragraph(`${year}年社区网络春晚由社区志愿服务全国联络总站主办，各地联络点社区的居民和志愿者自编自演，在网上同台过年。`),
        paragraph('节目由各分会场征集、录制并报送，展示社区邻里守望、志愿服务的新风貌。'),
      ],
    } as never,
    status: 'published',
  });

  // One sub-venue per province, in provinces picked at random, each hosted by one of its communities.
  const provinces = [...new Map(communities.map((c) => [c.provinceCode, c.provinceName])).entries()];
  const venueByProvince = new Map<string, string>();
  const venueIds: string[] = [];
  for (const [code, name] of r.sample(provinces, VENUES)) {
    const host = r.pick(communities.filter((c) => c.provinceCode === code));
    const venue = await strapi.documents(GALA_VENUE).create({
      data: { name: `${shortProvince(name)}分会场`, province: `cn_${code}`, hostCommunity: host.documentId, edition: edition.documentId } as never,
      status: 'published',
    });
    venueByProvince.set(code, venue.documentId);
    venueIds.push(venue.documentId);
  }

  const bar = createProgressBar('gala programmes', programmes);
  for (let i = 0; i < programmes; i += 1) {
    const community = r.pick(communities);
    const kind = weighted(r, KIND_WEIGHTS);
    const spec = PROGRAMMES[kind];
    const performers = r.int(...spec.performers);
    await strapi.documents(GALA_PROGRAMME).create({
      data: {
        title: r.pick(spec.titles),
        kind,
        edition: edition.documentId,
        venue: venueByProvince.get(community.provinceCode) ?? r.pick(venueIds),
        community: community.documentId,
        durationMinutes: r.int(...spec.halfMinutes) / 2,
        performersCount: performers,
        videoUrl: videoLink(r),
        description: `${community.name}的${performers}位居民和志愿者登台表演，为${year}年社区网络春晚送上新春祝福。`,
      } as never,
      status: 'published',
    });
    bar.tick(i + 1);
  }
  bar.finish(programmes);
}
