import type { Random } from './random';

// Templates for plausible demo content in Chinese, written for this project from the facts
// in the domain notes (no copied text). Blocks are Strapi's rich-text JSON.

export type Block = { type: 'paragraph'; children: Array<{ type: 'text'; text: string }> } | { type: 'heading'; level: number; children: Array<{ type: 'text'; text: string }> };

export const paragraph = (text: string): Block => ({ type: 'paragraph', children: [{ type: 'text', text }] });
export const heading = (text: string, level = 2): Block => ({ type: 'heading', level, children: [{ type: 'text', text }] });

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '胡', '朱', '郭', '何', '罗', '高', '林'];
const GIVEN = ['建华', '秀英', '丽华', '志强', '桂兰', '海燕', '国庆', '淑珍', '红梅', '卫东', '玉兰', '文静', '明', '芳', '军', '敏', '静', '伟', '磊', '洁'];
export const personName = (r: Random) => r.pick(SURNAMES) + r.pick(GIVEN);

export const OFFICER_ROLES = ['社区党委书记', '社区党总支书记', '社区居委会主任', '社区党支部书记'];
export const PROPERTY_COMPANIES = ['安居物业服务有限公司', '和谐家园物业管理有限公司', '百步物业服务有限公司', '锦华物业管理有限公司', '康城物业服务有限公司', '新城物业管理有限公司'];

export const TEAM_NAMES: Record<string, string[]> = {
  party_member: ['党员先锋志愿服务队', '红色管家党员服务队'],
  police: ['社区民警志愿服务队', '平安守护志愿服务队'],
  teacher: ['教师志愿服务队', '四点半课堂辅导队'],
  medical: ['医护志愿服务队', '健康守护志愿服务队'],
  enterprise: ['企业职工志愿服务队', '共建单位志愿服务队'],
  youth: ['青年志愿服务队', '大学生志愿服务队'],
  women: ['巾帼志愿服务队', '姐妹互助志愿服务队'],
  property: ['物业常务志愿者服务队'],
  other: ['邻里互助志愿服务队', '文艺志愿服务队'],
};

// What a ledger of each focus typically records: the activity, its service types and where.
export const LEDGER_ACTIVITIES: Record<string, Array<{ name: string; types: string[]; place: string }>> = {
  empty_nest_elderly: [
    { name: '为空巢老人上门陪护', types: ['daily_companionship', 'housework_help'], place: '居民家中' },
    { name: '为独居老人代购生活用品', types: ['shopping_errands', 'daily_companionship'], place: '社区超市及居民家中' },
    { name: '老年人健康义诊', types: ['medical_aid'], place: '社区卫生服务站' },
    { name: '“结对帮扶”走访高龄老人', types: ['pairing_support', 'counselling'], place: '居民家中' },
    { name: '重阳节陪伴空巢老人', types: ['culture_sports', 'daily_companionship'], place: '社区活动室' },
    { name: '老年人防范电信诈骗讲座', types: ['safety_training', 'legal_aid'], place: '社区会议室' },
    { name: '为行动不便老人义务理发', types: ['daily_companionship'], place: '社区志愿服务站' },
  ],
  minors: [
    { name: '四点半学校课后辅导', types: ['after_school', 'tutoring'], place: '社区四点半学校' },
    { name: '暑期少年营地', types: ['holiday_camp', 'culture_sports'], place: '社区青少年之家' },
    { name: '青少年交通安全培训', types: ['safety_training'], place: '社区广场' },
    { name: '未成年人心理健康讲座', types: ['counselling'], place: '社区心理咨询室' },
    { name: '“法律进社区”青少年专场', types: ['legal_aid'], place: '社区会议室' },
    { name: '周末亲子读书会', types: ['tutoring', 'culture_sports'], place: '社区图书室' },
  ],
  vulnerable_groups: [
    { name: '走访慰问困难家庭', types: ['pairing_support'], place: '困难家庭住所' },
    { name: '为低保家庭送去米面粮油', types: ['pairing_support', 'shopping_errands'], place: '居民家中' },
    { name: '困难群众法律援助咨询', types: ['legal_aid'], place: '社区法律服务点' },
    { name: '就业帮扶政策宣讲', types: ['counselling'], place: '社区党群服务中心' },
  ],
  disability_assistance: [
    { name: '助残志愿者上门康复指导', types: ['medical_aid', 'daily_companionship'], place: '居民家中' },
    { name: '残疾人家庭走访与需求登记', types: ['pairing_support'], place: '居民家中' },
    { name: '全国助残日文体联谊', types: ['culture_sports'], place: '社区文体中心' },
  ],
  other: [
    { name: '社区环境清洁日', types: ['other'], place: '小区公共区域' },
    { name: '垃圾分类入户宣传', types: ['other'], place: '各居民楼栋' },
    { name: '邻里节文艺汇演', types: ['culture_sports'], place: '社区广场' },
    { name: '消防安全演练', types: ['safety_training'], place: '小区消防通道' },
  ],
};

export const FOCUS_WORDS: Record<string, string> = {
  empty_nest_elderly: '空巢老人',
  minors: '辖区未成年人',
  vulnerable_groups: '困难群众',
  disability_assistance: '残疾人朋友',
  other: '社区居民',
};

export function ledgerDescription(r: Random, community: string, activity: string, focus: string, volunteers: number, served: number, hours: number, teams: string[]): Block[] {
  const who = FOCUS_WORDS[focus] ?? '社区居民';
  return [
    paragraph(`${community}组织${teams.join('、')}共${volunteers}名志愿者开展“${activity}”活动，服务${who}${served}人次，累计服务${hours}小时。`),
    paragraph(
      r.pick([
        `活动前，社区网格员逐户摸排需求，建立服务清单；活动中，志愿者分组认领任务，做到需求有回应、服务有记录。`,
        `志愿者提前与服务对象电话沟通，按照“一户一策”准备服务内容，活动结束后逐一回访，了解服务效果。`,
        `社区联络员全程协调，辖区共建单位提供场地与物资支持，志愿者佩戴统一标识，规范开展服务。`,
      ]),
    ),
    paragraph(
      r.pick([
        `下一步，社区将把此项服务纳入常态化志愿服务项目，每月定期开展。`,
        `居民纷纷表示，志愿者的服务贴心、实在，让大家感受到了社区大家庭的温暖。`,
        `本次活动已录入电子台账，相关照片和签到记录由社区志愿服务站存档备查。`,
      ]),
    ),
  ];
}

export const CENTRAL_POLICY_TITLES = [
  '关于推进新时代志愿服务制度化常态化的指导意见',
  '中央文明办部署开展学雷锋志愿服务进社区活动',
  '关于加强社区志愿服务站建设的通知',
  '关于深化“我为群众办实事”社区志愿服务的工作安排',
  '关于做好空巢老人关爱服务工作的意见',
  '关于开展未成年人“快乐暑假”社区志愿服务的通知',
  '关于推动物业服务企业参与社区志愿服务的指导意见',
  '志愿服务条例要点解读',
  '关于建立健全社区志愿服务记录制度的通知',
  '关于弘扬志愿精神、推进社区治理的意见',
];

export const STATION_NEWS_TITLES = [
  '社区志愿服务全国联络总站召开年度工作推进会',
  '全国联络总站举办联络员线上培训班',
  '总站发布社区志愿服务电子台账填报规范',
  '全国联络总站走访调研基层联络点',
  '总站部署社区网络春晚筹备工作',
  '总站召开物业企业参与志愿服务座谈会',
  '全国联络总站表彰优秀社区联络员',
  '总站启动“关爱空巢老人”专项行动',
];

export const LOCAL_NEWS_TEMPLATES = [
  (p: string) => `${p}推进社区志愿服务站规范化建设`,
  (p: string) => `${p}召开社区志愿服务联络点工作会议`,
  (p: string) => `${p}开展学雷锋志愿服务月活动`,
  (p: string) => `${p}多部门联合开展“暖冬行动”`,
  (p: string) => `${p}社区志愿者注册人数稳步增长`,
  (p: string) => `${p}推广“四点半学校”经验做法`,
];

export const COMMUNITY_NEWS_TEMPLATES = [
  (c: string) => `${c}开展重阳敬老志愿服务活动`,
  (c: string) => `${c}“四点半学校”开学了`,
  (c: string) => `${c}志愿者为独居老人送上年夜饭`,
  (c: string) => `${c}举办邻里节，志愿者服务暖人心`,
  (c: string) => `${c}组织青少年暑期安全教育`,
  (c: string) => `${c}物业常务志愿者守护居民平安`,
];

export const MODEL_COMMUNITY_TEMPLATES = [
  (c: string) => `社区典型｜${c}：把志愿服务做成居民身边的日常`,
  (c: string) => `社区典型｜${c}：“三个依托”凝聚志愿力量`,
  (c: string) => `社区典型｜${c}：结对帮扶让空巢老人不再孤单`,
  (c: string) => `社区典型｜${c}：物业员工变身常务志愿者`,
];

export const SOURCES: Record<string, string[]> = {
  central_policy: ['中央文明办', '中国文明网', '民政部'],
  station_news: ['社区志愿服务全国联络总站'],
  local_news: ['省文明办', '市志愿服务联合会', '地方联络站'],
  community_news: ['社区供稿', '社区志愿服务站'],
  model_community: ['中国社区网', '社区志愿服务全国联络总站'],
};

export function articleBody(r: Random, channel: string, subject: string): Block[] {
  const opening: Record<string, string> = {
    central_policy: `近日，有关部门就${subject}作出部署，要求各地以社区为基本单元，把志愿服务融入基层治理和民生保障。`,
    station_news: `社区志愿服务全国联络总站近日围绕“${subject}”开展工作，各省联络员代表参加。`,
    local_news: `${subject}，各地联络点结合实际，推动志愿服务向空巢老人、未成年人和困难群众聚焦。`,
    community_news: `${subject}。活动由社区志愿服务站牵头，辖区党员、物业员工和居民志愿者共同参与。`,
    model_community: `${subject}。这个社区依托党组织、群团组织和物业企业，把志愿服务变成了居民身边的日常。`,
  };
  return [
    paragraph(opening[channel] ?? subject),
    heading('主要做法'),
    paragraph(
      r.pick([
        '一是建立需求清单，由网格员入户摸排空巢老人、困难家庭和残疾人家庭的实际需要；二是建立服务清单，志愿服务队按专长认领项目；三是建立记录制度，每次活动形成电子台账，做到可查可评。',
        '社区党组织书记担任联络员，统筹辖区派出所、学校、医院和物业企业的志愿力量，形成“党员带头、群团协同、物业常驻”的服务格局。',
        '通过“结对帮扶”机制，每名志愿者固定联系若干户服务对象，定期上门问候，遇到困难第一时间响应并跟踪到解决为止。',
      ]),
    ),
    heading('取得成效'),
    paragraph(
      r.pick([
        `一年来，参与社区开展志愿服务活动${r.int(40, 300)}场次，服务群众${r.int(2000, 20000)}人次，居民满意度持续提升。`,
        `目前，注册志愿者已达${r.int(200, 3000)}人，组建志愿服务队${r.int(5, 30)}支，常态化服务项目覆盖全部居民小区。`,
      ]),
    ),
    paragraph('下一步，将继续完善志愿服务激励和记录制度，推动社区志愿服务制度化、常态化。'),
  ];
}

export const ABOUT_PAGE = {
  title: '关于我们',
  slug: 'about',
  summary: '中国社区网是社区志愿服务全国联络总站的网上工作平台。',
  body: [
    paragraph('中国社区网是社区志愿服务全国联络总站的网上工作平台。总站于2010年7月受中央文明办委托成立，由中国志愿服务基金会主办，武汉市百步亭社区承办，武汉市文明办协助开展工作。'),
    heading('我们做什么'),
    paragraph('平台发布中央关于志愿服务的精神和文件，报道总站和各地的工作动态，汇集社区新闻，宣传社区典型，并为各地社区提供展示风采、交流经验的园地。'),
    heading('联络网络'),
    paragraph('加入网络的社区从最初的500个发展到约2万个，遍及全国31个省、自治区、直辖市。各社区每年组织志愿服务活动10万余次，服务群众近3000万人次，每年在平台发布电子台账12万余份、新闻7万余条。'),
    heading('三个依托'),
    paragraph('依托党组织：社区党组织书记担任联络点联络员、志愿服务站站长和志愿服务队队长，党员志愿者冲在前面。依托群团组织和单位：派出所、学校、医院、工会、共青团、妇联派出警务、教师、医疗、企业职工、青年和巾帼志愿者。依托物业企业：约百家物业服务企业的员工作为常务志愿者，让志愿服务成为日常。'),
    heading('三个重点'),
    paragraph('关爱空巢老人：日常陪护、心理疏导、代购代办、医疗帮助和结对帮扶。关爱未成年人：“学校放假、社区开学”，办好假期营地、四点半学校和青少年活动阵地。关爱弱势群体：帮扶困难家庭和残疾人，受理居民求助并跟踪到解决。'),
    heading('社区网络春晚'),
    paragraph('自2012年春节起，总站组织社区网络春晚，来自31个省份的2000多个社区、1万多名演员通过32个分会场献上2600个节目。'),
  ] as Block[],
};
