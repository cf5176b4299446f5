import type { Article, Ledger } from '../lib/cms';

// Every Chinese string the public site shows, in one place.

export const siteName = '中国社区网';
export const siteTagline = '社区志愿服务全国联络总站网上工作平台';

type Channel = Article['channel'];
export const channels: Record<Channel, { label: string; description: string }> = {
  central_policy: { label: '中央精神', description: '中央关于志愿服务的精神和文件' },
  station_news: { label: '总站动态', description: '社区志愿服务全国联络总站的工作动态' },
  local_news: { label: '各地动态', description: '各地社区志愿服务工作动态' },
  community_news: { label: '社区新闻', description: '来自各联络点社区的新闻' },
  model_community: { label: '社区典型', description: '社区志愿服务的典型经验' },
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
  nav: { ledgers: '活动台账', communities: '社区名录', provinces: '各省概况', figures: '数据', search: '搜索' },
  elderMode: '长辈模式',
  elderModeOn: '长辈模式：已开启',
  topStories: '要闻',
  modelCommunities: '社区典型',
  provinceOverview: '各省概况',
  provinceOverviewNote: '每个方块代表一个省级行政区，颜色越深，活动台账越多。方块位置仅示意相对方位，不代表疆域。',
  archives: '往期归档',
  monthTitle: (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`,
  newerMonth: '较新月份',
  olderMonth: '较早月份',
  related: '相关文章',
  previousArticle: '上一篇',
  nextArticle: '下一篇',
  byFocus: '按服务重点',
  allLedgers: '全部台账',
  ledgerCount: (n: number) => `${n} 份台账`,
  communityCount: (n: number) => `${n} 个社区`,
  directory: '社区名录',
  directoryIntro: '按省、市、区县排列的联络社区。',
  provinceFigures: '本省数据',
  provinceCommunities: '本省联络社区',
  latestInProvince: '本省最新活动台账',
  noCommunities: '暂无联络社区。',
  figuresTitle: '网络数据',
  figuresIntro: '以下数据根据门户发布的活动台账自动统计。',
  chartMonthly: '近12个月活动台账数量',
  chartServedByFocus: '各服务重点的服务人次',
  chartHoursByFocus: '各服务重点的服务时长（小时）',
  chartByProvince: '各省服务人次',
  chartHoursByProvince: '各省服务时长（小时）',
  showTable: '查看数据表',
  month: '月份',
  province: '省份',
  activityOverTime: '历年活动',
  searchTitle: '站内搜索',
  searchLabel: '输入关键词，例如：空巢老人、志愿服务、社区名称',
  searchNoScript: '搜索需要启用 JavaScript。您也可以通过栏目、社区名录和各省概况浏览全部内容。',
  feed: 'RSS 订阅',
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

// ── Draft preview (scripts/preview/, src/preview/) ──────────────────────────────────────────
export const previewUi = {
  banner: '预览 · 此页面仅供编辑查看，读者看到的以正式发布的内容为准',
  notFound: '未找到要预览的内容（可能已被删除）。',
  invalid: '这份内容还缺少网站显示所需的信息，暂时无法预览。请补全以下字段：',
  unavailable: '暂时无法从内容管理系统读取这份内容，请稍后再试。',
};
