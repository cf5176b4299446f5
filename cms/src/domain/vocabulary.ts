// Every Chinese word the dashboard shows for this project's content model, in one place.
// Enumeration values are ASCII (they become GraphQL enum names); editors see these labels.

export const enumLabels: Record<string, string> = {
  // Article channels
  central_policy: '中央精神',
  station_news: '总站动态',
  local_news: '各地动态',
  community_news: '社区新闻',
  model_community: '社区典型',
  // Service focus of a ledger
  empty_nest_elderly: '空巢老人',
  minors: '未成年人',
  vulnerable_groups: '弱势群体',
  disability_assistance: '助残',
  // Service types
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
  // Volunteer team kinds
  party_member: '党员志愿服务队',
  police: '警务志愿服务队',
  teacher: '教师志愿服务队',
  medical: '医疗志愿服务队',
  enterprise: '企业志愿服务队',
  youth: '青年志愿服务队',
  women: '巾帼志愿服务队',
  property: '物业常务志愿者',
  other: '其他',
  // Provinces: the value is "cn_" + the two-digit GB/T 2260 code.
  cn_11: '北京市',
  cn_12: '天津市',
  cn_13: '河北省',
  cn_14: '山西省',
  cn_15: '内蒙古自治区',
  cn_21: '辽宁省',
  cn_22: '吉林省',
  cn_23: '黑龙江省',
  cn_31: '上海市',
  cn_32: '江苏省',
  cn_33: '浙江省',
  cn_34: '安徽省',
  cn_35: '福建省',
  cn_36: '江西省',
  cn_37: '山东省',
  cn_41: '河南省',
  cn_42: '湖北省',
  cn_43: '湖南省',
  cn_44: '广东省',
  cn_45: '广西壮族自治区',
  cn_46: '海南省',
  cn_50: '重庆市',
  cn_51: '四川省',
  cn_52: '贵州省',
  cn_53: '云南省',
  cn_54: '西藏自治区',
  cn_61: '陕西省',
  cn_62: '甘肃省',
  cn_63: '青海省',
  cn_64: '宁夏回族自治区',
  cn_65: '新疆维吾尔自治区',
};

// Field labels per content type or component uid, shown in the dashboard's forms and lists.
export const fieldLabels: Record<string, Record<string, string>> = {
  'api::article.article': {
    title: '标题',
    slug: '网址别名（留空则按标题拼音生成）',
    summary: '摘要',
    body: '正文',
    channel: '栏目',
    cover: '封面图片',
    editorialDate: '发布日期',
    source: '来源',
    author: '作者',
    province: '所属省份',
    community: '相关社区',
    tags: '标签（用逗号或顿号分隔）',
  },
  'api::community.community': {
    name: '社区名称',
    slug: '网址别名（留空则按名称拼音生成）',
    divisionCode: '统计用区划代码（12位）',
    provinceCode: '省份代码（自动）',
    provinceName: '省份（自动）',
    cityName: '城市（自动）',
    districtName: '区县（自动）',
    streetName: '街道（自动）',
    address: '地址',
    isLiaisonPoint: '联络点',
    joinedOn: '加入日期',
    liaisonOfficer: '联络员',
    stationName: '志愿服务站名称',
    volunteerTeams: '志愿服务队',
    propertyCompany: '合作物业公司',
    introduction: '社区简介',
    photos: '照片',
    latitude: '纬度',
    longitude: '经度',
    ledgers: '活动台账',
    articles: '相关文章',
  },
  'api::ledger.ledger': {
    title: '活动名称',
    community: '社区',
    activityDate: '活动日期',
    serviceFocus: '服务重点',
    serviceTypes: '服务类型',
    teamTypes: '参与队伍类型',
    volunteersCount: '志愿者人数',
    peopleServed: '服务人次',
    serviceHours: '服务时长（小时）',
    place: '活动地点',
    description: '活动记录',
    photos: '照片',
  },
  'api::page.page': {
    title: '标题',
    slug: '网址别名',
    summary: '摘要',
    body: '正文',
  },
  'community.liaison-officer': { name: '姓名', role: '职务', phone: '公开联系电话' },
  'community.volunteer-team': { name: '队伍名称', kind: '队伍类型', membersCount: '队员人数' },
  'ledger.service-type': { kind: '服务类型' },
  'ledger.team-type': { kind: '队伍类型' },
};

// Fields the CMS derives itself (from the division code); shown but not editable.
export const derivedFields: Record<string, string[]> = {
  'api::community.community': ['provinceCode', 'provinceName', 'cityName', 'districtName', 'streetName'],
};

// Messages an editor sees when the CMS refuses input.
export const messages = {
  required: (label: string) => `「${label}」不能为空`,
  notNegative: (label: string) => `「${label}」不能为负数`,
  notNumber: (label: string) => `「${label}」必须是数字`,
  notInteger: (label: string) => `「${label}」必须是整数`,
  dateInFuture: (label: string, today: string) => `「${label}」不能晚于今天（${today}）`,
  badDate: (label: string) => `「${label}」不是有效日期（格式：YYYY-MM-DD）`,
  divisionCodeFormat: '统计用区划代码必须是12位数字',
  divisionCodeUnknown: (code: string) => `区划代码 ${code} 不在国家统计局区划代码表中，请核对`,
  divisionCodeTaken: (code: string, name: string) => `区划代码 ${code} 已被社区「${name}」使用`,
  ledgerNeedsCommunity: '活动台账必须关联一个社区',
  altTextMissing: (label: string, names: string[]) => `「${label}」中的图片缺少替代文字：${names.join('、')}。请在媒体库中为图片填写“替代文字”，方便视障读者了解图片内容`,
  slugFormat: '网址别名只能包含小写字母、数字和连字符',
  slugTaken: (slug: string) => `网址别名「${slug}」已被使用，请换一个`,
};

// ---------------------------------------------------------------------------------------------
// Hardening: drafts, uploads (cms/src/security/)
// ---------------------------------------------------------------------------------------------

// Answers to API callers and editors when the CMS refuses a request for security reasons.
export const securityMessages = {
  draftsForbidden: '草稿仅供预览令牌（shequ-preview）读取；站点构建令牌和其他调用方只能读取已发布内容',
  uploadNoExtension: (name: string) => `文件「${name}」没有扩展名。只能上传图片（JPG、PNG、WebP、AVIF、GIF）、PDF 文件和视频（MP4、WebM）`,
  uploadExtensionRefused: (name: string, ext: string) =>
    `文件「${name}」的类型（.${ext}）不允许上传。只能上传图片（JPG、PNG、WebP、AVIF、GIF）、PDF 文件和视频（MP4、WebM）；网页（HTML）和 SVG 图形一律不接受`,
  uploadHiddenExtension: (name: string, ext: string) => `文件名「${name}」中含有不允许的扩展名（.${ext}），请重命名后再上传`,
  uploadContentRefused: (name: string) =>
    `文件「${name}」的内容不是允许的图片、PDF 或视频格式（可能是网页、SVG 或程序文件改了扩展名），已拒绝上传`,
};

// ── The online gala (社区网络春晚): editions, sub-venues and programmes ──────────────────
// Kept in one section and merged into the shared tables below, so the dashboard labels,
// option translations and validation messages need no other change.

export const GALA_EDITION = 'api::gala-edition.gala-edition';
export const GALA_VENUE = 'api::gala-venue.gala-venue';
export const GALA_PROGRAMME = 'api::gala-programme.gala-programme';
export const galaKinds = ['song', 'dance', 'opera', 'recital', 'skit', 'other'] as const;

export const galaEnumLabels: Record<string, string> = {
  song: '歌曲',
  dance: '舞蹈',
  opera: '戏曲',
  recital: '朗诵',
  skit: '小品',
  other: '其他',
};

export const galaFieldLabels: Record<string, Record<string, string>> = {
  [GALA_EDITION]: {
    year: '年份',
    theme: '主题',
    startDate: '开始日期',
    endDate: '结束日期',
    introduction: '简介',
    venues: '分会场',
    programmes: '节目',
  },
  [GALA_VENUE]: {
    name: '分会场名称',
    edition: '所属届次',
    province: '所在省份',
    hostCommunity: '承办社区',
    programmes: '节目',
  },
  [GALA_PROGRAMME]: {
    title: '节目名称',
    kind: '节目类型',
    edition: '所属届次',
    venue: '分会场',
    community: '表演社区',
    durationMinutes: '时长（分钟）',
    performersCount: '演员人数',
    videoUrl: '视频链接（http 或 https 网址）',
    video: '上传视频（mp4 或 webm）',
    description: '节目简介（也是视频的文字说明）',
  },
};

export const galaMessages = {
  yearRange: (label: string, max: number) => `「${label}」应在 2012 年（首届网络春晚）到 ${max} 年之间`,
  yearTaken: (year: number) => `${year} 年的网络春晚已经存在，每年只能有一届`,
  datesOrder: (start: string, end: string) => `「${start}」不能晚于「${end}」`,
  durationRange: (label: string) => `「${label}」必须大于 0 且不超过 60 分钟`,
  performersMin: (label: string) => `「${label}」至少为 1 人`,
  notHttpUrl: (label: string) => `「${label}」必须是以 http:// 或 https:// 开头的网址`,
  notInList: (label: string, allowed: string[]) => `「${label}」只能是：${allowed.join('、')}`,
  needs: (thing: string, label: string) => `${thing}必须选择「${label}」`,
  venueOtherEdition: (venue: string) => `分会场「${venue}」属于另一届网络春晚，节目的分会场必须属于同一届`,
  venueHasOtherProgrammes: (n: number) => `该分会场下有 ${n} 个节目属于原来的届次，请先调整这些节目`,
  programme: '春晚节目',
  venue: '春晚分会场',
};

Object.assign(enumLabels, galaEnumLabels);
Object.assign(fieldLabels, galaFieldLabels);

// ── Draft preview (the dashboard's Preview panel; Strapi ships no Chinese for it) ───────────
export const previewPanelLabels: Record<string, string> = {
  'content-manager.preview.panel.title': '预览',
  'content-manager.preview.panel.button': '打开预览',
  'content-manager.preview.panel.button-disabled-tooltip': '请先保存，再打开预览',
  'content-manager.preview.page-title': '{contentType}预览',
  'content-manager.preview.header.close': '关闭预览',
  'content-manager.preview.copy.label': '复制预览链接',
  'content-manager.preview.copy.success': '已复制预览链接',
  'content-manager.preview.tabs.label': '预览状态',
  'content-manager.preview.content.close-editor': '收起编辑区',
  'content-manager.preview.content.open-editor': '展开编辑区',
  'content-manager.preview.device.select': '选择设备类型',
  'content-manager.preview.device.desktop': '电脑',
  'content-manager.preview.device.mobile': '手机',
};

// ─── Help requests (求助) ───────────────────────────────────────────────────────────────
// Dashboard labels of the help-request type, and what the public form's sender reads when the
// CMS refuses a submission (the CMS answers the form directly, so these are reader-facing).

Object.assign(enumLabels, {
  elderly: '老年人',
  disability: '残疾人',
  hardship: '生活困难',
  new: '新提交',
  in_progress: '处理中',
  resolved: '已解决',
  closed: '已关闭',
});

fieldLabels['api::help-request.help-request'] = {
  name: '称呼',
  contact: '联系方式',
  place: '所在社区或地点（求助人填写）',
  community: '所在社区（编辑核实后关联）',
  kind: '求助类别',
  description: '求助内容',
  handlingStatus: '处理状态',
  assignedCommunity: '承办社区',
  notes: '处理记录（仅编辑可见）',
  resolvedOn: '解决日期',
  submittedAt: '提交时间（自动）',
  clientHash: '来源标识（自动，不含IP地址）',
  fingerprint: '提交指纹（自动，用于识别重复提交）',
};
derivedFields['api::help-request.help-request'] = ['submittedAt', 'clientHash', 'fingerprint'];

export const helpRequestMessages = {
  // The form's fields as the reader knows them (site/src/i18n/zh-CN.ts shows the same words).
  formLabels: { name: '称呼', contact: '联系方式', place: '所在社区或地点', kind: '求助类别', description: '需要什么帮助' },
  pageTitle: '求助未能提交',
  pageIntro: '您的求助还没有提交成功，原因如下：',
  yourText: '您填写的内容（已为您保留，可复制后重新填写）：',
  goBack: '请使用浏览器的“返回”按钮回到表单修改，您填写的内容通常仍在表单中；也可以',
  backLink: '重新打开求助页面',
  duplicateTitle: '这条求助已经收到',
  duplicate: '相同内容的求助已经提交过，无需重复提交。工作人员会尽快与您联系。',
  required: (label: string) => `请填写「${label}」`,
  tooLong: (label: string, max: number) => `「${label}」最多 ${max} 个字`,
  tooShort: (label: string, min: number) => `「${label}」至少 ${min} 个字，请说明需要什么帮助`,
  badKind: '请选择求助类别',
  badContact: '「联系方式」请填写手机号码、带区号的固定电话或电子邮箱',
  badText: (label: string) => `「${label}」包含无法识别的字符，请删除后重试`,
  honeypot: '提交未被受理：表单中一个不应填写的隐藏栏目被填写了。如果您是手动填写的，请清空“请勿填写”一栏后重试',
  tokenMissing: '表单已失效，请刷新求助页面后重新提交',
  tokenExpired: '表单已过期，请刷新求助页面后重新提交（您填写的内容见下方）',
  tokenInvalid: '表单校验未通过，请刷新求助页面后重新提交',
  tooMany: '提交过于频繁，请稍后再试',
  tooLarge: '提交的内容过长，请精简后重试',
  wrongType: '不支持的提交格式',
  lengthRequired: '提交缺少内容长度',
  saveFailed: '系统暂时无法保存您的求助，请稍后重试，或直接联系所在社区',
} as const;

// ─── Ledger import (电子台账导入): the sheet's columns, its report and the dashboard page ───

// Column headers of the ledger sheet, in template order. Headers are the dashboard's field
// labels, so an editor reads the same word in the sheet, the form and the error report; the
// aliases are the names older community sheets use.
export const ledgerSheetHeaders = {
  divisionCode: '社区区划代码',
  title: '活动名称',
  activityDate: '活动日期',
  serviceFocus: '服务重点',
  serviceTypes: '服务类型',
  teamTypes: '参与队伍类型',
  volunteersCount: '志愿者人数',
  peopleServed: '服务人次',
  serviceHours: '服务时长（小时）',
  place: '活动地点',
  description: '活动记录',
  publish: '是否发布',
  ledgerNumber: '台账编号',
} as const;

export const ledgerSheetHeaderAliases: Record<string, keyof typeof ledgerSheetHeaders> = {
  区划代码: 'divisionCode',
  统计用区划代码: 'divisionCode',
  服务领域: 'serviceFocus',
  志愿队伍类型: 'teamTypes',
  志愿者队伍类型: 'teamTypes',
  服务人数: 'peopleServed',
  服务时长: 'serviceHours',
  活动内容: 'description',
  发布: 'publish',
};

export const ledgerImportMessages = {
  // File-level problems: nothing is imported.
  unsupportedFile: (name: string) => `不支持的文件「${name}」：请上传 .xlsx 或 .csv 文件（旧版 .xls 请在 Excel 中“另存为” .xlsx）`,
  unreadableXlsx: '无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式',
  unreadableCsv: (reason: string) => `无法读取该 CSV 文件：${reason}`,
  emptyFile: '文件中没有内容',
  noRows: '文件中只有表头，没有台账数据',
  tooManyRows: (max: number) => `一次最多导入 ${max} 行，请把文件拆分后分批导入`,
  missingColumns: (names: string[]) => `表头缺少必填列：${names.join('、')}。请使用台账模板的表头`,
  unknownColumns: (names: string[], known: string[]) => `表头中有无法识别的列：${names.join('、')}。可用的列：${known.join('、')}`,
  duplicateColumns: (names: string[]) => `表头中有重复的列：${names.join('、')}`,
  noFile: '请选择要导入的台账文件（.xlsx 或 .csv）',
  // Row-level problems, reported as 行, 列, 问题.
  unknownCommunity: (code: string) => `找不到区划代码为 ${code} 的社区档案，请先在“社区档案”中建立该社区`,
  badImportDate: (label: string) => `「${label}」不是有效日期（可写作 2026-03-05、2026/3/5 或 2026年3月5日）`,
  unknownChoice: (label: string, value: string, allowed: string[]) => `「${label}」中的「${value}」无法识别，可选：${allowed.join('、')}`,
  tooLong: (label: string, max: number) => `「${label}」不能超过 ${max} 个字`,
  badYesNo: (label: string) => `「${label}」只能填“是”或“否”`,
  noPublishPermission: '没有发布活动台账的权限：请把“是否发布”留空或填“否”，导入后由有权限的编辑发布',
  writeFailed: (reason: string) => `写入失败：${reason}`,
  alreadyImported: '已存在（此前已导入，未重复写入）',
  sameAsRow: (row: number) => `与第 ${row} 行是同一条台账，未重复写入`,
  // The dashboard page.
  menuLabel: '导入台账',
  pageTitle: '从表格导入活动台账',
  pageIntro: '上传社区的台账表格（Excel .xlsx 或 CSV），每一行是一次活动。有问题的行不会写入，会在下方列出；同一个文件重复导入不会产生重复台账。',
  downloadTemplate: '下载台账模板（CSV）',
  chooseFile: '选择文件',
  publishChoice: '导入后直接发布（不勾选则存为草稿，待审核后发布；表格中的“是否发布”列优先）',
  importButton: '导入',
  importing: '正在导入，请稍候……',
  summary: (imported: number, skipped: number, rejected: number) => `导入 ${imported} 行，已存在跳过 ${skipped} 行，有问题未导入 ${rejected} 行`,
  problemsTitle: '未导入的行',
  skippedTitle: '已存在、跳过的行',
  columnRow: '行',
  columnColumn: '列',
  columnProblem: '问题',
  requestFailed: '导入失败',
};

// ── Spam guard (document-middlewares/refuse-spam.ts; signatures in scripts/spam-guard/signatures.json) ──
export const spamMessages = {
  spamFound: (label: string, what: string, excerpt: string) => `「${label}」含有疑似垃圾广告内容：${what}（“${excerpt}”）。请删除后再保存或发布`,
  linkNotAllowed: (label: string, target: string) =>
    `「${label}」含有指向未允许网站的链接（${target}）。正文只能链接到本站和允许的网站（如政府网站 gov.cn），其他文字字段不能含有网址；如需增加允许的网站，请联系管理员`,
};
