import type { Article, Ledger } from '../lib/cms';

// Every Chinese string the public site shows, in one place.

export const siteName = '中国社区网';
export const siteTagline = '社区志愿服务全国联络总站网上工作平台';

type Channel = Article['channel'];
export const channels: Record<Channel, { label: string; path: string; description: string }> = {
  central_policy: { label: '中央精神', path: 'central-policy', description: '中央关于志愿服务的精神和文件' },
  station_news: { label: '总站动态', path: 'station-news', description: '社区志愿服务全国联络总站的工作动态' },
  local_news: { label: '各地动态', path: 'local-news', description: '各地社区志愿服务工作动态' },
  community_news: { label: '社区新闻', path: 'community-news', description: '来自各联络点社区的新闻' },
  model_community: { label: '社区典型', path: 'model-communities', description: '社区志愿服务的典型经验' },
};

export const serviceFocus: Record<Ledger['serviceFocus'], string> = {
  empty_nest_elderly: '空巢老人',
  minors: '未成年人',
  vulnerable_groups: '弱势群体',
  disability_assistance: '助残',
  other: '其他',
};

export const serviceTypes: Record<Ledger['serviceTypes'][number], string> = {
  daily_companionship: '日常陪护',
  counselling: '心理咨询',
  shopping_errands: '代购',
  medical_aid: '医疗救助',
  tutoring: '学业辅导',
  safety_training: '安全培训',
  legal_aid: '法律援助',
  culture_sports: '文体活动',
  pairing_support: '结对帮扶',
  holiday_camp: '假期营地',
  after_school: '四点半学校',
  housework_help: '家政帮扶',
  other: '其他',
};

export const teamKinds: Record<Ledger['teamTypes'][number], string> = {
  party_member: '党员志愿者',
  police: '警务志愿者',
  teacher: '教师志愿者',
  medical: '医疗志愿者',
  enterprise: '企业职工志愿者',
  youth: '青年志愿者',
  women: '巾帼志愿者',
  property: '物业常务志愿者',
  other: '其他',
};

export const ui = {
  home: '首页',
  skipToContent: '跳到正文',
  mainNav: '主导航',
  latestLedgers: '最新活动台账',
  latestNews: '最新动态',
  moreIn: (label: string) => `更多${label}`,
  figures: '网络数据',
  communities: '联络社区',
  provinces: '覆盖省份',
  ledgers: '活动台账',
  volunteers: '志愿者人次',
  peopleServed: '服务人次',
  serviceHours: '服务时长（小时）',
  source: '来源',
  author: '作者',
  date: '日期',
  community: '社区',
  activityDate: '活动日期',
  focus: '服务重点',
  serviceTypes: '服务类型',
  teamTypes: '参与队伍',
  volunteersCount: '志愿者人数',
  place: '活动地点',
  hours: '服务时长',
  hoursUnit: '小时',
  personUnit: '人',
  timesUnit: '人次',
  liaisonOfficer: '联络员',
  station: '志愿服务站',
  teams: '志愿服务队',
  propertyCompany: '合作物业',
  joinedOn: '加入网络',
  address: '地址',
  divisionCode: '区划代码',
  communityLedgers: '本社区活动台账',
  noLedgers: '暂无活动台账。',
  page: (n: number, total: number) => `第 ${n} / ${total} 页`,
  previous: '上一页',
  next: '下一页',
  notFoundTitle: '页面未找到',
  notFoundBody: '您访问的页面不存在或已被移除。',
  backHome: '返回首页',
  about: '关于我们',
  members: (n: number) => `${n} 人`,
};

export const formatDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};
export const formatNumber = (n: number) => new Intl.NumberFormat('zh-CN').format(n);
